package io.tiski.social.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Throws mangled webhook bodies at the platforms' parsers (Messenger, Instagram, WhatsApp, Telegram, X): every body
 * must end as a parsed delivery (whose messages become events) or as an {@link UnreadablePayloadException} (which
 * becomes a quarantined delivery with the reason), never another exception and never a hang. The seeds are real
 * shapes of each platform's payload in {@code src/test/resources/webhook-corpus}; jqwik mutates them (bytes
 * flipped, dropped, duplicated, cut off, JSON tokens spliced in, deep nesting) and shrinks a failure to a small
 * input it reports with its seed. The number of tries is {@code jqwik.tries.default} (junit-platform.properties);
 * a long run: {@code ./mvnw -pl social-ingest-service test -Dtest=WebhookParserFuzzTest -Djqwik.tries.default=200000}.
 */
class WebhookParserFuzzTest {
    static final Path CORPUS = Path.of("src/test/resources/webhook-corpus");
    static final Duration BOUND = Duration.ofSeconds(5);
    static final List<String> TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e999",
            "\"\\u0000\"", "\"\\ud800\"", "{\"id\":{}}", "[[[[[[[[", "\"message\"", "\"entry\"", "\"from\"",
            "\"timestamp\":\"x\"", "\"text\":[]", "9999999999999999999999");

    record Seed(String name, byte[] body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Seed> seeds() {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.sorted().map(f -> {
                try {
                    return new Seed(f.getFileName().toString(), Files.readAllBytes(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the webhook corpus is missing: " + CORPUS.toAbsolutePath(), e);
        }
    }

    /** Which parser reads a seed, by its file name's first word, as the webhook resource would call it. */
    static ParsedDelivery parse(String seed, byte[] body) {
        String platform = seed.substring(0, seed.indexOf('-'));
        return switch (platform) {
            case "messenger" -> MetaEvents.parse("shop", "messenger", "PAGE", body);
            case "instagram" -> MetaEvents.parse("shop", "instagram", "IGACCOUNT", body);
            case "whatsapp" -> MetaEvents.parse("shop", "whatsapp", "PN", body);
            case "telegram" -> TelegramUpdates.parse("shop", body);
            case "x" -> XEvents.parse("shop", "SHOP", body);
            default -> throw new IllegalArgumentException("no parser for the seed " + seed);
        };
    }

    @Example
    void everySeedIsReadAsAtLeastOneMessage() {
        assertThat(seeds()).hasSizeGreaterThanOrEqualTo(5);
        for (Seed seed : seeds()) {
            assertThat(parse(seed.name(), seed.body()).messages()).as(seed.name()).isNotEmpty();
        }
    }

    @Property
    void aMangledBodyIsReadOrRefusedWithAReason(@ForAll("mangledBodies") Seed mangled) throws Exception {
        CompletableFuture<Void> attempt = CompletableFuture.runAsync(() -> {
            try {
                ParsedDelivery parsed = parse(mangled.name(), mangled.body());
                assertThat(parsed.messages()).allSatisfy(m -> {
                    assertThat(m.conversationKey()).isNotBlank();
                    assertThat(m.sourceMessageId()).isNotBlank();
                });
            } catch (UnreadablePayloadException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        });
        assertThatCode(() -> attempt.get(BOUND.toMillis(), TimeUnit.MILLISECONDS))
                .as("%s (%d bytes): %s", mangled.name(), mangled.body().length,
                        new String(mangled.body(), StandardCharsets.UTF_8))
                .doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<Seed> mangledBodies() {
        Arbitrary<Seed> seed = Arbitraries.of(seeds());
        return seed.flatMap(s -> mutation(s.body()).map(body -> new Seed(s.name(), body)));
    }

    static Arbitrary<byte[]> mutation(byte[] body) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, body.length);
        Arbitrary<byte[]> flipped = Combinators.combine(at, Arbitraries.bytes()).as((i, b) -> {
            byte[] copy = body.clone();
            copy[Math.min(i, copy.length - 1)] = b;
            return copy;
        });
        Arbitrary<byte[]> cut = at.map(i -> Arrays.copyOf(body, i));
        Arbitrary<byte[]> dropped = Combinators.combine(at, Arbitraries.integers().between(1, 40)).as((i, n) -> {
            int end = Math.min(body.length, i + n);
            byte[] copy = new byte[body.length - (end - i)];
            System.arraycopy(body, 0, copy, 0, i);
            System.arraycopy(body, end, copy, i, body.length - end);
            return copy;
        });
        Arbitrary<byte[]> spliced = Combinators.combine(at, Arbitraries.of(TOKENS)).as((i, token) -> {
            byte[] insert = token.getBytes(StandardCharsets.UTF_8);
            byte[] copy = new byte[body.length + insert.length];
            System.arraycopy(body, 0, copy, 0, i);
            System.arraycopy(insert, 0, copy, i, insert.length);
            System.arraycopy(body, i, copy, i + insert.length, body.length - i);
            return copy;
        });
        Arbitrary<byte[]> nested = Arbitraries.integers().between(100, 100_000).map(depth -> ("{\"object\":\"page\","
                + "\"entry\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> twice = Arbitraries.integers().between(1, 4).map(times -> {
            byte[] copy = new byte[body.length * times];
            for (int t = 0; t < times; t++) {
                System.arraycopy(body, 0, copy, t * body.length, body.length);
            }
            return copy;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, flipped), net.jqwik.api.Tuple.of(2, cut), net.jqwik.api.Tuple.of(3, dropped),
                net.jqwik.api.Tuple.of(4, spliced), net.jqwik.api.Tuple.of(1, nested), net.jqwik.api.Tuple.of(1, twice));
    }
}
