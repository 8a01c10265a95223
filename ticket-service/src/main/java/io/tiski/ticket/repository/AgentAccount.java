package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person who signs in: an agent, team lead, administrator or read-only user. */
@Entity
@Table(name = "agent_account")
public class AgentAccount extends PanacheEntityBase {
    @Id
    public String username;
    public String displayName;
    public String email;
    public String role;
    public String locale;
    /** Argon2id in PHC form; null for accounts that sign in only through OpenID Connect. */
    public String passwordHash;
    public Instant passwordChangedAt;
    public int failedSignIns;
    public Instant lockedUntil;
    public Instant disabledAt;
    public Instant createdAt;
    public Instant lastSignInAt;

    public boolean disabled() {
        return disabledAt != null;
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
