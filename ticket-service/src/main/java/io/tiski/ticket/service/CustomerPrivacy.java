package io.tiski.ticket.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tiski.objectstore.ObjectStore;
import io.tiski.ticket.repository.Customer;
import io.tiski.ticket.repository.CustomerIdentity;
import io.tiski.ticket.repository.SatisfactionSurvey;
import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.repository.TicketAttachment;
import io.tiski.ticket.repository.TicketMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The data protection rights of a customer (GDPR articles 15, 17 and 20): everything Tiski holds about them as a
 * machine-readable archive, and erasure — their words, names, addresses and files gone from every table and from
 * the object store, while the tickets themselves stay as anonymous rows so that volumes, times and SLA
 * attainment still add up.
 */
@ApplicationScoped
public class CustomerPrivacy {
    /** What an erased text becomes. */
    public static final String ERASED = "[erased]";
    /** Audit fields whose values hold no personal data and stay after an erasure. */
    static final Set<String> AUDIT_FIELDS_KEPT = Set.of("status", "priority", "assignee", "followers", "survey",
            "satisfaction", "splitInto", "splitFrom", "mergedInto", "mergedFrom", "type", "team", "tags",
            "contactReason", "customer");

    private final EntityManager entityManager;
    private final ObjectStore objects;
    private final ObjectMapper json;
    private final io.tiski.outbox.Outbox outbox;

