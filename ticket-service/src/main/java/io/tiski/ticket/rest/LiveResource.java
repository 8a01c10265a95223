package io.tiski.ticket.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.tiski.ticket.security.Roles;
import io.tiski.ticket.security.TicketScope;
import io.tiski.ticket.service.TicketChangeFeed;
import io.tiski.ticket.service.TicketChangeFeed.TicketChange;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.function.BiPredicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/api/v1/live")
@Tag(name = "Live updates", description = "Which tickets change, as they change")
@SecurityRequirement(name = "bearer")
public class LiveResource {
    static final Duration HEARTBEAT = Duration.ofSeconds(20);
    private final TicketChangeFeed feed;
    private final TicketScope scope;

    LiveResource(TicketChangeFeed feed, TicketScope scope) {
        this.feed = feed;
        this.scope = scope;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Blocking
    @Operation(summary = "Server-Sent Events: one event per changed ticket the caller may see",
            description = "Each event names the ticket (id, number) and whether it is new; read the ticket itself "
                    + "through the API. A heartbeat event every 20 s keeps proxies from closing the stream. The "
                    + "team scope is the caller's at the time the stream opens.")
    @APIResponse(responseCode = "200", description = "The stream")
    public Multi<TicketChange> changes() {
        BiPredicate<String, String> maySee = scope.visibility();
        Multi<TicketChange> visible = feed.changes().select().where(change -> maySee.test(change.team(),
                change.assignee()));
        Multi<TicketChange> heartbeats = Multi.createFrom().ticks().every(HEARTBEAT)
                .map(tick -> new TicketChange("heartbeat", null, 0, null, null, null, java.time.Instant.now()));
        return Multi.createBy().merging().streams(visible, heartbeats);
    }
}
