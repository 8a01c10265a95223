package io.tiski.ticket.domain.sla;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Promised response and resolution times for the tickets that match its conditions. Policies are ordered; the
 * first active one that matches a ticket applies to it.
 *
 * @param calendar the business calendar of targets counted in business hours
 * @param pauseOnHold whether waiting on a third party (on-hold) stops the clocks like waiting on the customer does
 * @param warningLead how long before the due time a warning is raised (null: no warning)
 * @param warningShare alternatively, after which share of the target a warning is raised, e.g. 0.8
 */
public record SlaPolicy(String id, String name, int position, Conditions conditions,
        Map<SlaTarget, TargetSpec> targets, String calendar, boolean pauseOnHold, Duration warningLead,
        Double warningShare, Escalation escalation) {

    public SlaPolicy {
        targets = targets.isEmpty() ? Map.of() : new EnumMap<>(targets);
    }

    /** How long a target allows and how that time is counted. */
    public record TargetSpec(Duration time, boolean businessHours) {
        public TargetSpec {
            if (time == null || time.isNegative() || time.isZero()) {
                throw new IllegalArgumentException("a target time must be positive");
            }
        }
    }

    /** What happens automatically when a target is breached. Every field may be null. */
    public record Escalation(String raisePriorityTo, String reassignTo, List<String> notifyAddresses) {
        public static final Escalation NONE = new Escalation(null, null, List.of());

        public Escalation {
            notifyAddresses = notifyAddresses == null ? List.of() : List.copyOf(notifyAddresses);
        }
    }

    /** Each set restricts one field of the ticket; an empty set matches anything. */
    public record Conditions(Set<String> priorities, Set<String> channels, Set<String> brands, Set<String> teams,
            Set<String> customerGroups, Set<String> types) {
        public static final Conditions ANY = new Conditions(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
                Set.of());

        public Conditions {
            priorities = upper(priorities);
            channels = upper(channels);
            brands = lower(brands);
            teams = lower(teams);
            customerGroups = lower(customerGroups);
            types = upper(types);
        }

        public boolean matches(TicketFacts ticket) {
            return in(priorities, upperOrNull(ticket.priority())) && in(channels, upperOrNull(ticket.channel()))
                    && in(brands, lowerOrNull(ticket.brand())) && in(teams, lowerOrNull(ticket.team()))
                    && in(customerGroups, lowerOrNull(ticket.customerGroup())) && in(types, upperOrNull(
                            ticket.type()));
        }

        /** The conditions in words, e.g. "priority URGENT and channel EMAIL". */
        public String describe() {
            List<String> parts = new ArrayList<>();
            describe(parts, "priority", priorities);
            describe(parts, "channel", channels);
            describe(parts, "brand", brands);
            describe(parts, "team", teams);
            describe(parts, "customer group", customerGroups);
            describe(parts, "type", types);
            return parts.isEmpty() ? "every ticket" : String.join(" and ", parts);
        }

        private static void describe(List<String> parts, String field, Set<String> values) {
            if (!values.isEmpty()) {
                parts.add(field + " " + String.join(" or ", values.stream().sorted().toList()));
            }
        }

        private static boolean in(Set<String> allowed, String value) {
            return allowed.isEmpty() || (value != null && allowed.contains(value));
        }

        private static Set<String> upper(Set<String> values) {
            return values == null ? Set.of() : Set.copyOf(values.stream().map(SlaPolicy.Conditions::upperOrNull)
                    .toList());
        }

        private static Set<String> lower(Set<String> values) {
            return values == null ? Set.of() : Set.copyOf(values.stream().map(SlaPolicy.Conditions::lowerOrNull)
                    .toList());
        }

        private static String upperOrNull(String v) {
            return v == null ? null : v.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        }

        private static String lowerOrNull(String v) {
            return v == null ? null : v.strip().toLowerCase(Locale.ROOT);
        }
    }

    public Optional<TargetSpec> target(SlaTarget target) {
        return Optional.ofNullable(targets.get(target));
    }

    /** How long before the due time the warning comes for a target of the given length. */
    public Optional<Duration> warningBefore(Duration targetTime) {
        if (warningLead != null) {
            return warningLead.compareTo(targetTime) < 0 ? Optional.of(warningLead) : Optional.empty();
        }
        if (warningShare != null) {
            return Optional.of(Duration.ofMillis(Math.round(targetTime.toMillis() * (1 - warningShare))));
        }
        return Optional.empty();
    }

    /** The first policy of the ordered list that applies to the ticket. */
    public static Optional<SlaPolicy> firstMatching(List<SlaPolicy> ordered, TicketFacts ticket) {
        return ordered.stream().sorted((a, b) -> Integer.compare(a.position(), b.position()))
                .filter(p -> p.conditions().matches(ticket)).findFirst();
    }
}
