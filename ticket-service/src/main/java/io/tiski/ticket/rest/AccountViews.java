package io.tiski.ticket.rest;

import io.tiski.ticket.repository.AgentAccount;
import io.tiski.ticket.repository.ApiToken;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How accounts and API tokens look in the API (never with a password hash or a token's secret). */
final class AccountViews {
    @Schema(description = "A local account")
    record Account(@Schema(examples = "maija") String username, @Schema(examples = "Maija Virtanen") String displayName,
            @Schema(examples = "maija@kenkakauppa.fi") String email,
            @Schema(examples = "agent", enumeration = {"admin", "team-lead", "agent", "read-only"}) String role,
            @Schema(examples = "fi", enumeration = {"fi", "sv", "en"}) String locale, boolean disabled,
            @Schema(description = "Set while the account is locked after failed sign-ins") Instant lockedUntil,
            boolean hasPassword, Instant lastSignInAt, Instant createdAt) {
        static Account of(AgentAccount a) {
            return new Account(a.username, a.displayName, a.email, a.role, a.locale, a.disabled(),
                    a.lockedAt(Instant.now()) ? a.lockedUntil : null, a.passwordHash != null, a.lastSignInAt,
                    a.createdAt);
        }
    }

    @Schema(description = "An API token, without its secret")
    record Token(UUID id, @Schema(examples = "order-sync") String name, String role, Instant createdAt,
            Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
        static Token of(ApiToken t) {
            return new Token(t.id, t.name, t.role, t.createdAt, t.expiresAt, t.lastUsedAt, t.revokedAt);
        }
    }

    @Schema(description = "A token just made: the secret is shown only this once")
    record CreatedToken(UUID id, String name, String role, Instant expiresAt,
            @Schema(description = "Use as Authorization: Bearer <token>", examples = "tsk_3q2v…") String token) {
    }

    private AccountViews() {
    }
}
