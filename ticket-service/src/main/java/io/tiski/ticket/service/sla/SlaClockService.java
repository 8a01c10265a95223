package io.tiski.ticket.service.sla;

import io.micrometer.core.instrument.MeterRegistry;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.SlaBreached;
import io.tiski.events.v1.SlaWarning;
import io.tiski.outbox.Outbox;
import io.tiski.ticket.domain.sla.BusinessCalendar;
import io.tiski.ticket.domain.sla.SlaClocks;
import io.tiski.ticket.domain.sla.SlaClocks.Reading;
import io.tiski.ticket.domain.sla.SlaClocks.State;
import io.tiski.ticket.domain.sla.SlaPolicy;
import io.tiski.ticket.domain.sla.SlaTarget;
import io.tiski.ticket.domain.sla.TicketFacts;
import io.tiski.ticket.domain.sla.TicketTimeline;
import io.tiski.ticket.repository.Customer;
import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.repository.TicketAuditEntry;
import io.tiski.ticket.repository.TicketMessage;
import io.tiski.ticket.repository.TicketSlaClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps every ticket's SLA clocks current: recomputed from the ticket's timeline in the same transaction as each
 * change, stored for the inbox, and raising warnings and breaches exactly once through the outbox.
 */
@ApplicationScoped
public class SlaClockService {
    static final String SOURCE = "/tiski/ticket-service";
    private static final Logger LOG = Logger.getLogger(SlaClockService.class);
    private static final List<String> PRIORITY_ORDER = List.of("LOW", "NORMAL", "HIGH", "URGENT");

    private final SlaSettings settings;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final MeterRegistry metrics;
    private final ZoneId displayZone;
    private final io.tiski.ticket.config.TicketConfig config;

    private final io.tiski.ticket.service.StaffMail staffMail;
    private final io.tiski.ticket.service.AgentNotifications agentNotifications;

    SlaClockService(SlaSettings settings, Outbox outbox, EntityManager entityManager, MeterRegistry metrics,
            @ConfigProperty(name = "tiski.sla.display-zone", defaultValue = "Europe/Helsinki") ZoneId displayZone,
            io.tiski.ticket.config.TicketConfig config, io.tiski.ticket.service.StaffMail staffMail,
            io.tiski.ticket.service.AgentNotifications agentNotifications) {
        this.staffMail = staffMail;
        this.agentNotifications = agentNotifications;
        this.config = config;
        this.settings = settings;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.metrics = metrics;
        this.displayZone = displayZone;
    }

    /** The SLA of one ticket as an agent sees it: the policy that applies and each target's latest cycle. */
    public record TicketSla(String policyId, String policyName, List<Reading> clocks, List<Reading> history) {
    }

    /** Reads a ticket's clocks at {@code now}, with their explanations. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public TicketSla read(Ticket ticket, Instant now) {
        Optional<Applied> applied = applied(ticket);
        if (applied.isEmpty()) {
            return new TicketSla(null, null, List.of(), List.of());
        }
        SlaClocks clocks = applied.get().clocks();
        TicketTimeline timeline = timeline(ticket);
        return new TicketSla(applied.get().policy().id(), applied.get().policy().name(), clocks.current(timeline, now),
                clocks.read(timeline, now));
    }

    /** When the first response to a new ticket is due, and when the service is next open. */
    public record Expectation(Instant firstResponseDue, Instant nextOpening, ZoneId zone) {
    }

    private Optional<Expectation> expectation(Applied a, TicketTimeline timeline, Instant now) {
        return a.clocks().current(timeline, now).stream()
                .filter(r -> r.target() == SlaTarget.FIRST_RESPONSE && r.dueAt() != null).findFirst()
                .map(r -> new Expectation(r.dueAt(), a.calendar() == null ? now
                        : a.calendar().nextOpening(now).orElse(now), a.calendar() == null ? displayZone
                        : a.calendar().zone()));
    }

