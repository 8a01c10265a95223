package io.tiski.emailingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tiski.events.v1.Topics;
import io.tiski.infrastructure.testing.KafkaTestResource;
import io.tiski.infrastructure.testing.MailTestResource;
import io.tiski.infrastructure.testing.PostgresTestResource;
import io.tiski.infrastructure.testing.TopicProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Mail that reaches the mailbox while the reader is taking in earlier mail, after it searched for new UIDs and
 * before it waits in IMAP IDLE, is taken in at once. The server reports it as the IDLE begins, and that report
 * alone does not end the IDLE: before, such mail waited for the IDLE's renewal (ten minutes by default) unless
 * more mail came.
 */
@QuarkusTest
@TestProfile(MailArrivingWhileTheMailboxIsReadTest.ReaderWithLongIdle.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MailTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service",
        value = "email_ingest"))
class MailArrivingWhileTheMailboxIsReadTest {
    /** The support mailbox in IMAP IDLE, renewed only after a minute, and the progress that lets mail arrive. */
    public static class ReaderWithLongIdle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tiski.intake.mailboxes.support.idle", "true",
                    "tiski.intake.mailboxes.support.idle-renewal", "PT60S");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ProgressThatLetsMailArrive.class);
        }
    }

    /** Takes mail in as the service does, and runs the armed action right after the next mail it takes in. */
    @Alternative
    @ApplicationScoped
    public static class ProgressThatLetsMailArrive extends MailboxProgress {
        static final AtomicReference<Runnable> AFTER_NEXT_MAIL = new AtomicReference<>();

        @Inject
        ProgressThatLetsMailArrive(MailIntake intake) {
            super(intake);
        }

        /** For the client proxy. */
        ProgressThatLetsMailArrive() {
            super(null);
        }

        @Override
        @Transactional
        public MailIntake.Result takeIn(String mailbox, String supportAddress, long uidValidity, long uid,
                byte[] raw) {
            MailIntake.Result result = super.takeIn(mailbox, supportAddress, uidValidity, uid, raw);
            Runnable action = AFTER_NEXT_MAIL.getAndSet(null);
            if (action != null) {
                action.run();
            }
            return result;
        }
    }

    final TopicProbe topics = TopicProbe.ofTestBroker();

    @Test
    void mailArrivingWhileEarlierMailIsTakenInIsTakenInWithoutWaitingForTheIdleRenewal() throws Exception {
        String first = "first-" + UUID.randomUUID() + "@example.fi";
        String second = "second-" + UUID.randomUUID() + "@example.fi";
        // delivered (the SMTP server stores it before its 250) while the reader is still inside its read
        ProgressThatLetsMailArrive.AFTER_NEXT_MAIL.set(() -> send(second, "Toinen viesti"));
        send(first, "Ensimmäinen viesti");

        topics.await(Topics.INBOUND_MESSAGES, r -> contains(r.value(), first), 1, Duration.ofSeconds(20));
        // well within the minute after which the IDLE would be renewed and the mailbox read again anyway
        topics.await(Topics.INBOUND_MESSAGES, r -> contains(r.value(), second), 1, Duration.ofSeconds(15));
        assertThat(ProgressThatLetsMailArrive.AFTER_NEXT_MAIL.get()).as("the second mail was sent").isNull();
    }

    private static boolean contains(byte[] value, String text) {
        return new String(value, StandardCharsets.UTF_8).contains(text);
    }

    private static void send(String messageId, String subject) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(MailTestResource.server().smtpPort()));
        try {
            MimeMessage mail = new MimeMessage(Session.getInstance(props)) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + messageId + ">");
                }
            };
            mail.setFrom(new InternetAddress("aino.korhonen@example.fi", "Aino Korhonen", "UTF-8"));
            mail.setRecipients(Message.RecipientType.TO, "support@localhost");
            mail.setSubject(subject, "UTF-8");
            mail.setText("Hei, missä tilaukseni on?", "UTF-8");
            Transport.send(mail);
        } catch (MessagingException | java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("could not send " + messageId, e);
        }
    }
}
