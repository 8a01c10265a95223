package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "ticket")
public class Ticket extends PanacheEntityBase {
    @Id
    public UUID id;
    public long number;
    public String subject;
    public String channel;
    public String status;
    public String priority;
    public String type;
    public UUID customerId;
    public String conversationKey;
    public String inboxAddress;
    public String language;
    public UUID linkedTicketId;
    /** The ticket this one was merged into; its messages and threads now live there. */
    public UUID mergedInto;
    /** The ticket this one was split off, if an agent split one of its messages into a ticket of its own. */
    public UUID splitFrom;
    public String assignee;
    public String brand;
    public String team;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant lastMessageAt;
    public Instant statusChangedAt;
    /** The code from the managed list of contact reasons, chosen by an agent. */
    public String contactReason;
    /** The state of the most urgent SLA clock (BREACHED before RUNNING before PAUSED), null without a policy. */
    public String slaState;
    /** The due time of the most urgent running or breached clock. */
    public Instant slaDueAt;
}
