package io.tiski.ticket;

import io.tiski.ticket.repository.Customer;
import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.repository.TicketAuditEntry;
import io.tiski.ticket.repository.TicketMessage;
import io.tiski.ticket.repository.TicketSlaClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes a history of tickets straight into the database and keeps the true figures of what it wrote, so the
 * reports can be checked against numbers that were not computed by the code under test.
 */
@ApplicationScoped
public class ReportDataGenerator {
    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    static final List<String> CHANNELS = List.of("EMAIL", "CONTACT_FORM", "MESSENGER", "TELEGRAM");

    private final EntityManager entityManager;

    ReportDataGenerator(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** What was generated, in the figures the reports should show. */
    public static final class Truth {
        public final Map<String, long[]> volume = new TreeMap<>();          // "date|channel" -> tickets, messages
        public final Map<String, Long> heat = new TreeMap<>();              // "channel|isodow|hour" -> messages
        public final List<Duration> firstResponses = new ArrayList<>();
        public final List<Duration> resolutions = new ArrayList<>();
        public final Map<LocalDate, Long> backlog = new TreeMap<>();
        public final Map<String, long[]> attainment = new TreeMap<>();      // "target" -> met, breached, running
        long unanswered;
    }

    private record Generated(Instant created, Instant replied, Instant solved, Instant reopened) {
    }

    /**
     * Tickets created between {@code from} and {@code to} (local dates, inclusive) for {@code brand}, with customer
     * messages, replies, solves, reopens and SLA clocks.
     */
    @Transactional
    public Truth history(String brand, LocalDate from, LocalDate to, int tickets, UUID policyId, long seed) {
        Random random = new Random(seed);
        Truth truth = new Truth();
        Customer customer = customer();
        Instant start = from.atStartOfDay(HELSINKI).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(HELSINKI).toInstant();
        int days = (int) (to.toEpochDay() - from.toEpochDay() + 1);
        List<Generated> all = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
            ZonedDateTime local = from.plusDays(random.nextInt(days)).atTime(random.nextInt(24), random.nextInt(60))
                    .atZone(HELSINKI);
            Instant created = local.toInstant();
            Ticket ticket = ticket(customer, brand, channel, created);
            List<Instant> inbound = new ArrayList<>(List.of(created));
            if (random.nextInt(10) < 3) {
                inbound.add(created.plus(Duration.ofMinutes(30 + random.nextInt(3000))));
            }
            for (Instant at : inbound) {
                message(ticket, "INBOUND", "CUSTOMER_MESSAGE", at);
                if (!at.isBefore(start) && at.isBefore(end)) {
                    ZonedDateTime z = at.atZone(HELSINKI);
                    truth.volume.computeIfAbsent(z.toLocalDate() + "|" + channel, k -> new long[2])[1]++;
                    truth.heat.merge(channel + "|" + z.getDayOfWeek().getValue() + "|" + z.getHour(), 1L, Long::sum);
                }
            }
            truth.volume.computeIfAbsent(local.toLocalDate() + "|" + channel, k -> new long[2])[0]++;
            Instant replied = null;
            Instant solved = null;
            Instant reopened = null;
            String status = "NEW";
            if (random.nextInt(100) < 85) {
                replied = created.plus(Duration.ofMinutes(5 + random.nextInt(1800)));
                message(ticket, "OUTBOUND", "AGENT_REPLY", replied);
                status = status(ticket, status, "OPEN", replied);
                truth.firstResponses.add(Duration.between(created, replied));
                if (random.nextInt(100) < 70) {
                    solved = replied.plus(Duration.ofMinutes(random.nextInt(2880)));
                    status = status(ticket, status, "SOLVED", solved);
                    if (random.nextInt(100) < 20) {
                        reopened = solved.plus(Duration.ofMinutes(60));
                        status = status(ticket, status, "OPEN", reopened);
                    } else {
                        truth.resolutions.add(Duration.between(created, solved));
                    }
                }
            } else {
                truth.unanswered++;
            }
            ticket.status = status;
            String[] targets = {"FIRST_RESPONSE", "RESOLUTION"};
            String[] states = {"MET", "BREACHED", "RUNNING"};
            for (String target : targets) {
                String state = states[random.nextInt(states.length)];
                clock(ticket, target, policyId, state, created);
                truth.attainment.computeIfAbsent(target, k -> new long[3])[Arrays.asList(states).indexOf(state)]++;
            }
            all.add(new Generated(created, replied, solved, reopened));
        }
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Instant endOfDay = day.plusDays(1).atStartOfDay(HELSINKI).toInstant();
            long open = all.stream().filter(g -> g.created().isBefore(endOfDay)).filter(g -> !(g.solved() != null
                    && g.solved().isBefore(endOfDay) && (g.reopened() == null || !g.reopened().isBefore(endOfDay))))
                    .count();
            truth.backlog.put(day, open);
        }
        return truth;
    }

    /** An inactive SLA policy the generated clocks name. */
    @Transactional
    public UUID policy(String name) {
        io.tiski.ticket.repository.StoredSlaPolicy policy = new io.tiski.ticket.repository.StoredSlaPolicy();
        policy.id = UUID.randomUUID();
        policy.name = name;
        policy.position = 9999;
        policy.active = false;
        policy.definition = "{\"conditions\":null,\"targets\":{\"firstResponse\":{\"time\":\"PT4H\","
                + "\"businessHours\":false}},\"pauseOnHold\":false}";
        policy.createdAt = Instant.now();
        policy.updatedAt = policy.createdAt;
        policy.persist();
        return policy.id;
    }

    /** Three tickets whose business-hours times were worked out by hand (see the test). */
    @Transactional
    public void businessHoursCases(String brand) {
        Customer customer = customer();
        String[][] cases = {{"2026-10-09T15:00", "2026-10-12T09:00"}, {"2026-10-13T09:00", "2026-10-13T09:30"},
            {"2026-10-14T09:00", "2026-10-14T16:00"}};
        for (String[] c : cases) {
            Instant created = java.time.LocalDateTime.parse(c[0]).atZone(HELSINKI).toInstant();
            Instant replied = java.time.LocalDateTime.parse(c[1]).atZone(HELSINKI).toInstant();
            Ticket ticket = ticket(customer, brand, "EMAIL", created);
            message(ticket, "INBOUND", "CUSTOMER_MESSAGE", created);
            message(ticket, "OUTBOUND", "AGENT_REPLY", replied);
            ticket.status = status(ticket, "NEW", "OPEN", replied);
        }
    }

    /** Tickets per day as {@code ticketsByDay} says, at noon local time, in bulk. */
    @Transactional
    public void ticketsPerDay(String brand, Map<LocalDate, Integer> ticketsByDay) {
        Customer customer = customer();
        ticketsByDay.forEach((day, count) -> {
            if (count > 0) {
                entityManager.createNativeQuery("INSERT INTO ticket (id, number, subject, channel, status, priority, "
                        + "type, customer_id, conversation_key, created_at, updated_at, last_message_at, "
                        + "status_changed_at, brand) SELECT gen_random_uuid(), nextval('ticket_number_seq'), 'Order', "
                        + "'EMAIL', 'NEW', 'NORMAL', 'QUESTION', ?1, 'email:seasonal-' || gen_random_uuid(), ?2, ?2, "
                        + "?2, ?2, ?3 FROM generate_series(1, ?4)").setParameter(1, customer.id)
                        .setParameter(2, day.atTime(12, 0).atZone(HELSINKI).toInstant()).setParameter(3, brand)
                        .setParameter(4, count).executeUpdate();
            }
        });
    }

    private Customer customer() {
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        customer.displayName = "Report Customer";
        customer.createdAt = Instant.parse("2024-01-01T00:00:00Z");
        customer.persist();
        return customer;
    }

    private Ticket ticket(Customer customer, String brand, String channel, Instant created) {
        Ticket ticket = new Ticket();
        ticket.id = UUID.randomUUID();
        ticket.number = ((Number) entityManager.createNativeQuery("SELECT nextval('ticket_number_seq')")
                .getSingleResult()).longValue();
        ticket.subject = "Generated";
        ticket.channel = channel;
        ticket.status = "NEW";
        ticket.priority = "NORMAL";
        ticket.type = "QUESTION";
        ticket.customerId = customer.id;
        ticket.conversationKey = channel.toLowerCase() + ":report-" + ticket.id;
        ticket.brand = brand;
        ticket.team = "support";
        ticket.createdAt = created;
        ticket.updatedAt = created;
        ticket.lastMessageAt = created;
        ticket.statusChangedAt = created;
        ticket.persist();
        return ticket;
    }

    private void message(Ticket ticket, String direction, String kind, Instant at) {
        TicketMessage m = new TicketMessage();
        m.id = UUID.randomUUID();
        m.ticketId = ticket.id;
        m.direction = direction;
        m.kind = kind;
        m.channel = ticket.channel;
        m.sourceMessageId = "report-" + m.id;
        m.authorAddress = "someone@example.fi";
        m.textBody = "Generated message";
        m.newText = m.textBody;
        m.classification = direction.equals("INBOUND") ? "PERSON" : null;
        m.threadingReason = "Generated";
        m.receivedAt = at;
        m.createdAt = at;
        m.persist();
    }

    private static String status(Ticket ticket, String from, String to, Instant at) {
        TicketAuditEntry.record(ticket.id, "generator", "STATUS_CHANGED", "status", from, to, at);
        return to;
    }

    private static void clock(Ticket ticket, String target, UUID policyId, String state, Instant created) {
        TicketSlaClock clock = new TicketSlaClock();
        clock.key = new TicketSlaClock.Key(ticket.id, target, 1);
        clock.policyId = policyId;
        clock.state = state;
        clock.startedAt = created;
        clock.dueAt = created.plus(Duration.ofHours(4));
        clock.businessHours = false;
        clock.targetSeconds = 4 * 3600;
        clock.elapsedSeconds = 0;
        clock.updatedAt = created;
        clock.persist();
    }
}
