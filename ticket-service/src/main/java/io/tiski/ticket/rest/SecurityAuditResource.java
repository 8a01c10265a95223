package io.tiski.ticket.rest;

import io.quarkus.panache.common.Parameters;
import io.tiski.ticket.repository.SecurityAuditEntry;
import io.tiski.ticket.security.Roles;
import io.tiski.ticket.security.SecurityAudit;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/security-audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Security audit", description = "Sign-ins, role changes, tokens, exports and erasures (administrators)")
@SecurityRequirement(name = "bearer")
public class SecurityAuditResource {

    public record Entry(long id, Instant occurredAt, String action, String outcome, String actor, String subject,
            String clientAddress, String detail) {
        static Entry of(SecurityAuditEntry e) {
            return new Entry(e.id, e.occurredAt, e.action, e.outcome, e.actor, e.subject, e.clientAddress, e.detail);
        }
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The security audit log, newest first")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Entry> entries(
            @Parameter(description = "Only this action", example = "SIGN_IN") @QueryParam("action") String action,
            @Parameter(description = "Only entries whose actor or subject is this agent", example = "maija")
            @QueryParam("agent") String agent,
            @Parameter(description = "Only entries older than this id (the next page)") @QueryParam("before")
            Long before,
            @Parameter(description = "At most this many (1 to 500)") @QueryParam("limit") @DefaultValue("100")
            int limit) {
        if (limit < 1 || limit > 500) {
            throw new InboxQuery.InvalidParameterException("limit", "limit must be between 1 and 500");
        }
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (action != null && !action.isBlank()) {
            if (Arrays.stream(SecurityAudit.Action.values()).noneMatch(a -> a.name().equals(action))) {
                throw new InboxQuery.InvalidParameterException("action", "action must be one of "
                        + Arrays.toString(SecurityAudit.Action.values()));
            }
            query.append(" and action = :action");
            params.and("action", action);
        }
        if (agent != null && !agent.isBlank()) {
            query.append(" and (actor = :agent or subject = :agent)");
            params.and("agent", agent);
        }
        if (before != null) {
            query.append(" and id < :before");
            params.and("before", before);
        }
        return SecurityAuditEntry.<SecurityAuditEntry>find(query + " order by id desc", params).page(0, limit)
                .list().stream().map(Entry::of).toList();
    }
}
