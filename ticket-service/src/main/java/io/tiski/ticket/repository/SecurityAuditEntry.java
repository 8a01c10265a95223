package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One security-relevant action: a sign-in, a role change, a token made or revoked, an export or erasure. */
@Entity
@Table(name = "security_audit")
public class SecurityAuditEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Instant occurredAt;
    public String action;
    public String outcome;
    public String actor;
    public String subject;
    public String clientAddress;
    public String detail;
}