    /**
     * Computes the ticket's clocks at {@code now}, stores them, and raises the warnings and breaches that are due.
     * Call it in the transaction that changed the ticket, with the ticket locked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recompute(Ticket ticket, Instant now) {
        measure(ticket, now, () -> recompute(ticket, now, true));
    }

    /** Runs a recomputation; false when it failed, which is counted, logged and retried later, never thrown. */
    private boolean measure(Ticket ticket, Instant now, Runnable recomputation) {
        try {
            recomputation.run();
            return true;
        } catch (RuntimeException e) {
            // The SLA must never stop a message from reaching its ticket; the clocks catch up on the next change.
            metrics.counter("tiski.sla.recompute.failures").increment();
            LOG.errorf(e, "SLA clocks of ticket #%d could not be computed: %s", ticket.number, e.getMessage());
            try {
                // try again in a minute rather than on every timer tick
                entityManager.createQuery("update TicketSlaClock c set c.nextAlertAt = :later where c.key.ticketId "
                        + "= :id and c.nextAlertAt <= :now").setParameter("later", now.plusSeconds(60))
                        .setParameter("id", ticket.id).setParameter("now", now).executeUpdate();
            } catch (RuntimeException ignored) {
                LOG.debugf("Could not postpone the SLA alerts of ticket #%d", ticket.number);
            }
            return false;
        }
    }

    /**
     * Starts the clocks of a ticket a customer's message opened just now, in the transaction that opened it, and
     * says when the first response is due. What {@link #recompute(Ticket, Instant)} would read back (the ticket's
     * messages, status changes, stored clocks and raised alerts) is known here: one message, nothing else yet.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Expectation> startNewTicket(Ticket ticket, TicketMessage first, Instant now) {
        List<TicketTimeline.Entry> entries = new ArrayList<>(1);
        entry(first.createdAt, first.direction, first.kind, first.classification).ifPresent(entries::add);
        TicketTimeline timeline = new TicketTimeline(ticket.createdAt, openedByCustomer(ticket), entries);
        if (!measure(ticket, now, () -> recompute(ticket, now, true, timeline, List.of(), new HashSet<>()))) {
            return Optional.empty();
        }
        return applied(ticket).flatMap(a -> expectation(a, timeline, now));
    }

    private void recompute(Ticket ticket, Instant now, boolean mayEscalate) {
        recompute(ticket, now, mayEscalate, null, TicketSlaClock.list("key.ticketId", ticket.id), null);
    }

    /** {@code known} and {@code raisedAlerts}: what the caller already knows, or null to read it. */
    private void recompute(Ticket ticket, Instant now, boolean mayEscalate, TicketTimeline known,
            List<TicketSlaClock> stored, Set<String> raisedAlerts) {
        Optional<Applied> applied = applied(ticket);
        if (applied.isEmpty()) {
            for (TicketSlaClock clock : stored) {
                if (clock.stoppedAt == null) {
                    clock.delete();
                } else {
                    clock.nextAlertAt = null;
                }
            }
            ticket.slaState = null;
            ticket.slaDueAt = null;
            return;
        }
        SlaPolicy policy = applied.get().policy();
        List<Reading> readings = applied.get().clocks().read(known != null ? known : timeline(ticket), now);
        Set<String> raised = raisedAlerts != null ? raisedAlerts : raisedAlerts(ticket.id);
        Map<TicketSlaClock.Key, TicketSlaClock> byKey = stored.stream().collect(Collectors.toMap(c -> c.key,
                c -> c));
        Set<TicketSlaClock.Key> current = new HashSet<>();
        boolean escalated = false;
        for (Reading r : readings) {
            TicketSlaClock.Key key = new TicketSlaClock.Key(ticket.id, r.target().name(), r.cycle());
            current.add(key);
            TicketSlaClock clock = byKey.get(key);
            boolean created = clock == null;
            if (created) {
                clock = new TicketSlaClock();
                clock.key = key;
            }
            clock.policyId = UUID.fromString(policy.id());
            clock.state = r.state().name();
            clock.startedAt = r.startedAt();
            clock.dueAt = r.dueAt();
            clock.warnAt = r.warnAt();
            clock.stoppedAt = r.stoppedAt();
            clock.businessHours = policy.target(r.target()).map(SlaPolicy.TargetSpec::businessHours).orElse(false);
            clock.targetSeconds = r.targetTime().toSeconds();
            clock.elapsedSeconds = r.elapsed().toSeconds();
            clock.updatedAt = now;
            String breachKey = alertKey(r, "BREACHED");
            String warningKey = alertKey(r, "WARNING");
            if (r.state() == State.BREACHED && !raised.contains(breachKey)) {
                escalated |= raiseBreach(ticket, policy, r, now, mayEscalate);
                raised.add(breachKey);
            } else if (r.state() == State.RUNNING && r.warnAt() != null && !now.isBefore(r.warnAt())
                    && !raised.contains(warningKey)) {
                raiseWarning(ticket, policy, r, now);
                raised.add(warningKey);
            }
            clock.nextAlertAt = nextAlert(r, raised);
            if (created) {
                clock.persist();
            }
        }
        for (TicketSlaClock clock : stored) {
            if (!current.contains(clock.key)) {
                clock.delete();
            }
        }
        summarise(ticket, readings);
        if (escalated) {
            // A raised priority may select another policy: measure again, without escalating twice.
            entityManager.flush();
            recompute(ticket, now, false);
        }
    }

