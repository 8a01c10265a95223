package io.tiski.ticket.security;

import io.tiski.ticket.config.SecurityConfig;
import io.tiski.ticket.repository.ApiToken;
import io.tiski.ticket.security.SecurityAudit.Action;
import io.tiski.ticket.security.SecurityAudit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Personal API tokens for scripts and integrations: made by an agent for themselves (with their role or a lower
 * one, always with an expiry), shown once, listed without their secret, revoked by their owner or an administrator.
 */
@ApplicationScoped
public class ApiTokens {
    /** Personal tokens start with this, so a leaked one is recognisable (secret scanners, logs). */
    public static final String PREFIX = "tsk_";

    private final SecurityConfig config;
    private final SecurityAudit audit;

    ApiTokens(SecurityConfig config, SecurityAudit audit) {
        this.config = config;
        this.audit = audit;
    }

    /** A token just made: {@code secret} is shown to its maker this once and never stored. */
    public record Created(ApiToken token, String secret) {
    }

    @Transactional
    public Created create(String owner, String ownerRole, String name, String role, Duration lifetime,
            String clientAddress) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("name: 1 to 100 characters, to recognise the token by");
        }
        String tokenRole = role == null ? ownerRole : role;
        if (!Roles.known(tokenRole)) {
            throw new IllegalArgumentException("role: one of " + Roles.ALL);
        }
        if (!Roles.atLeast(ownerRole, tokenRole)) {
            throw new jakarta.ws.rs.ForbiddenException("A token cannot have more privileges than its maker ("
                    + ownerRole + ")");
        }
        Duration life = lifetime == null ? config.tokens().defaultLifetime() : lifetime;
        if (life.isNegative() || life.isZero() || life.compareTo(config.tokens().maxLifetime()) > 0) {
            throw new IllegalArgumentException("expiresInDays: 1 to " + config.tokens().maxLifetime().toDays());
        }
        String secret = Secrets.random(PREFIX);
        ApiToken token = new ApiToken();
        token.id = UUID.randomUUID();
        token.tokenSha256 = TokenDigest.sha256(secret);
        token.name = name.strip();
        token.agentName = owner;
        token.role = tokenRole;
        token.createdAt = Instant.now();
        token.expiresAt = token.createdAt.plus(life);
        token.persist();
        audit.record(Action.TOKEN_CREATED, Outcome.SUCCESS, owner, owner, clientAddress,
                "token '" + token.name + "' (" + token.id + "), role " + tokenRole + ", expires " + token.expiresAt);
        return new Created(token, secret);
    }

    public List<ApiToken> of(String owner) {
        return ApiToken.list("agentName = ?1 order by createdAt desc", owner);
    }

    @Transactional
    public ApiToken revoke(String owner, UUID id, String actor, String clientAddress) {
        ApiToken token = ApiToken.findById(id);
        if (token == null || !token.agentName.equals(owner)) {
            throw new NotFoundException("No token " + id + " of '" + owner + "'");
        }
        if (token.revokedAt == null) {
            token.revokedAt = Instant.now();
            audit.record(Action.TOKEN_REVOKED, Outcome.SUCCESS, actor, owner, clientAddress,
                    "token '" + token.name + "' (" + token.id + ")");
        }
        return token;
    }
}
