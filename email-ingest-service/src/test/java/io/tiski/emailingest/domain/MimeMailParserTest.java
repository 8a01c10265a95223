package io.tiski.emailingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeMailParserTest {
    final MimeMailParser parser = new MimeMailParser();

    @Test
    void encodedWordsAndLatin1Bodies() throws Exception {
        byte[] raw = ("From: =?ISO-8859-1?Q?J=F6rg_=C5str=F6m?= <jorg@example.se>\r\n"
                + "Subject: =?UTF-8?B?VGlsYXVzIGVpIG9sZSBzYWFwdW51dA==?=\r\n"
                + "Content-Type: text/plain; charset=iso-8859-1\r\n\r\nHälsningar från Åbo\r\n")
                .getBytes(Charset.forName("ISO-8859-1"));
        ParsedMail mail = parser.parse(raw);
        assertThat(mail.from().displayName()).isEqualTo("Jörg Åström");
        assertThat(mail.subject()).isEqualTo("Tilaus ei ole saapunut");
        assertThat(mail.textBody()).startsWith("Hälsningar från Åbo");
    }

    @Test
    void wronglyDeclaredUtf8FallsBackToWindows1252() throws Exception {
        byte[] raw = ("From: a@example.fi\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nP\u00e4iv\u00e4\r\n")
                .getBytes(Charset.forName("windows-1252"));
        assertThat(parser.parse(raw).textBody()).startsWith("Päivä");
    }

    @Test
    void multipartAlternativeWithAttachment() throws Exception {
        String raw = "From: a@example.fi\r\nContent-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                + "--outer\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n"
                + "--inner\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHei\r\n"
                + "--inner\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hei</p><script>x()</script>\r\n"
                + "--inner--\r\n"
                + "--outer\r\nContent-Type: image/jpeg; name=\"kuva.jpg\"\r\nContent-Disposition: attachment; "
                + "filename=\"kuva.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/4AAQ\r\n--outer--\r\n";
        ParsedMail mail = parser.parse(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(mail.textBody()).startsWith("Hei");
        assertThat(mail.htmlBody()).contains("<p>Hei</p>");
        assertThat(CustomerHtml.sanitise(mail.htmlBody())).doesNotContain("script");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("kuva.jpg");
            assertThat(a.mediaType()).isEqualTo("image/jpeg");
            assertThat(a.size()).isEqualTo(6);
        });
    }

    @Test
    void mailWithoutSenderIsUnreadable() {
        assertThatThrownBy(() -> parser.parse("Subject: x\r\n\r\nbody".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMailException.class).hasMessageContaining("no sender");
    }

    @Test
    void newTextStopsAtQuoteHeadersInThreeLanguages() {
        assertThat(NewText.of("Kiitos!\n\nMaija kirjoitti 1.2.2026 klo 10.00:\n> vanha")).isEqualTo("Kiitos!");
        assertThat(NewText.of("Tack!\n\nDen 1 feb. 2026 skrev Erik <e@x.se>:\n> gammal")).isEqualTo("Tack!");
        assertThat(NewText.of("Thanks!\n\nOn Mon, 1 Feb 2026 at 10:00, Ann <a@x.com> wrote:\n> old"))
                .isEqualTo("Thanks!");
        assertThat(NewText.of("Selvä.\n\nLähettäjä: Tuki <support@shop.fi>\nLähetetty: maanantai\nvanha"))
                .isEqualTo("Selvä.");
    }

    @Test
    void subjectsAreNormalised() {
        assertThat(ThreadingHints.normalisedSubject("VS: SV: Re: [#1042] Tilaus")).isEqualTo("Tilaus");
        assertThat(ThreadingHints.subjectReference("Re: [#1042] Tilaus")).contains("1042");
    }
}
