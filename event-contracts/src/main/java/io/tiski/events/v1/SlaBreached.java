package io.tiski.events.v1;

import java.time.Instant;
import java.util.List;

/**
 * A target was not met by its due time.
 *
 * @param escalation what Tiski did about it, in words (e.g. "priority raised to URGENT"); empty if nothing
 * @param notifyAddresses addresses the policy says to tell (a team lead); the notification service writes to them
 */
public record SlaBreached(String eventId, Instant occurredAt, String ticketId, long ticketNumber, Channel channel,
        String conversationKey, String target, int cycle, String policyId, String policyName, Instant dueAt,
        String assignee, String team, List<String> escalation, List<String> notifyAddresses) implements SlaEvent {
    public static final String TYPE = "io.tiski.sla.breached.v1";

    public SlaBreached {
        escalation = escalation == null ? List.of() : List.copyOf(escalation);
        notifyAddresses = notifyAddresses == null ? List.of() : List.copyOf(notifyAddresses);
    }
}
