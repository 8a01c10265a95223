package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One way to reach a customer: an email address, or a user id on a social platform. */
@Entity
@Table(name = "customer_identity")
public class CustomerIdentity extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID customerId;
    public String channel;
    public String address;
    public Instant createdAt;
}
