package io.tiski.emailingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A mail that could not be processed, kept whole with the reason. */
@Entity
@Table(name = "quarantined_mail")
public class QuarantinedMail extends PanacheEntityBase {
    public static final String WAITING = "WAITING";
    public static final String REPLAYED = "REPLAYED";

    @Id
    public UUID id;
    public String mailbox;
    public String reason;
    @Basic(fetch = FetchType.LAZY)
    public byte[] raw;
    public long size;
    public String status;
    public Instant receivedAt;
    public Instant resolvedAt;
}