    /** Tickets with a warning or breach due by {@code now}, most overdue first. */
    @Transactional
    public List<UUID> ticketsWithAlertsDue(Instant now, int limit) {
        return entityManager.createQuery("select c.key.ticketId from TicketSlaClock c where c.nextAlertAt <= :now "
                + "group by c.key.ticketId order by min(c.nextAlertAt)", UUID.class).setParameter("now", now)
                .setMaxResults(limit).getResultList();
    }

    /**
     * Recomputes one ticket in its own transaction; used by the timer and after policy changes. {@code now} is when
     * the caller chose the ticket: the clocks are measured at the later of that and the moment the ticket's lock
     * is held, so a reply committed while this waited for the lock is not measured as if it had not happened yet.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recompute(UUID ticketId, Instant now) {
        Ticket ticket = Ticket.findById(ticketId, LockModeType.PESSIMISTIC_WRITE);
        if (ticket != null) {
            Instant locked = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            recompute(ticket, locked.isAfter(now) ? locked : now);
        }
    }

    /** A page of tickets that are not closed, after the given id, for recomputing every open ticket. */
    @Transactional
    public List<UUID> openTicketsAfter(UUID after, int limit) {
        return entityManager.createQuery("select t.id from Ticket t where t.status <> 'CLOSED' and t.id > :after "
                + "order by t.id", UUID.class).setParameter("after", after).setMaxResults(limit).getResultList();
    }

    private record Applied(SlaPolicy policy, BusinessCalendar calendar, SlaClocks clocks) {
    }

    private Optional<Applied> applied(Ticket ticket) {
        SlaSettings.Rules rules = settings.rules();
        if (rules.policies().isEmpty()) {
            return Optional.empty();
        }
        // the customer's group is read only when a policy asks for one (a tenth of the inbound path's CPU otherwise)
        boolean byGroup = rules.policies().stream().anyMatch(p -> !p.conditions().customerGroups().isEmpty());
        String group = !byGroup || ticket.customerId == null ? null : Customer.<Customer>findByIdOptional(
                ticket.customerId).map(c -> c.customerGroup).orElse(null);
        TicketFacts facts = new TicketFacts(ticket.priority, ticket.channel, ticket.brand, ticket.team, group,
                ticket.type);
        return SlaPolicy.firstMatching(rules.policies(), facts).map(p -> {
            BusinessCalendar calendar = rules.calendarOf(p).orElse(null);
            return new Applied(p, calendar, new SlaClocks(p, calendar, calendar == null ? displayZone
                    : calendar.zone()));
        });
    }

    /** What the clocks depend on: customer messages from people, public agent replies, status changes. */
    TicketTimeline timeline(Ticket ticket) {
        List<TicketTimeline.Entry> entries = new ArrayList<>();
        List<Object[]> messages = entityManager.createQuery("select m.createdAt, m.direction, m.kind, "
                + "m.classification from TicketMessage m where m.ticketId = :id", Object[].class)
                .setParameter("id", ticket.id).getResultList();
        for (Object[] m : messages) {
            entry((Instant) m[0], (String) m[1], (String) m[2], (String) m[3]).ifPresent(entries::add);
        }
        for (TicketAuditEntry change : TicketAuditEntry.<TicketAuditEntry>list(
                "ticketId = ?1 and action = 'STATUS_CHANGED' order by at, id", ticket.id)) {
            entries.add(TicketTimeline.Entry.status(change.at, change.after));
        }
        return new TicketTimeline(ticket.createdAt, openedByCustomer(ticket), entries);
    }

