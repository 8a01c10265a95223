package io.tiski.emailingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Throws malformed MIME at the parser: every input must end as a parsed mail (which becomes an event) or as an
 * UnreadableMailException (which becomes a quarantined mail), never another exception, never a hang.
 * Mutations of the corpus are seeded, so a failure names the seed that reproduces it; set
 * {@code -Dtiski.fuzz.cases=100000} for a long run.
 */
class MalformedMailFuzzTest {
    static final Duration BOUND = Duration.ofSeconds(5);
    static final MimeMailParser PARSER = new MimeMailParser(1024 * 1024);

    static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (Path dir : List.of(Path.of("src/test/resources/mail-corpus"), Path.of("../../shared/corpus/mail/zammad"),
                Path.of("../../shared/corpus/mail/mailgun-talon"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.sorted().toList()) {
                        seeds.add(Files.readAllBytes(file));
                    }
                }
            }
        }
        return seeds;
    }

    static Stream<Long> cases() {
        int count = Integer.getInteger("tiski.fuzz.cases", 1500);
        return IntStream.range(0, count).mapToObj(i -> 0x7155_0000L + i);
    }

    static final List<byte[]> SEEDS;

    static {
        try {
            SEEDS = seeds();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One of several kinds of damage real mail suffers in transit, in storage or from broken software. */
    static byte[] mutate(byte[] input, Random random) {
        byte[] out = input;
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && out.length > 0; m++) {
            int at = random.nextInt(out.length);
            out = switch (random.nextInt(8)) {
                case 0 -> java.util.Arrays.copyOf(out, at); // truncated anywhere, boundaries included
                case 1 -> splice(out, at, Math.min(out.length, at + random.nextInt(200)), new byte[0]);
                case 2 -> splice(out, at, at, java.util.Arrays.copyOfRange(out, random.nextInt(out.length),
                        out.length)); // duplicated tail
                case 3 -> flip(out, random);
                case 4 -> splice(out, at, at, "\r\n--unterminated-boundary\r\nContent-Type: multipart/mixed\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                case 5 -> splice(out, at, at, "=?utf-8?B?!!not*base64?= =?x-unknown?Q?=ZZ=?= "
                        .getBytes(StandardCharsets.US_ASCII));
                case 6 -> splice(out, at, at, ("\r\nContent-Transfer-Encoding: base64\r\nContent-Type: text/plain; "
                        + "charset=\"\u0000bogus\"\r\n").getBytes(StandardCharsets.ISO_8859_1));
                default -> splice(out, at, at, new byte[] {0, (byte) 0xff, (byte) 0xfe, '\r', '\r', '\n', 0});
            };
        }
        return out;
    }

    static byte[] splice(byte[] in, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
        out.write(in, 0, from);
        out.write(insert, 0, insert.length);
        out.write(in, to, in.length - to);
        return out.toByteArray();
    }

    static byte[] flip(byte[] in, Random random) {
        byte[] out = in.clone();
        for (int i = 0; i < 1 + random.nextInt(20); i++) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
    }

    static void parsesOrIsUnreadable(byte[] raw) {
        try {
            ParsedMail mail = PARSER.parse(raw);
            assertThat(mail.from().address()).isNotBlank();
            NewText.of(mail.textBody() != null ? mail.textBody() : CustomerHtml.text(mail.htmlBody()));
            CustomerHtml.sanitise(mail.htmlBody());
        } catch (UnreadableMailException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("cases")
    void damagedMailIsParsedOrQuarantinedInTime(long seed) {
        Random random = new Random(seed);
        byte[] raw = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
        assertTimeoutPreemptively(BOUND, () -> parsesOrIsUnreadable(raw), "seed " + seed);
    }

    @Test
    void tenThousandNestedPartsAreRefusedQuickly() {
        StringBuilder mail = new StringBuilder("From: deep@example.com\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n");
        for (int i = 0; i < 10_000; i++) {
            mail.append("--b").append(i).append("\r\nContent-Type: multipart/mixed; boundary=b").append(i + 1)
                    .append("\r\n\r\n");
        }
        byte[] raw = mail.toString().getBytes(StandardCharsets.US_ASCII);
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> PARSER.parse(raw))
                .isInstanceOf(UnreadableMailException.class).hasMessageContaining("nested deeper"));
    }

    @Test
    void tenThousandSiblingPartsAreListed() {
        StringBuilder mail = new StringBuilder("From: wide@example.com\r\nContent-Type: multipart/mixed; boundary=w\r\n\r\n");
        for (int i = 0; i < 10_000; i++) {
            mail.append("--w\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=f")
                    .append(i).append(".bin\r\n\r\nx\r\n");
        }
        mail.append("--w--\r\n");
        byte[] raw = mail.toString().getBytes(StandardCharsets.US_ASCII);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThat(PARSER.parse(raw).attachments())
                .hasSize(10_000));
    }

    @Test
    void fiftyMegabyteHeaderEndsInTime() {
        byte[] header = ("From: big@example.com\r\nX-Big: " + "a".repeat(50 * 1024 * 1024) + "\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> parsesOrIsUnreadable(header));
    }

    @Test
    void emptyAndGarbageInputAreUnreadable() {
        assertThatThrownBy(() -> PARSER.parse(new byte[0])).isInstanceOf(UnreadableMailException.class);
        byte[] garbage = new byte[4096];
        new Random(1).nextBytes(garbage);
        assertTimeoutPreemptively(BOUND, () -> parsesOrIsUnreadable(garbage));
    }
}
