package io.tiski.ticket.service;

import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tiski.events.v1.DeliveryReported;
import io.tiski.outbox.ProcessedEvents;
import io.tiski.ticket.repository.TransactionStatements;
import io.tiski.ticket.repository.Ticket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import org.jboss.logging.Logger;

/** Records on the ticket what became of an acknowledgement or reply, exactly once per report. */
@ApplicationScoped
public class DeliveryReportService {
    private static final Logger LOG = Logger.getLogger(DeliveryReportService.class);
    private static final String CONSUMER = "ticket-service.delivery-reports";
    private final ProcessedEvents processedEvents;
    private final jakarta.persistence.EntityManager entityManager;
    private final TransactionStatements statements;

    DeliveryReportService(ProcessedEvents processedEvents, jakarta.persistence.EntityManager entityManager,
            TransactionStatements statements) {
        this.processedEvents = processedEvents;
        this.entityManager = entityManager;
        this.statements = statements;
    }

    @Transactional
    public void record(DeliveryReported report) {
        apply(report, processedEvents.firstDeliveries(CONSUMER, List.of(report.eventId())))
                .ifPresent(DeliveryReportService::touch);
    }

    /**
     * Reports in one transaction, in their order (a later report of the same request has the last word), then
     * {@code alsoInTransaction}; {@code traceOf} gives the i-th report's trace, current while it is applied.
     *
     * <p>The tickets whose deliveries changed are touched (for the agents' live view) without waiting for a ticket
     * another transaction holds: an inbound batch holds the tickets it writes to until it commits, and a report
     * batch waiting for one of them while holding another that the inbound batch wants next would deadlock both.
     * A ticket held that way is touched after the commit, in a transaction of its own that holds nothing else.
     */
    public void recordAll(List<DeliveryReported> reports, IntFunction<Scope> traceOf, Runnable alsoInTransaction) {
        Set<UUID> held = QuarkusTransaction.requiringNew().call(() -> {
            Set<UUID> tickets = new LinkedHashSet<>();
            Set<String> first = processedEvents.firstDeliveries(CONSUMER, reports.stream()
                    .map(DeliveryReported::eventId).toList());
            for (int i = 0; i < reports.size(); i++) {
                try (Scope trace = traceOf.apply(i)) {
                    apply(reports.get(i), first).ifPresent(tickets::add);
                }
            }
            Set<UUID> notTouched = touchUnlessHeld(tickets);
            alsoInTransaction.run();
            return notTouched;
        });
        for (UUID ticket : held) {
            try {
                QuarkusTransaction.requiringNew().run(() -> touch(ticket));
            } catch (RuntimeException e) {
                LOG.warnf("Ticket %s's delivery changed, but the agents' live view was not told (%s); it shows on the "
                        + "next reload", ticket, e.toString());
            }
        }
    }

    /** Touches the tickets no other transaction holds; returns the others. */
    private Set<UUID> touchUnlessHeld(Set<UUID> tickets) {
        Set<UUID> held = new LinkedHashSet<>(tickets);
        if (tickets.isEmpty()) {
            return held;
        }
        @SuppressWarnings("unchecked")
        List<Object> touched = entityManager.createNativeQuery("UPDATE ticket SET updated_at = :now WHERE id IN ("
                + "SELECT id FROM ticket WHERE id IN (:ids) ORDER BY id FOR UPDATE SKIP LOCKED) RETURNING id")
                .setParameter("now", Instant.now()).setParameter("ids", List.copyOf(tickets)).getResultList();
        touched.forEach(held::remove);
        return held;
    }

    /**
     * The ticket whose delivery changed, if one did: the request takes the report's state in one statement (plain
     * SQL, one per report), unless a bounce came before a late SENT, which then has the last word.
     *
     * @param first the event ids of the batch not applied before, each removed as it is applied
     */
    private java.util.Optional<UUID> apply(DeliveryReported report, Set<String> first) {
        if (!first.remove(report.eventId())) {
            return java.util.Optional.empty();
        }
        UUID requestId = UUID.fromString(report.requestId());
        return statements.run("recording delivery report " + report.eventId(), c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE outbound_request SET status = ?, "
                    + "status_reason = ?, provider_message_id = coalesce(?, provider_message_id), reported_at = ? "
                    + "WHERE id = ? AND NOT (status = 'BOUNCED' AND ? = 'SENT') RETURNING ticket_id")) {
                st.setString(1, report.status());
                st.setString(2, report.reason());
                st.setString(3, report.providerMessageId());
                st.setObject(4, TransactionStatements.at(report.occurredAt()));
                st.setObject(5, requestId);
                st.setString(6, report.status());
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        return java.util.Optional.of(rs.getObject(1, UUID.class));
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM outbound_request WHERE id = ?")) {
                st.setObject(1, requestId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        LOG.warnf("Delivery report %s for unknown request %s ignored", report.eventId(),
                                report.requestId());
                    }
                }
            }
            // unknown, or the recipient's server accepted the mail and bounced it later: the bounce is the final word
            return java.util.Optional.<UUID>empty();
        });
    }

    /** The open ticket in an agent's browser shows the new delivery state (TicketChangeFeed). */
    private static void touch(UUID ticket) {
        Ticket.update("updatedAt = ?1 where id = ?2", Instant.now(), ticket);
    }
}