    /** A message as the clocks see it: a person's message from the customer, a public reply, or nothing. */
    private static Optional<TicketTimeline.Entry> entry(Instant at, String direction, String kind,
            String classification) {
        if ("INBOUND".equals(direction) && (classification == null || "PERSON".equals(classification))) {
            return Optional.of(TicketTimeline.Entry.customerMessage(at));
        }
        return "AGENT_REPLY".equals(kind) ? Optional.of(TicketTimeline.Entry.agentReply(at)) : Optional.empty();
    }

    /** A call or a visit is opened by the agent who took it; everything else by the customer's message. */
    private static boolean openedByCustomer(Ticket ticket) {
        return !Channel.PHONE.name().equals(ticket.channel) && !Channel.IN_PERSON.name().equals(ticket.channel);
    }

    private Set<String> raisedAlerts(UUID ticketId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT target, cycle, kind FROM sla_alert "
                + "WHERE ticket_id = ?1").setParameter(1, ticketId).getResultList();
        Set<String> raised = new HashSet<>();
        for (Object[] row : rows) {
            raised.add(row[0] + "/" + ((Number) row[1]).intValue() + "/" + row[2]);
        }
        return raised;
    }

    private static String alertKey(Reading r, String kind) {
        return r.target().name() + "/" + r.cycle() + "/" + kind;
    }

    private static Instant nextAlert(Reading r, Set<String> raised) {
        if (r.dueAt() == null || raised.contains(alertKey(r, "BREACHED"))) {
            return null;
        }
        if (r.state() == State.RUNNING) {
            if (r.warnAt() != null && !raised.contains(alertKey(r, "WARNING")) && r.warnAt().isBefore(r.dueAt())) {
                return r.warnAt();
            }
            return r.dueAt();
        }
        return r.state() == State.BREACHED ? r.dueAt() : null;
    }

    /** Inserts the alert row; false when another transaction raised it first. */
    private boolean claim(Ticket ticket, SlaPolicy policy, Reading r, String kind, Instant now) {
        int inserted = entityManager.createNativeQuery("INSERT INTO sla_alert (ticket_id, target, cycle, kind, "
                + "policy_id, due_at, raised_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING")
                .setParameter(1, ticket.id).setParameter(2, r.target().name()).setParameter(3, r.cycle())
                .setParameter(4, kind).setParameter(5, UUID.fromString(policy.id())).setParameter(6, r.dueAt())
                .setParameter(7, now).executeUpdate();
        if (inserted == 1) {
            metrics.counter("tiski.sla.alerts", "kind", kind.toLowerCase(java.util.Locale.ROOT), "target",
                    r.target().name().toLowerCase(java.util.Locale.ROOT)).increment();
            Instant expected = "WARNING".equals(kind) ? r.warnAt() : r.dueAt();
            if (expected != null && !now.isBefore(expected)) {
                metrics.timer("tiski.sla.alert.lateness", "kind", kind.toLowerCase(java.util.Locale.ROOT))
                        .record(Duration.between(expected, now));
            }
        }
        return inserted == 1;
    }

    private void raiseWarning(Ticket ticket, SlaPolicy policy, Reading r, Instant now) {
        if (!claim(ticket, policy, r, "WARNING", now)) {
            return;
        }
        outbox.append(EventEnvelope.of(new SlaWarning(UUID.randomUUID().toString(), now, ticket.id.toString(),
                ticket.number, Channel.valueOf(ticket.channel), ticket.conversationKey, r.target().name(), r.cycle(),
                policy.id(), policy.name(), r.dueAt(), Math.max(0, r.remaining().toSeconds()), ticket.assignee,
                ticket.team), SOURCE));
        agentNotifications.slaWarning(ticket, r.target().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                r.dueAt(), now);
        LOG.infof("SLA warning: ticket #%d %s due %s", ticket.number, r.target(), r.dueAt());
    }

    /** @return whether the escalation changed the ticket */
    private boolean raiseBreach(Ticket ticket, SlaPolicy policy, Reading r, Instant now, boolean mayEscalate) {
        if (!claim(ticket, policy, r, "BREACHED", now)) {
            return false;
        }
        List<String> done = new ArrayList<>();
        boolean changed = false;
        SlaPolicy.Escalation escalation = policy.escalation();
        // A breach found long after the fact (a changed policy judging old tickets) is reported, not escalated.
        boolean fresh = r.stoppedAt() == null;
        if (mayEscalate && fresh && escalation.raisePriorityTo() != null
                && PRIORITY_ORDER.indexOf(escalation.raisePriorityTo()) > PRIORITY_ORDER.indexOf(ticket.priority)) {
            TicketAuditEntry.record(ticket.id, "sla", "FIELD_CHANGED", "priority", ticket.priority,
                    escalation.raisePriorityTo(), now);
            done.add("priority raised from " + ticket.priority + " to " + escalation.raisePriorityTo());
            ticket.priority = escalation.raisePriorityTo();
            changed = true;
        }
        if (mayEscalate && fresh && escalation.reassignTo() != null
                && !Objects.equals(escalation.reassignTo(), ticket.assignee)) {
            TicketAuditEntry.record(ticket.id, "sla", "FIELD_CHANGED", "assignee", ticket.assignee,
                    escalation.reassignTo(), now);
            done.add("reassigned from " + (ticket.assignee == null ? "nobody" : ticket.assignee) + " to "
                    + escalation.reassignTo());
            ticket.assignee = escalation.reassignTo();
            changed = true;
        }
        TicketAuditEntry.record(ticket.id, "sla", "SLA_BREACHED", r.target().name(), null,
                "due " + r.dueAt() + (done.isEmpty() ? "" : "; " + String.join("; ", done)), now);
        if (fresh) {
            for (String address : escalation.notifyAddresses()) {
                notifyStaff(ticket, policy, r, address, done, now);
            }
        }
        outbox.append(EventEnvelope.of(new SlaBreached(UUID.randomUUID().toString(), now, ticket.id.toString(),
                ticket.number, Channel.valueOf(ticket.channel), ticket.conversationKey, r.target().name(), r.cycle(),
                policy.id(), policy.name(), r.dueAt(), ticket.assignee, ticket.team, done,
                fresh ? escalation.notifyAddresses() : List.of()), SOURCE));
        LOG.infof("SLA breached: ticket #%d %s was due %s%s", ticket.number, r.target(), r.dueAt(),
                done.isEmpty() ? "" : " (" + String.join(", ", done) + ")");
        if (changed) {
            ticket.updatedAt = now;
        }
        return changed;
    }

    /** Asks for a mail to a person the policy names (a team lead), through the outbox like any other send. */
    private void notifyStaff(Ticket ticket, SlaPolicy policy, Reading r, String address, List<String> done,
            Instant now) {
        String target = r.target().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        String subject = "SLA breached: #" + ticket.number + " " + target + " (" + policy.name() + ")";
        java.time.format.DateTimeFormatter when = java.time.format.DateTimeFormatter.ofPattern(
                "EEE yyyy-MM-dd HH:mm z", java.util.Locale.ENGLISH);
        String text = "Ticket #" + ticket.number + " \"" + ticket.subject + "\" missed its " + target + " target.\n\n"
                + "Policy: " + policy.name() + "\n"
                + "Due: " + when.format(r.dueAt().atZone(displayZone)) + "\n"
                + "Channel: " + ticket.channel + (ticket.team == null ? "" : " · Team: " + ticket.team)
                + " · Assignee: " + (ticket.assignee == null ? "nobody" : ticket.assignee) + "\n"
                + (done.isEmpty() ? "" : "Done automatically: " + String.join("; ", done) + "\n");
        staffMail.request(ticket, address, subject, text, "sla", now);
    }

    /** The inbox columns: the most urgent clock that is still open. */
    private static void summarise(Ticket ticket, List<Reading> readings) {
        Reading worst = null;
        for (Reading r : readings) {
            if (r.stoppedAt() != null) {
                continue;
            }
            if (worst == null || rank(r) < rank(worst) || (rank(r) == rank(worst) && r.dueAt() != null
                    && (worst.dueAt() == null || r.dueAt().isBefore(worst.dueAt())))) {
                worst = r;
            }
        }
        ticket.slaState = worst == null ? null : worst.state().name();
        ticket.slaDueAt = worst == null ? null : worst.dueAt();
    }

    private static int rank(Reading r) {
        return switch (r.state()) {
            case BREACHED -> 0;
            case RUNNING -> 1;
            case PAUSED -> 2;
            default -> 3;
        };
    }
}
