package io.tiski.social.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A platform conversation: who replies go to, and when the customer last wrote (the platforms' windows). */
@Entity
@Table(name = "social_conversation")
public class SocialConversation extends PanacheEntityBase {
    @Id
    public String conversationKey;
    public String platform;
    public String connection;
    public String recipientId;
    /** The customer's name as the platform showed it when the conversation began. */
    public String displayName;
    public Instant lastCustomerMessageAt;
}
