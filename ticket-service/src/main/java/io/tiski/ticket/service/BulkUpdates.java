package io.tiski.ticket.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Applies one change to a selection of tickets. The change is checked once before any ticket is touched; then each
 * ticket is changed in a transaction of its own, so one ticket that cannot take it (closed, not visible, a status
 * its lifecycle forbids) does not hold back the others, and the answer says what happened to each.
 */
@ApplicationScoped
public class BulkUpdates {
    private final AgentActions actions;

    BulkUpdates(AgentActions actions) {
        this.actions = actions;
    }

    /** What became of one ticket: 200 changed, 400, 404 or 409 with the reason. */
    public record Outcome(String ticket, int status, String detail) {
    }

    public List<Outcome> apply(List<String> tickets, String agent, AgentActions.Change change) {
        if (change.isEmpty()) {
            throw new IllegalArgumentException("change names nothing to change");
        }
        actions.validate(change);
        List<Outcome> outcomes = new ArrayList<>();
        for (String ticket : new LinkedHashSet<>(tickets)) {
            try {
                actions.update(ticket, agent, change);
                outcomes.add(new Outcome(ticket, 200, null));
            } catch (NotFoundException e) {
                outcomes.add(new Outcome(ticket, 404, "No ticket " + ticket));
            } catch (TicketConflictException e) {
                outcomes.add(new Outcome(ticket, 409, e.getMessage()));
            } catch (IllegalArgumentException e) {
                outcomes.add(new Outcome(ticket, 400, e.getMessage()));
            }
        }
        return outcomes;
    }
}
