package io.tiski.events.v1;

import java.time.Instant;

/**
 * A target is due soon (the policy's warning lead or share was reached).
 *
 * @param remainingSeconds target time left when the warning was raised, in the policy's way of counting
 */
public record SlaWarning(String eventId, Instant occurredAt, String ticketId, long ticketNumber, Channel channel,
        String conversationKey, String target, int cycle, String policyId, String policyName, Instant dueAt,
        long remainingSeconds, String assignee, String team) implements SlaEvent {
    public static final String TYPE = "io.tiski.sla.warning.v1";
}