    CustomerPrivacy(EntityManager entityManager, ObjectStore objects, ObjectMapper json,
            io.tiski.outbox.Outbox outbox) {
        this.entityManager = entityManager;
        this.objects = objects;
        this.outbox = outbox;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** What an erasure did. */
    public record Erasure(UUID customerId, int customerRecords, int identities, int tickets, int messages,
            int attachmentsDeleted, Instant erasedAt) {
    }

    /** The customer and the records merged into it. */
    private List<Customer> records(UUID customerId) {
        Customer customer = Customer.findById(customerId);
        if (customer == null) {
            throw new NotFoundException("No customer " + customerId);
        }
        if (customer.mergedInto != null) {
            return records(customer.mergedInto);
        }
        List<Customer> all = new ArrayList<>();
        all.add(customer);
        all.addAll(Customer.list("mergedInto", customer.id));
        return all;
    }

    /** The customer record that answers for {@code customerId} (the one it was merged into, if it was). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public UUID survivorOf(UUID customerId) {
        return records(customerId).get(0).id;
    }

    private static List<UUID> ids(List<Customer> records) {
        return records.stream().map(c -> c.id).toList();
    }

    /** Writes the archive: customer.json, one JSON file per ticket, and every attachment's bytes. */
    @Transactional
    public UUID export(UUID customerId, OutputStream out) {
        List<Customer> records = records(customerId);
        List<UUID> ids = ids(records);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            Map<String, Object> customer = new LinkedHashMap<>();
            customer.put("exportedAt", Instant.now());
            customer.put("records", records.stream().map(c -> {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("id", c.id);
                record.put("name", c.displayName);
                record.put("language", c.language);
                record.put("group", c.customerGroup);
                record.put("createdAt", c.createdAt);
                record.put("identities", CustomerIdentity.<CustomerIdentity>list("customerId", c.id).stream()
                        .map(i -> Map.of("channel", i.channel, "address", i.address, "since", i.createdAt))
                        .toList());
                return record;
            }).toList());
            entry(zip, "customer.json", json.writeValueAsBytes(customer));
            for (Ticket ticket : Ticket.<Ticket>list("customerId in ?1 order by number", ids)) {
                exportTicket(zip, ticket);
            }
            entry(zip, "README.txt", ("Everything Tiski holds about this customer: customer.json (names, addresses "
                    + "on every channel), tickets/<number>.json (each conversation with every message, survey "
                    + "answer and change), tickets/<number>/<file> (the files sent and received).\n").getBytes(
                            java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the export could not be written: " + e.getMessage(), e);
        }
        return records.get(0).id;
    }

    private void exportTicket(ZipOutputStream zip, Ticket ticket) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", ticket.number);
        out.put("subject", ticket.subject);
        out.put("channel", ticket.channel);
        out.put("status", ticket.status);
        out.put("brand", ticket.brand);
        out.put("createdAt", ticket.createdAt);
        out.put("contactReason", ticket.contactReason);
        List<Map<String, Object>> messages = new ArrayList<>();
        for (TicketMessage m : TicketMessage.<TicketMessage>list("ticketId = ?1 order by createdAt", ticket.id)) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("at", m.receivedAt);
            message.put("direction", m.direction);
            message.put("channel", m.channel);
            message.put("from", m.authorAddress);
            message.put("fromName", m.authorName);
            message.put("subject", m.subject);
            message.put("text", m.textBody);
            message.put("html", m.htmlBody);
            List<Map<String, Object>> files = new ArrayList<>();
            for (TicketAttachment a : TicketAttachment.<TicketAttachment>list("messageId", m.id)) {
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("name", a.fileName);
                file.put("type", a.mediaType);
                file.put("size", a.size);
                if (a.sha256 != null) {
                    var bytes = objects.read(a.sha256);
                    if (bytes.isPresent()) {
                        String path = "tickets/" + ticket.number + "/" + a.id + "-"
                                + AttachmentFiles.safeName(a.fileName, a.mediaType).replace('/', '_');
                        entry(zip, path, bytes.get());
                        file.put("file", path);
                    }
                }
                files.add(file);
            }
            message.put("attachments", files);
            messages.add(message);
        }
        out.put("messages", messages);
        SatisfactionSurvey survey = SatisfactionSurvey.findById(ticket.id);
        if (survey != null && survey.rating != null) {
            out.put("survey", Map.of("rating", survey.rating, "comment", survey.comment == null ? "" : survey.comment,
                    "answeredAt", survey.answeredAt));
        }
        out.put("fields", entityManager.createNativeQuery("SELECT field_key, coalesce(text_value, "
                + "number_value::text, date_value::text) FROM ticket_field_value WHERE ticket_id = ?1")
                .setParameter(1, ticket.id).getResultList());
        entry(zip, "tickets/" + ticket.number + ".json", json.writeValueAsBytes(out));
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * Erases the customer. Files go from the object store first (a file another ticket still refers to stays), then
     * one transaction redacts every row; run again, it finishes what a failure left.
     */
    @Transactional
    public Erasure erase(UUID customerId) {
        List<Customer> records = records(customerId);
        List<UUID> ids = ids(records);
        Customer.find("id in ?1", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        List<UUID> tickets = Ticket.<Ticket>list("customerId in ?1", ids).stream().map(t -> t.id).toList();
        TicketErasure erasure = eraseTickets(tickets);
        List<io.tiski.events.v1.CustomerErased.Identity> identities = forgetCustomers(ids);
        tellOtherServices(records.get(0).id, identities, erasure, "REQUEST");
        return new Erasure(records.get(0).id, records.size(), identities.size(), erasure.tickets(),
                erasure.messages(), erasure.filesDeleted(), Instant.now());
    }

    /** What an erasure of tickets removed, and what the other services must forget with it. */
    record TicketErasure(int tickets, int messages, int filesDeleted, List<String> sourceMessageIds,
            List<String> rawMessageReferences, List<String> files) {
    }

    /**
     * Removes the customer records' identities and names and marks them erased; returns the identities, for the
     * other services to forget.
     */
    @SuppressWarnings("unchecked")
    private List<io.tiski.events.v1.CustomerErased.Identity> forgetCustomers(List<UUID> customers) {
        UUID[] ids = customers.toArray(UUID[]::new);
        List<Object[]> rows = entityManager.createNativeQuery("DELETE FROM customer_identity WHERE customer_id = "
                + "ANY(?1) RETURNING channel, address").setParameter(1, ids).getResultList();
        update("UPDATE customer SET display_name = NULL, customer_group = NULL, erased_at = now() WHERE id = "
                + "ANY(?1)", ids, null);
        return rows.stream().map(r -> new io.tiski.events.v1.CustomerErased.Identity((String) r[0], (String) r[1]))
                .toList();
    }

    /** Through the outbox, in the erasure's transaction: the other services forget this customer too. */
    private void tellOtherServices(UUID customerId, List<io.tiski.events.v1.CustomerErased.Identity> identities,
            TicketErasure erasure, String reason) {
        outbox.append(io.tiski.events.v1.EventEnvelope.of(new io.tiski.events.v1.CustomerErased(
                UUID.randomUUID().toString(), Instant.now(), customerId.toString(), identities,
                erasure.sourceMessageIds(), erasure.rawMessageReferences(), erasure.files(), reason),
                InboundMessageService.SOURCE));
    }

    /** Redacts tickets (an erased customer's, or closed ones past their retention), in the caller's transaction. */
    @SuppressWarnings("unchecked")
    private TicketErasure eraseTickets(List<UUID> tickets) {
        if (tickets.isEmpty()) {
            return new TicketErasure(0, 0, 0, List.of(), List.of(), List.of());
        }
        UUID[] ticketIds = tickets.toArray(UUID[]::new);
        List<Object[]> sources = entityManager.createNativeQuery("SELECT source_message_id, raw_reference FROM "
                + "ticket_message WHERE ticket_id = ANY(?1)").setParameter(1, ticketIds).getResultList();
        List<String> sourceIds = sources.stream().map(r -> (String) r[0]).filter(java.util.Objects::nonNull)
                .distinct().toList();
        List<String> raw = sources.stream().map(r -> (String) r[1]).filter(java.util.Objects::nonNull).distinct()
                .toList();
        List<String> files = filesOnlyOf(ticketIds);
        int deleted = 0;
        for (String sha256 : files) {
            if (objects.delete(sha256)) {
                deleted++;
            }
        }
        update("DELETE FROM ticket_attachment WHERE message_id IN (SELECT id FROM ticket_message WHERE ticket_id = "
                + "ANY(?1))", ticketIds, null);
        int messages = update("UPDATE ticket_message SET subject = NULL, text_body = NULL, new_text = NULL, "
                + "html_body = NULL, author_name = NULL, author_address = ?2, source_message_id = "
                + "CASE WHEN source_message_id IS NULL THEN NULL ELSE 'erased:' || id END, raw_reference = NULL "
                + "WHERE ticket_id = ANY(?1)", ticketIds, ERASED);
        update("UPDATE ticket SET subject = ?2, conversation_key = 'erased:' || id, erased_at = now() WHERE id = "
                + "ANY(?1)", ticketIds, ERASED);
        update("DELETE FROM email_message_id WHERE ticket_id = ANY(?1)", ticketIds, null);
        update("UPDATE outbound_request SET recipient = ?2, status_reason = NULL WHERE ticket_id = ANY(?1)",
                ticketIds, ERASED);
        update("UPDATE satisfaction_survey SET comment = NULL WHERE ticket_id = ANY(?1)", ticketIds, null);
        update("UPDATE ticket_field_value SET text_value = NULL WHERE ticket_id = ANY(?1)", ticketIds, null);
        entityManager.createNativeQuery("UPDATE ticket_audit SET before = NULL, after = NULL WHERE ticket_id = "
                + "ANY(?1) AND (field IS NULL OR NOT field = ANY(?2))").setParameter(1, ticketIds)
                .setParameter(2, AUDIT_FIELDS_KEPT.toArray(String[]::new)).executeUpdate();
        // events about these tickets already published; one not yet published would carry their words out
        update("DELETE FROM outbox_event WHERE record_key = ANY(?1)", tickets.stream().map(UUID::toString)
                .toArray(String[]::new), null);
        entityManager.flush();
        entityManager.clear();
        return new TicketErasure(tickets.size(), messages, deleted, sourceIds, raw, files);
    }

    /**
     * Applies the retention policy once: closed tickets whose status changed before {@code cutoff} are redacted in
     * batches, then customers left with no ticket that still holds data are erased. Safe on several replicas at
     * once (rows are claimed with SKIP LOCKED). Returns the tickets and customers erased.
     */
    public int[] applyRetention(Instant cutoff, int batchSize) {
        int tickets = 0;
        int customers = 0;
        while (true) {
            int[] batch = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> retentionBatch(cutoff,
                    batchSize));
            tickets += batch[0];
            customers += batch[1];
            if (batch[0] < batchSize) {
                return new int[] {tickets, customers};
            }
        }
    }

    private int[] retentionBatch(Instant cutoff, int batchSize) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT id, customer_id FROM ticket WHERE status = "
                + "'CLOSED' AND erased_at IS NULL AND status_changed_at < ?1 ORDER BY status_changed_at LIMIT ?2 "
                + "FOR UPDATE SKIP LOCKED").setParameter(1, cutoff).setParameter(2, batchSize).getResultList();
        if (rows.isEmpty()) {
            return new int[] {0, 0};
        }
        Map<UUID, List<UUID>> byCustomer = new LinkedHashMap<>();
        rows.forEach(r -> byCustomer.computeIfAbsent((UUID) r[1], k -> new ArrayList<>()).add((UUID) r[0]));
        int customers = 0;
        for (Map.Entry<UUID, List<UUID>> owner : byCustomer.entrySet()) {
            TicketErasure erasure = eraseTickets(owner.getValue());
            @SuppressWarnings("unchecked")
            List<UUID> done = entityManager.createNativeQuery("SELECT c.id FROM customer c WHERE c.id = ?1 AND "
                    + "c.erased_at IS NULL AND NOT EXISTS (SELECT 1 FROM ticket t WHERE t.customer_id = c.id AND "
                    + "t.erased_at IS NULL) FOR UPDATE OF c SKIP LOCKED").setParameter(1, owner.getKey())
                    .getResultList();
            List<io.tiski.events.v1.CustomerErased.Identity> identities = List.of();
            if (!done.isEmpty()) {
                identities = forgetCustomers(done);
                customers++;
            }
            tellOtherServices(owner.getKey(), identities, erasure, "RETENTION");
        }
        return new int[] {rows.size(), customers};
    }

    private int update(String sql, Object[] ids, String value) {
        var query = entityManager.createNativeQuery(sql).setParameter(1, ids);
        if (value != null) {
            query.setParameter(2, value);
        }
        return query.executeUpdate();
    }

    /** The files of these tickets that no other ticket refers to. */
    private List<String> filesOnlyOf(UUID[] tickets) {
        @SuppressWarnings("unchecked")
        List<String> files = entityManager.createNativeQuery("SELECT DISTINCT a.sha256 FROM ticket_attachment a "
                + "JOIN ticket_message m ON m.id = a.message_id WHERE m.ticket_id = ANY(?1) AND a.sha256 IS NOT NULL "
                + "AND NOT EXISTS (SELECT 1 FROM ticket_attachment o JOIN ticket_message om ON om.id = o.message_id "
                + "WHERE o.sha256 = a.sha256 AND NOT om.ticket_id = ANY(?1))")
                .setParameter(1, tickets).getResultList();
        return files;
    }
}
