package io.tiski.emailingest.service;

import io.tiski.emailingest.repository.QuarantinedMail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What operators see of quarantined mail, and the replay after a fix. */
@ApplicationScoped
public class Quarantine {
    private final MailIntake intake;
    private final io.tiski.emailingest.config.IntakeConfig config;

    Quarantine(MailIntake intake, io.tiski.emailingest.config.IntakeConfig config) {
        this.intake = intake;
        this.config = config;
    }

    public record Item(UUID id, String mailbox, String reason, long size, String status, Instant receivedAt,
            String replayResult) {
    }

    @Transactional
    public List<Item> waiting() {
        return QuarantinedMail.<QuarantinedMail>find("status = ?1 order by receivedAt", QuarantinedMail.WAITING)
                .list().stream().map(q -> item(q, null)).toList();
    }

    @Transactional
    public Optional<byte[]> raw(UUID id) {
        return QuarantinedMail.<QuarantinedMail>findByIdOptional(id).map(q -> q.raw);
    }

    /** Processes the mail again; if it still fails, a new quarantine entry says why and this one is resolved. */
    @Transactional
    public Optional<Item> replay(UUID id) {
        return QuarantinedMail.<QuarantinedMail>findByIdOptional(id).map(q -> {
            // the mail goes back through the door it came in: its mailbox's support address
            var mailbox = config.mailboxes().get(q.mailbox);
            MailIntake.Result result = intake.accept(q.raw, q.mailbox,
                    mailbox != null ? mailbox.supportAddress() : config.contactFormAddress());
            q.status = QuarantinedMail.REPLAYED;
            q.resolvedAt = Instant.now();
            return item(q, result.name());
        });
    }

    private static Item item(QuarantinedMail q, String replayResult) {
        return new Item(q.id, q.mailbox, q.reason, q.size, q.status, q.receivedAt, replayResult);
    }
}
