package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An inbox view an agent saved: its filters as a query string, for the agent alone or shared with a team. */
@Entity
@Table(name = "saved_view")
public class SavedView extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String owner;
    /** The team it is shared with; null for the owner's own view. */
    public String team;
    /** The list endpoint's query parameters, e.g. {@code status=OPEN&tag=vip}. */
    public String filters;
    public String sort;
    public int position;
    public Instant createdAt;
    public Instant updatedAt;
}
