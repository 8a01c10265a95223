package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A ticket's satisfaction survey: when it is due, when it was sent, and the customer's answer. */
@Entity
@Table(name = "satisfaction_survey")
public class SatisfactionSurvey extends PanacheEntityBase {
    @Id
    public UUID ticketId;
    public String tokenSha256;
    public Instant dueAt;
    public Instant requestedAt;
    /** GOOD or BAD, once answered. */
    public String rating;
    public String comment;
    public Instant answeredAt;
    public Instant createdAt;
}
