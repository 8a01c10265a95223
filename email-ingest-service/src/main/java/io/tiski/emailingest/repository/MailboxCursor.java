package io.tiski.emailingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** How far a mailbox has been read: the last UID taken in, valid while UIDVALIDITY stays the same. */
@Entity
@Table(name = "mailbox_cursor")
public class MailboxCursor extends PanacheEntityBase {
    @Id
    public String mailbox;
    public long uidValidity;
    public long lastUid;
    public Instant updatedAt;
}
