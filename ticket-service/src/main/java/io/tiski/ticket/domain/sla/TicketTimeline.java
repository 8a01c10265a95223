package io.tiski.ticket.domain.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What happened to a ticket that SLA clocks depend on, in order: customer messages, public agent replies and
 * status changes.
 *
 * @param openedByCustomer false for a ticket an agent opened (a phone call): it has no first-response clock
 */
public record TicketTimeline(Instant createdAt, boolean openedByCustomer, List<Entry> entries) {

    public enum Kind { CUSTOMER_MESSAGE, AGENT_REPLY, STATUS_CHANGED }

    /** One thing that happened; {@code status} is the new status of a STATUS_CHANGED entry. */
    public record Entry(Instant at, Kind kind, String status) {
        public static Entry customerMessage(Instant at) {
            return new Entry(at, Kind.CUSTOMER_MESSAGE, null);
        }

        public static Entry agentReply(Instant at) {
            return new Entry(at, Kind.AGENT_REPLY, null);
        }

        public static Entry status(Instant at, String status) {
            return new Entry(at, Kind.STATUS_CHANGED, status);
        }
    }

    public TicketTimeline {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::at));
        entries = List.copyOf(sorted);
    }
}
