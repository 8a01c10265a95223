package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "customer")
public class Customer extends PanacheEntityBase {
    @Id
    public UUID id;
    public String displayName;
    public String language;
    public Instant createdAt;
    /** Set when this customer was merged into another. */
    public UUID mergedInto;
    /** A group SLA policies can match on, e.g. "vip" or "b2b". */
    public String customerGroup;
}
