package io.tiski.ticket.rest;

import io.tiski.ticket.repository.TicketLabels;
import io.tiski.ticket.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agents", description = "Which teams each agent belongs to: agents see their teams' tickets")
@SecurityRequirement(name = "bearer")
public class AgentResource {
    private final TicketLabels labels;
    private final io.tiski.ticket.service.AgentNotifications notifications;
    private final io.quarkus.security.identity.SecurityIdentity identity;
    private final io.tiski.ticket.security.SecurityAudit audit;

    AgentResource(TicketLabels labels, io.tiski.ticket.service.AgentNotifications notifications,
            io.quarkus.security.identity.SecurityIdentity identity, io.tiski.ticket.security.SecurityAudit audit) {
        this.audit = audit;
        this.notifications = notifications;
        this.identity = identity;
        this.labels = labels;
    }

    @Schema(description = "The teams an agent belongs to")
    public record Teams(@Schema(examples = "[\"returns\", \"webshop\"]") @NotNull(message = "is required")
            @Size(max = 50, message = "must have at most 50 teams") Set<String> teams) {
    }

    @Schema(description = "What the calling agent is told of by email")
    public record NotificationSettings(
            @Schema(examples = "maija@kenkakauppa.fi") @NotNull(message = "is required")
            @jakarta.validation.constraints.Email(message = "is not an email address")
            @Size(max = 254, message = "must be at most 254 characters") String email,
            @Schema(description = "A ticket is assigned to me (by someone else)") boolean assigned,
            @Schema(description = "A customer replies on a ticket I am assigned to or follow") boolean customerReplied,
            @Schema(description = "An SLA warning on a ticket assigned to me") boolean slaWarning) {
    }

    @GET
    @Path("/me/notifications")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT})
    @Operation(summary = "The calling agent's email notifications")
    public io.tiski.ticket.service.AgentNotifications.Settings notifications() {
        return notifications.settings(identity.getPrincipal().getName())
                .orElseThrow(() -> new jakarta.ws.rs.NotFoundException("No notifications set; PUT them first"));
    }

    @PUT
    @Path("/me/notifications")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT})
    @Operation(summary = "Choose the calling agent's email notifications")
    public io.tiski.ticket.service.AgentNotifications.Settings setNotifications(
            @Valid @NotNull(message = "the body is empty") NotificationSettings settings) {
        return notifications.save(identity.getPrincipal().getName(), new io.tiski.ticket.service.AgentNotifications
                .Settings(settings.email(), settings.assigned(), settings.customerReplied(), settings.slaWarning()));
    }

    @GET
    @Path("/teams")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD})
    @Operation(summary = "Every agent's teams")
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Set<String>> teams() {
        return labels.agentTeams();
    }

    @PUT
    @Path("/{agent}/teams")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set the teams an agent belongs to, replacing the ones it had")
    @Transactional
    public Teams setTeams(@PathParam("agent") String agent, @Valid @NotNull(message = "the body is empty")
            Teams teams, @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        Set<String> clean = new TreeSet<>();
        for (String team : teams.teams()) {
            if (team == null || team.isBlank() || team.length() > 200) {
                throw new IllegalArgumentException("a team is a name of 1 to 200 characters");
            }
            clean.add(team.strip());
        }
        labels.replaceAgentTeams(agent.strip(), clean);
        audit.record(io.tiski.ticket.security.SecurityAudit.Action.TEAMS_CHANGED,
                io.tiski.ticket.security.SecurityAudit.Outcome.SUCCESS, identity.getPrincipal().getName(),
                agent.strip(), io.tiski.ticket.security.ClientAddress.of(request), "teams " + clean);
        return new Teams(clean);
    }
}
