package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An SLA policy as stored: its conditions, targets and escalation in a JSON definition. */
@Entity
@Table(name = "sla_policy")
public class StoredSlaPolicy extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public int position;
    public boolean active;
    public UUID calendarId;
    public String definition;
    public Instant createdAt;
    public Instant updatedAt;
}
