package io.tiski.social.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One reply request sent (or refused) on a platform. */
@Entity
@Table(name = "social_reply")
public class SocialReply extends PanacheEntityBase {
    @Id
    public String requestId;
    public String ticketId;
    public long ticketNumber;
    public String channel;
    public String conversationKey;
    public String kind;
    /** SENDING, SENT, DELIVERED, READ or FAILED. */
    public String status;
    public String providerMessageId;
    public String reason;
    public Instant createdAt;
    public Instant updatedAt;
}
