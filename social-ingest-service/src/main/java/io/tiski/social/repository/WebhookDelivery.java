package io.tiski.social.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A verified webhook request, kept from before it is answered until it has been taken in (or quarantined). */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {
    @Id
    public Long id;
    public String platform;
    public String connection;
    public String bodySha256;
    public byte[] payload;
    public Instant receivedAt;
    /** WAITING, DONE or QUARANTINED. */
    public String status;
    public int attempts;
    public Instant nextAttemptAt;
    public String lastError;
    public Instant processedAt;
}
