package io.tiski.emailingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiski.events.v1.EmailHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BounceReportTest {
    @Test
    void aDeliveryStatusNotificationNamesTheFailedMessageRecipientAndStatus() throws Exception {
        ParsedMail mail = new MimeMailParser().parse(Files.readAllBytes(Path.of(
                "src/test/resources/mail-corpus/dsn-bounce.eml")));
        EmailHeaders.Bounce bounce = BounceReport.of(mail);
        assertThat(bounce.originalMessageId()).isEqualTo("reply.9@tiski.localhost");
        assertThat(bounce.failedRecipients()).containsExactly("erik@example.se");
        assertThat(bounce.status()).isEqualTo("5.1.1");
        assertThat(bounce.permanent()).isTrue();
    }

    @Test
    void postfixBounceFromTheSharedCorpus() throws Exception {
        Path file = Path.of("../../shared/corpus/mail/zammad/mail033-undelivered-mail-returned-to-sender-notification.box");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(file) || System.getenv("CI") != null,
                "shared corpus not present");
        EmailHeaders.Bounce bounce = BounceReport.of(new MimeMailParser().parse(Files.readAllBytes(file)));
        assertThat(bounce.originalMessageId()).isNotBlank();
        assertThat(bounce.status()).startsWith("5.");
        assertThat(bounce.failedRecipients()).isNotEmpty();
        assertThat(bounce.diagnostic()).isNotBlank();
    }
}
