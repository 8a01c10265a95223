package io.tiski.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A browser session; the cookie's value is known only to the browser, the table keeps its SHA-256. */
@Entity
@Table(name = "agent_session")
public class AgentSession extends PanacheEntityBase {
    @Id
    public String idSha256;
    public String username;
    public String csrfToken;
    public Instant createdAt;
    public Instant lastSeenAt;
    public Instant expiresAt;
    public String clientAddress;
    public String userAgent;
}
