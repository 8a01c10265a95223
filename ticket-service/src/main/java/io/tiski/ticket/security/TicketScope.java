package io.tiski.ticket.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.repository.TicketLabels;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Which tickets the calling agent may see and act on. Administrators see every ticket; everybody else sees the
 * tickets of their teams, tickets not yet routed to any team, and tickets assigned to them. The rule is applied in
 * the queries themselves (see {@link #clause}), not only in the UI.
 */
@RequestScoped
public class TicketScope {
    private final SecurityIdentity identity;
    private final TicketLabels labels;
    private Set<String> teams;

    TicketScope(SecurityIdentity identity, TicketLabels labels) {
        this.identity = identity;
        this.labels = labels;
    }

    public boolean unrestricted() {
        return identity.isAnonymous() || identity.hasRole(Roles.ADMIN);
    }

    public String agent() {
        return identity.getPrincipal().getName();
    }

    /** The teams the calling agent belongs to. */
    public Set<String> teams() {
        if (teams == null) {
            teams = labels.teamsOf(agent());
        }
        return teams;
    }

    public boolean canSee(Ticket ticket) {
        return visibility().test(ticket.team, ticket.assignee);
    }

    /**
     * The rule as a test of a ticket's team and assignee, fixed to the calling agent's teams as they are now: for
     * work that outlives the request (a live stream).
     */
    public BiPredicate<String, String> visibility() {
        if (unrestricted()) {
            return (team, assignee) -> true;
        }
        String agent = agent();
        Set<String> teams = Set.copyOf(teams());
        return (team, assignee) -> team == null || teams.contains(team) || agent.equals(assignee);
    }

    /**
     * The HQL condition (starting with " and") that keeps only visible tickets of alias {@code t}, with its
     * parameters added to {@code params}; empty for an administrator.
     */
    public String clause(io.quarkus.panache.common.Parameters params) {
        if (unrestricted()) {
            return "";
        }
        params.and("scopeAgent", agent());
        if (teams().isEmpty()) {
            return " and (t.team is null or t.assignee = :scopeAgent)";
        }
        params.and("scopeTeams", teams());
        return " and (t.team is null or t.team in :scopeTeams or t.assignee = :scopeAgent)";
    }
}
