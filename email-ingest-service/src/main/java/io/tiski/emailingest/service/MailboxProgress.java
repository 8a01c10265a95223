package io.tiski.emailingest.service;

import io.tiski.emailingest.repository.MailboxCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * Takes in one mail of a mailbox and moves the mailbox's cursor past it in the same transaction, so a crash
 * between fetching and publishing neither skips nor doubles a mail.
 */
@ApplicationScoped
public class MailboxProgress {
    private final MailIntake intake;

    MailboxProgress(MailIntake intake) {
        this.intake = intake;
    }

    @Transactional
    public Optional<MailboxCursor> cursor(String mailbox) {
        return MailboxCursor.findByIdOptional(mailbox);
    }

    /** A new UIDVALIDITY means the server renumbered the folder: read it again; duplicates are dropped by hash. */
    @Transactional
    public MailboxCursor restart(String mailbox, long uidValidity) {
        MailboxCursor cursor = MailboxCursor.findById(mailbox);
        if (cursor == null) {
            cursor = new MailboxCursor();
            cursor.mailbox = mailbox;
            cursor.uidValidity = uidValidity;
            cursor.lastUid = 0;
            cursor.updatedAt = Instant.now();
            cursor.persist();
        } else {
            cursor.uidValidity = uidValidity;
            cursor.lastUid = 0;
            cursor.updatedAt = Instant.now();
        }
        return cursor;
    }

    @Transactional
    public MailIntake.Result takeIn(String mailbox, String supportAddress, long uidValidity, long uid, byte[] raw) {
        MailboxCursor cursor = MailboxCursor.findById(mailbox, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (cursor.uidValidity == uidValidity && uid <= cursor.lastUid) {
            return MailIntake.Result.DUPLICATE;
        }
        MailIntake.Result result = intake.accept(raw, mailbox, supportAddress);
        advance(cursor, uidValidity, uid);
        return result;
    }

    /** When taking a mail in fails unexpectedly, it is quarantined so the rest of the mailbox keeps flowing. */
    @Transactional
    public void quarantine(String mailbox, long uidValidity, long uid, byte[] raw, String reason) {
        MailboxCursor cursor = MailboxCursor.findById(mailbox, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (cursor.uidValidity == uidValidity && uid <= cursor.lastUid) {
            return;
        }
        intake.quarantine(raw, mailbox, reason);
        advance(cursor, uidValidity, uid);
    }

    private static void advance(MailboxCursor cursor, long uidValidity, long uid) {
        cursor.uidValidity = uidValidity;
        cursor.lastUid = uid;
        cursor.updatedAt = Instant.now();
    }
}
