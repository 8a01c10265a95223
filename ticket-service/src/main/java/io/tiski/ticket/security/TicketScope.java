package io.tiski.ticket.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.tiski.ticket.repository.Ticket;
import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which tickets the calling agent may see and act on. Administrators see every ticket; everybody else sees the
 * tickets of their teams, tickets not yet routed to any team, and tickets assigned to them. The rule is applied in
 * the queries themselves (see {@link #clause}), not only in the UI.
 */
@RequestScoped
public class TicketScope {
    private final SecurityIdentity identity;
    private final EntityManager entityManager;
    private Set<String> teams;

    TicketScope(SecurityIdentity identity, EntityManager entityManager) {
        this.identity = identity;
        this.entityManager = entityManager;
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
            List<?> rows = entityManager.createNativeQuery("SELECT team FROM agent_team WHERE agent = ?1")
                    .setParameter(1, agent()).getResultList();
            teams = new HashSet<>();
            rows.forEach(row -> teams.add(String.valueOf(row)));
        }
        return teams;
    }

    public boolean canSee(Ticket ticket) {
        return unrestricted() || ticket.team == null || teams().contains(ticket.team)
                || agent().equals(ticket.assignee);
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
