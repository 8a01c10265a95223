package io.tiski.emailingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.tiski.emailingest.config.IntakeConfig;
import io.tiski.emailingest.domain.BounceReport;
import io.tiski.emailingest.domain.CustomerHtml;
import io.tiski.emailingest.domain.MimeMailParser;
import io.tiski.emailingest.domain.NewText;
import io.tiski.emailingest.domain.ParsedMail;
import io.tiski.emailingest.domain.SenderClassifier;
import io.tiski.emailingest.domain.ThreadingHints;
import io.tiski.emailingest.domain.UnreadableMailException;
import io.tiski.emailingest.repository.QuarantinedMail;
import io.tiski.emailingest.repository.ReceivedMail;
import io.tiski.objectstore.ObjectStore;
import io.tiski.events.v1.AttachmentReference;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EmailHeaders;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.SenderClassification;
import io.tiski.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Takes in one raw mail, from IMAP or the raw-MIME endpoint: it becomes exactly one InboundMessageReceived in the
 * outbox, or a quarantined mail with the reason, in the same transaction that records it as received.
 */
@ApplicationScoped
public class MailIntake {
    static final String SOURCE = "/tiski/email-ingest-service";
    private static final Logger LOG = Logger.getLogger(MailIntake.class);

    /** What became of one mail. */
    public enum Result { PUBLISHED, DUPLICATE, QUARANTINED }

    private final Outbox outbox;
    private final IntakeConfig config;
    private final MeterRegistry metrics;
    private final MimeMailParser parser;
    private final ObjectStore objects;

    MailIntake(Outbox outbox, IntakeConfig config, MeterRegistry metrics, ObjectStore objects) {
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
        this.objects = objects;
        this.parser = new MimeMailParser(config.maxAttachmentBytes());
    }

    @Transactional
    public Result accept(byte[] raw, String mailbox, String supportAddress) {
        Instant now = Instant.now();
        if (raw.length > config.maxMessageBytes()) {
            return quarantine(raw, mailbox, "the mail is " + raw.length + " bytes, more than the limit of "
                    + config.maxMessageBytes() + " (tiski.intake.max-message-bytes)", now);
        }
        ParsedMail mail;
        try {
            mail = parser.parse(raw);
        } catch (UnreadableMailException e) {
            return quarantine(raw, mailbox, e.getMessage(), now);
        }
        String textBody = mail.textBody() != null ? mail.textBody() : CustomerHtml.text(mail.htmlBody());
        String sourceMessageId = mail.messageId() != null ? mail.messageId() : "sha256-" + sha256(raw) + "@tiski";
        String dedupeKey = sha256((sourceMessageId + "\n" + (textBody == null ? "" : textBody))
                .getBytes(StandardCharsets.UTF_8));
        if (ReceivedMail.findById(dedupeKey) != null) {
            metrics.counter("tiski.intake.mail", "result", "duplicate").increment();
            return Result.DUPLICATE;
        }
        SenderClassification classification = new SenderClassifier(config.ownMessageIdDomain()).classify(mail);
        List<String> recipients = Stream.concat(mail.to().stream(), mail.cc().stream())
                .map(Participant::address).toList();
        String root = !mail.references().isEmpty() ? mail.references().get(0)
                : !mail.inReplyTo().isEmpty() ? mail.inReplyTo().get(0) : sourceMessageId;
        List<AttachmentReference> attachments = new ArrayList<>();
        for (var a : mail.attachments()) {
            if (a.content() == null) {
                String reason = a.size() > config.maxAttachmentBytes()
                        ? String.format(java.util.Locale.ROOT, "larger than the limit of %.1f MB per attachment; ask "
                                + "the customer for it another way", config.maxAttachmentBytes() / (1024.0 * 1024.0))
                        : "its encoding is damaged and it could not be decoded; the original mail is kept whole";
                attachments.add(new AttachmentReference(null, a.fileName(), a.mediaType(), a.size(), a.contentId(),
                        a.inline(), reason));
            } else {
                attachments.add(new AttachmentReference(objects.put(a.content()), a.fileName(), a.mediaType(),
                        a.size(), a.contentId(), a.inline(), null));
            }
        }
        String rawReference = objects.put(raw);
        InboundMessageReceived event = new InboundMessageReceived(UUID.randomUUID().toString(),
                now, Channel.EMAIL, sourceMessageId,
                "email:" + root, supportAddress, mail.from(), mail.to(), mail.cc(), mail.subject(), textBody,
                NewText.of(textBody), CustomerHtml.sanitise(mail.htmlBody()), null, classification,
                new EmailHeaders(mail.messageId(), mail.inReplyTo(), mail.references(),
                        ThreadingHints.subjectReference(mail.subject()).orElse(null),
                        ThreadingHints.plusAddressReference(supportAddress, recipients).orElse(null),
                        ThreadingHints.normalisedSubject(mail.subject()), mail.firstHeader("Auto-Submitted"),
                        classification == SenderClassification.BOUNCE ? BounceReport.of(mail) : null),
                attachments, rawReference, java.util.Map.of(), mailbox == null ? null : brandOf(mailbox),
                mailbox == null ? null : teamOf(mailbox));
        outbox.append(EventEnvelope.of(event, SOURCE));
        ReceivedMail received = new ReceivedMail();
        received.dedupeKey = dedupeKey;
        received.mailbox = mailbox;
        received.eventId = event.eventId();
        received.receivedAt = now;
        received.persist();
        metrics.counter("tiski.intake.mail", "result", "published", "classification", classification.name())
                .increment();
        LOG.debugf("Mail %s from %s (%s) published as event %s", sourceMessageId, mail.from().address(),
                classification, event.eventId());
        return Result.PUBLISHED;
    }

    /** Keeps a mail whose processing failed, with the reason, for an operator to replay. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void quarantine(byte[] raw, String mailbox, String reason) {
        quarantine(raw, mailbox, reason, Instant.now());
    }

    private Result quarantine(byte[] raw, String mailbox, String reason, Instant now) {
        QuarantinedMail q = new QuarantinedMail();
        q.id = UUID.randomUUID();
        q.mailbox = mailbox;
        q.reason = reason;
        q.raw = raw;
        q.size = raw.length;
        q.status = QuarantinedMail.WAITING;
        q.receivedAt = now;
        q.persist();
        metrics.counter("tiski.intake.mail", "result", "quarantined").increment();
        LOG.warnf("Mail quarantined as %s (mailbox %s): %s", q.id, mailbox, reason);
        return Result.QUARANTINED;
    }

    private String brandOf(String mailbox) {
        IntakeConfig.Mailbox config = this.config.mailboxes().get(mailbox);
        return config == null ? null : config.brand().orElse(null);
    }

    private String teamOf(String mailbox) {
        IntakeConfig.Mailbox config = this.config.mailboxes().get(mailbox);
        return config == null ? null : config.team().orElse(null);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
