package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Which ticket events an agent is told of by email, and where. */
@Entity
@Table(name = "agent_notification_settings")
public class AgentNotificationSettings extends PanacheEntityBase {
    @Id
    public String agent;
    public String email;
    public boolean onAssigned;
    public boolean onCustomerReply;
    public boolean onSlaWarning;
    public Instant updatedAt;
}
