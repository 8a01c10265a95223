package io.tiski.ticket.domain.sla;

import io.tiski.ticket.domain.sla.TicketTimeline.Entry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Computes the SLA clocks of one ticket from its timeline: every clock is derived again from what happened, so a
 * reopen, a pause, a priority change (a new policy's target measured from the same start) or a changed policy
 * gives the right answer without stored counters that could drift.
 */
public final class SlaClocks {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm z",
            Locale.ENGLISH);

    public enum State { RUNNING, PAUSED, MET, BREACHED }

    /**
     * One clock as it stands at the moment it was read.
     *
     * @param cycle 1 for first response and resolution; the n-th waiting customer message for next response
     * @param dueAt when the target is (or was) reached; null while paused before being reached
     * @param warnAt when the warning is (or was) due; null without a warning or while paused
     * @param remaining target time not yet used up; negative once overdue
     */
    public record Reading(SlaTarget target, int cycle, State state, Instant startedAt, Instant dueAt, Instant warnAt,
            Duration targetTime, Duration elapsed, Duration remaining, Instant stoppedAt, List<String> explanation) {
    }

    private final SlaPolicy policy;
    private final TimeMeasure businessHours;
    private final ZoneId displayZone;

    /**
     * @param businessHours the policy's calendar, used for targets counted in business hours (may be null when
     *     no target is)
     */
    public SlaClocks(SlaPolicy policy, TimeMeasure businessHours, ZoneId displayZone) {
        this.policy = policy;
        this.businessHours = businessHours;
        this.displayZone = displayZone;
    }

    /** Every clock cycle of the ticket, in target order, at {@code now}. */
    public List<Reading> read(TicketTimeline timeline, Instant now) {
        List<Cycle> first = new ArrayList<>();
        List<Cycle> next = new ArrayList<>();
        List<Cycle> resolution = new ArrayList<>();
        String status = "NEW";
        if (timeline.openedByCustomer() && policy.target(SlaTarget.FIRST_RESPONSE).isPresent()) {
            first.add(new Cycle(SlaTarget.FIRST_RESPONSE, 1, timeline.createdAt(), "the customer's first message arrived",
                    pausedForResponse(status)));
        }
        if (policy.target(SlaTarget.RESOLUTION).isPresent()) {
            resolution.add(new Cycle(SlaTarget.RESOLUTION, 1, timeline.createdAt(), "the ticket was created",
                    pausedForResolution(status)));
        }
        boolean firstResponseOver = !timeline.openedByCustomer() || first.isEmpty();
        Instant solvedAt = null;
        for (Entry entry : timeline.entries()) {
            if (entry.at().isAfter(now)) {
                break;
            }
            switch (entry.kind()) {
                case AGENT_REPLY -> {
                    for (Cycle c : first) {
                        c.stop(entry.at(), "the agent's first reply");
                    }
                    firstResponseOver = true;
                    if (!next.isEmpty()) {
                        next.get(next.size() - 1).stop(entry.at(), "the agent's reply");
                    }
                }
                case CUSTOMER_MESSAGE -> {
                    boolean waiting = !next.isEmpty() && next.get(next.size() - 1).stoppedAt == null;
                    if (firstResponseOver && !waiting && !entry.at().equals(timeline.createdAt())
                            && policy.target(SlaTarget.NEXT_RESPONSE).isPresent()) {
                        next.add(new Cycle(SlaTarget.NEXT_RESPONSE, next.size() + 1, entry.at(),
                                "the customer wrote again", pausedForResponse(status)));
                    }
                }
                case STATUS_CHANGED -> {
                    String to = entry.status();
                    boolean solved = "SOLVED".equals(to) || "CLOSED".equals(to);
                    boolean wasSolved = "SOLVED".equals(status) || "CLOSED".equals(status);
                    if (solved && !wasSolved) {
                        solvedAt = entry.at();
                    }
                    status = to;
                    for (Cycle c : first) {
                        if (solved) {
                            c.stop(entry.at(), "the ticket was solved without a reply");
                            firstResponseOver = true;
                        } else {
                            c.pause(entry.at(), pausedForResponse(to), to);
                        }
                    }
                    if (!next.isEmpty()) {
                        Cycle c = next.get(next.size() - 1);
                        if (solved) {
                            c.stop(entry.at(), "the ticket was solved");
                        } else {
                            c.pause(entry.at(), pausedForResponse(to), to);
                        }
                    }
                    for (Cycle c : resolution) {
                        c.pause(entry.at(), pausedForResolution(to), to);
                    }
                }
                default -> throw new IllegalStateException("unknown timeline entry " + entry.kind());
            }
        }
        for (Cycle c : resolution) {
            if (("SOLVED".equals(status) || "CLOSED".equals(status)) && solvedAt != null) {
                c.stoppedAt = solvedAt;
                c.stopReason = "the ticket was solved";
            }
        }
        List<Reading> readings = new ArrayList<>();
        for (List<Cycle> cycles : List.of(first, next, resolution)) {
            for (Cycle c : cycles) {
                readings.add(evaluate(c, now));
            }
        }
        return readings;
    }

    /** The latest cycle of each target, as the ticket shows it. */
    public List<Reading> current(TicketTimeline timeline, Instant now) {
        List<Reading> all = read(timeline, now);
        List<Reading> latest = new ArrayList<>();
        for (SlaTarget target : SlaTarget.values()) {
            all.stream().filter(r -> r.target() == target).reduce((a, b) -> b).ifPresent(latest::add);
        }
        return latest;
    }

    private boolean pausedForResponse(String status) {
        return "PENDING".equals(status) || ("ON_HOLD".equals(status) && policy.pauseOnHold());
    }

    private boolean pausedForResolution(String status) {
        return pausedForResponse(status) || "SOLVED".equals(status) || "CLOSED".equals(status);
    }

    private Reading evaluate(Cycle c, Instant now) {
        SlaPolicy.TargetSpec spec = policy.target(c.target).orElseThrow();
        TimeMeasure measure = spec.businessHours() && businessHours != null ? businessHours
                : TimeMeasure.aroundTheClock();
        List<String> why = new ArrayList<>();
        why.add("Policy '" + policy.name() + "' (position " + policy.position() + ") applies to "
                + policy.conditions().describe() + ".");
        why.add("Target: " + human(spec.time()) + " in " + (spec.businessHours() && businessHours != null
                ? measure.description() : "calendar hours") + ", measured from the start even if the policy or "
                + "priority changed since.");
        why.add("Started " + when(c.startedAt) + " when " + c.startReason + ".");
        why.addAll(c.notes);
        Instant end = c.stoppedAt != null && c.stoppedAt.isBefore(now) ? c.stoppedAt : now;
        Duration elapsed = Duration.ZERO;
        for (Instant[] interval : c.intervals) {
            Instant to = interval[1] == null || interval[1].isAfter(end) ? end : interval[1];
            elapsed = elapsed.plus(measure.between(interval[0], to));
        }
        List<String> dueNotes = new ArrayList<>();
        Instant dueAt;
        Instant warnAt;
        try {
            dueAt = pointWhereUsed(c, measure, spec.time(), dueNotes);
            Optional<Duration> lead = policy.warningBefore(spec.time());
            warnAt = lead.map(l -> pointWhereUsed(c, measure, spec.time().minus(l), new ArrayList<>())).orElse(null);
        } catch (IllegalStateException neverOpen) {
            // A calendar without opening hours cannot give a due time; say so rather than fail the ticket.
            dueAt = null;
            warnAt = null;
            dueNotes.add(neverOpen.getMessage() + ": no due time can be given.");
        }
        State state;
        if (c.stoppedAt != null && !c.stoppedAt.isAfter(now)) {
            state = dueAt != null && c.stoppedAt.isAfter(dueAt) ? State.BREACHED : State.MET;
        } else if (dueAt != null && !now.isBefore(dueAt)) {
            state = State.BREACHED;
        } else if (c.open()) {
            state = State.RUNNING;
        } else {
            state = State.PAUSED;
        }
        why.addAll(dueNotes);
        Duration remaining = spec.time().minus(elapsed);
        switch (state) {
            case MET -> why.add("Met: stopped " + when(c.stoppedAt) + " by " + c.stopReason + ", " + human(remaining)
                    + " before the target.");
            case BREACHED -> why.add("Breached: due " + when(dueAt) + (c.stoppedAt != null && !c.stoppedAt.isAfter(now)
                    ? ", stopped " + when(c.stoppedAt) + " by " + c.stopReason : "") + ".");
            case RUNNING -> why.add((dueAt == null ? "Running without a due time" : "Due " + when(dueAt)) + ": "
                    + human(elapsed) + " used, " + human(remaining) + " left.");
            case PAUSED -> why.add("Paused: " + human(elapsed) + " used, " + human(remaining)
                    + " left when the clock resumes.");
            default -> throw new IllegalStateException();
        }
        return new Reading(c.target, c.cycle, state, c.startedAt, dueAt, warnAt, spec.time(), elapsed, remaining,
                c.stoppedAt, List.copyOf(why));
    }

    /** Where the clock's intervals have used up {@code amount}; null if they never do (paused or stopped first). */
    private static Instant pointWhereUsed(Cycle c, TimeMeasure measure, Duration amount, List<String> notes) {
        Duration used = Duration.ZERO;
        for (Instant[] interval : c.intervals) {
            Duration left = amount.minus(used);
            if (interval[1] == null) {
                return measure.plus(interval[0], left, notes);
            }
            Duration here = measure.between(interval[0], interval[1]);
            if (here.compareTo(left) >= 0) {
                return measure.plus(interval[0], left, notes);
            }
            used = used.plus(here);
        }
        return null;
    }

    private String when(Instant at) {
        return WHEN.format(at.atZone(displayZone));
    }

    static String human(Duration d) {
        boolean negative = d.isNegative();
        Duration a = d.abs();
        long days = a.toDays();
        long hours = a.toHoursPart();
        long minutes = a.toMinutesPart();
        long seconds = a.toSecondsPart();
        List<String> parts = new ArrayList<>();
        if (days > 0) {
            parts.add(days + " d");
        }
        if (hours > 0) {
            parts.add(hours + " h");
        }
        if (minutes > 0) {
            parts.add(minutes + " min");
        }
        if (seconds > 0 && days == 0 && hours == 0) {
            parts.add(seconds + " s");
        }
        String text = parts.isEmpty() ? "0 min" : String.join(" ", parts);
        return negative ? "-" + text : text;
    }

    /** One run of one target: active intervals between its start and its stop. */
    private final class Cycle {
        final SlaTarget target;
        final int cycle;
        final Instant startedAt;
        final String startReason;
        final List<Instant[]> intervals = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        Instant stoppedAt;
        String stopReason;

        Cycle(SlaTarget target, int cycle, Instant startedAt, String startReason, boolean paused) {
            this.target = target;
            this.cycle = cycle;
            this.startedAt = startedAt;
            this.startReason = startReason;
            if (paused) {
                notes.add("Paused from the start: the ticket was waiting.");
            } else {
                intervals.add(new Instant[] {startedAt, null});
            }
        }

        boolean open() {
            return stoppedAt == null && !intervals.isEmpty() && intervals.get(intervals.size() - 1)[1] == null;
        }

        void stop(Instant at, String reason) {
            if (stoppedAt != null) {
                return;
            }
            if (open()) {
                intervals.get(intervals.size() - 1)[1] = at;
            }
            stoppedAt = at;
            stopReason = reason;
        }

        void pause(Instant at, boolean paused, String status) {
            if (stoppedAt != null) {
                return;
            }
            if (paused && open()) {
                intervals.get(intervals.size() - 1)[1] = at;
                notes.add("Paused " + when(at) + " while " + status + ".");
            } else if (!paused && !open()) {
                intervals.add(new Instant[] {at, null});
                notes.add("Resumed " + when(at) + " when the status became " + status + ".");
            }
        }
    }
}
