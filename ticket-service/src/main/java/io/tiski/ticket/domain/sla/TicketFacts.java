package io.tiski.ticket.domain.sla;

/** What SLA policies are matched on. Any field may be null. */
public record TicketFacts(String priority, String channel, String brand, String team, String customerGroup,
        String type) {
}
