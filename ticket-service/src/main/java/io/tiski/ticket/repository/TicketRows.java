package io.tiski.ticket.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The rows an inbound message adds — the ticket it opens, the message with its attachments, audit entries, the
 * Message-IDs that thread replies, the acknowledgement's request — in plain SQL (ADR 0006): the same rows as
 * {@link Ticket}, {@link TicketMessage}, {@link TicketAttachment}, {@link TicketAuditEntry},
 * {@link KnownEmailMessageId} and {@link OutboundRequest}. A new ticket and its message are inserted at once, as
 * the entities' plain values (never managed by Hibernate); the rows gathered in {@link Pending}, a statement per
 * table, once Hibernate has flushed what else the messages changed (for a poll of inbound messages: after its last
 * one).
 */
@ApplicationScoped
public class TicketRows {
    /**
     * Every column of {@link Ticket} a new ticket can have set (a test holds this list to the entity), the number
     * taken from the tickets' sequence by the same statement.
     */
    static final String INSERT_TICKET = "INSERT INTO ticket (id, number, subject, channel, status, priority, type, "
            + "customer_id, conversation_key, inbox_address, language, linked_ticket_id, assignee, brand, team, "
            + "created_at, updated_at, last_message_at, status_changed_at, sla_state, sla_due_at) "
            + "VALUES (?, nextval('ticket_number_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "RETURNING number";
    /** Every column of {@link TicketMessage} (a test holds this list to the entity). */
    static final String INSERT_MESSAGE = "INSERT INTO ticket_message (id, ticket_id, direction, kind, channel, "
            + "source_message_id, author_address, author_name, subject, text_body, new_text, html_body, language, "
            + "classification, threading_reason, agent_name, raw_reference, received_at, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Every column of {@link TicketAttachment} (a test holds this list to the entity). */
    static final String INSERT_ATTACHMENT = "INSERT INTO ticket_attachment (id, message_id, sha256, file_name, "
            + "media_type, size, content_id, inline_part, omitted_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final TransactionStatements statements;

    TicketRows(TransactionStatements statements) {
        this.statements = statements;
    }

    /** One change to a ticket. */
    public record AuditEntry(UUID ticketId, String actor, String action, String field, String before, String after,
            Instant at) {
    }

    /** A Message-ID a reply may name: one the customer sent, or one Tiski sent. */
    public record EmailMessageId(String messageId, UUID ticketId, UUID ticketMessageId, String origin, Instant at) {
    }

    /** A message Tiski asked a channel to send, not yet reported on. */
    public record Request(UUID id, UUID ticketId, String kind, String channel, String recipient,
            String providerMessageId, Instant at) {
    }

    /** Rows gathered while a message is applied, written by {@link #write}. */
    public static final class Pending {
        private final List<AuditEntry> auditEntries = new ArrayList<>();
        private final List<EmailMessageId> emailMessageIds = new ArrayList<>();
        private final List<Request> requests = new ArrayList<>();

        public void add(AuditEntry entry) {
            auditEntries.add(entry);
        }

        public void add(EmailMessageId messageId) {
            emailMessageIds.add(messageId);
        }

        public void add(Request request) {
            requests.add(request);
        }

        boolean isEmpty() {
            return auditEntries.isEmpty() && emailMessageIds.isEmpty() && requests.isEmpty();
        }

        void clear() {
            auditEntries.clear();
            emailMessageIds.clear();
            requests.clear();
        }
    }

    /** Writes the pending rows and forgets them; their tickets and messages must be in the database already. */
    public void write(Pending pending) {
        if (pending.isEmpty()) {
            return;
        }
        statements.run("writing the messages' ticket rows", c -> {
            writeAudit(c, pending.auditEntries);
            writeEmailMessageIds(c, pending.emailMessageIds);
            writeRequests(c, pending.requests);
            return null;
        });
        pending.clear();
    }

    /**
     * Inserts a ticket a customer's message opened, at once (the rows that follow refer to it), and sets its number,
     * the next of the tickets' sequence. Its SLA columns and whatever an SLA escalation changes are written by
     * {@link #afterClocksStarted}.
     */
    public void insert(Ticket t) {
        t.number = statements.run("storing the ticket of conversation " + t.conversationKey, c -> {
            try (PreparedStatement st = c.prepareStatement(INSERT_TICKET)) {
                st.setObject(1, t.id);
                st.setString(2, t.subject);
                st.setString(3, t.channel);
                st.setString(4, t.status);
                st.setString(5, t.priority);
                st.setString(6, t.type);
                st.setObject(7, t.customerId);
                st.setString(8, t.conversationKey);
                st.setString(9, t.inboxAddress);
                st.setString(10, t.language);
                st.setObject(11, t.linkedTicketId);
                st.setString(12, t.assignee);
                st.setString(13, t.brand);
                st.setString(14, t.team);
                st.setObject(15, TransactionStatements.at(t.createdAt));
                st.setObject(16, TransactionStatements.at(t.updatedAt));
                st.setObject(17, TransactionStatements.at(t.lastMessageAt));
                st.setObject(18, TransactionStatements.at(t.statusChangedAt));
                st.setString(19, t.slaState);
                st.setObject(20, TransactionStatements.at(t.slaDueAt));
                try (java.sql.ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The columns starting a ticket's SLA clocks may change, as they are at one moment. */
    public record ClockedColumns(String slaState, java.time.Instant slaDueAt, String priority, String assignee) {
        public static ClockedColumns of(Ticket t) {
            return new ClockedColumns(t.slaState, t.slaDueAt, t.priority, t.assignee);
        }
    }

    /**
     * Writes what starting a new ticket's SLA clocks set on it (its state and due time; a breach's escalation may
     * raise the priority or reassign it), when it changed anything since {@code inserted}.
     */
    public void afterClocksStarted(Ticket t, ClockedColumns inserted) {
        if (ClockedColumns.of(t).equals(inserted)) {
            return;
        }
        statements.run("storing the SLA of ticket #" + t.number, c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE ticket SET sla_state = ?, sla_due_at = ?, "
                    + "priority = ?, assignee = ?, updated_at = ? WHERE id = ?")) {
                st.setString(1, t.slaState);
                st.setObject(2, TransactionStatements.at(t.slaDueAt));
                st.setString(3, t.priority);
                st.setString(4, t.assignee);
                st.setObject(5, TransactionStatements.at(t.updatedAt));
                st.setObject(6, t.id);
                st.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The ticket a customer's message continues, locked until the transaction ends (as an agent's change locks it),
     * as plain values: what the message changes on it is written by {@link #afterFollowUp}.
     */
    public Optional<Ticket> lockForFollowUp(UUID id) {
        return statements.run("locking ticket " + id, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT id, number, subject, channel, status, priority, "
                    + "type, customer_id, conversation_key, inbox_address, language, linked_ticket_id, merged_into, "
                    + "split_from, assignee, brand, team, created_at, updated_at, last_message_at, status_changed_at, "
                    + "contact_reason, sla_state, sla_due_at FROM ticket WHERE id = ? FOR NO KEY UPDATE")) {
                st.setObject(1, id);
                try (java.sql.ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Ticket>empty();
                    }
                    Ticket t = new Ticket();
                    t.id = rs.getObject(1, UUID.class);
                    t.number = rs.getLong(2);
                    t.subject = rs.getString(3);
                    t.channel = rs.getString(4);
                    t.status = rs.getString(5);
                    t.priority = rs.getString(6);
                    t.type = rs.getString(7);
                    t.customerId = rs.getObject(8, UUID.class);
                    t.conversationKey = rs.getString(9);
                    t.inboxAddress = rs.getString(10);
                    t.language = rs.getString(11);
                    t.linkedTicketId = rs.getObject(12, UUID.class);
                    t.mergedInto = rs.getObject(13, UUID.class);
                    t.splitFrom = rs.getObject(14, UUID.class);
                    t.assignee = rs.getString(15);
                    t.brand = rs.getString(16);
                    t.team = rs.getString(17);
                    t.createdAt = TransactionStatements.instant(rs, 18);
                    t.updatedAt = TransactionStatements.instant(rs, 19);
                    t.lastMessageAt = TransactionStatements.instant(rs, 20);
                    t.statusChangedAt = TransactionStatements.instant(rs, 21);
                    t.contactReason = rs.getString(22);
                    t.slaState = rs.getString(23);
                    t.slaDueAt = TransactionStatements.instant(rs, 24);
                    return Optional.of(t);
                }
            }
        });
    }

    /**
     * Writes what a customer's message changed on the ticket it continues: its status (reopened), its times, and
     * what recomputing its SLA clocks set (their state and due time; a breach's escalation, priority and assignee).
     */
    public void afterFollowUp(Ticket t) {
        statements.run("storing ticket #" + t.number, c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE ticket SET status = ?, status_changed_at = ?, "
                    + "last_message_at = ?, updated_at = ?, sla_state = ?, sla_due_at = ?, priority = ?, assignee = ? "
                    + "WHERE id = ?")) {
                st.setString(1, t.status);
                st.setObject(2, TransactionStatements.at(t.statusChangedAt));
                st.setObject(3, TransactionStatements.at(t.lastMessageAt));
                st.setObject(4, TransactionStatements.at(t.updatedAt));
                st.setString(5, t.slaState);
                st.setObject(6, TransactionStatements.at(t.slaDueAt));
                st.setString(7, t.priority);
                st.setString(8, t.assignee);
                st.setObject(9, t.id);
                st.executeUpdate();
            }
            return null;
        });
    }

    /** Inserts a message and its attachments at once (its ticket must be in the database). */
    public void insert(TicketMessage m, List<TicketAttachment> attachments) {
        statements.run("storing message " + m.sourceMessageId, c -> {
            try (PreparedStatement st = c.prepareStatement(INSERT_MESSAGE)) {
                st.setObject(1, m.id);
                st.setObject(2, m.ticketId);
                st.setString(3, m.direction);
                st.setString(4, m.kind);
                st.setString(5, m.channel);
                st.setString(6, m.sourceMessageId);
                st.setString(7, m.authorAddress);
                st.setString(8, m.authorName);
                st.setString(9, m.subject);
                st.setString(10, m.textBody);
                st.setString(11, m.newText);
                st.setString(12, m.htmlBody);
                st.setString(13, m.language);
                st.setString(14, m.classification);
                st.setString(15, m.threadingReason);
                st.setString(16, m.agentName);
                st.setString(17, m.rawReference);
                st.setObject(18, TransactionStatements.at(m.receivedAt));
                st.setObject(19, TransactionStatements.at(m.createdAt));
                st.executeUpdate();
            }
            TransactionStatements.batch(c, INSERT_ATTACHMENT, attachments, (st, a) -> {
                st.setObject(1, a.id);
                st.setObject(2, a.messageId);
                st.setString(3, a.sha256);
                st.setString(4, a.fileName);
                st.setString(5, a.mediaType);
                st.setLong(6, a.size);
                st.setString(7, a.contentId);
                st.setBoolean(8, a.inlinePart);
                st.setString(9, a.omittedReason);
            });
            return null;
        });
    }

    /** Writes audit entries at once (their tickets must be in the database). */
    public void write(List<AuditEntry> entries) {
        statements.run("writing the audit trail", c -> {
            writeAudit(c, entries);
            return null;
        });
    }

    private static void writeAudit(Connection c, List<AuditEntry> entries) throws SQLException {
        TransactionStatements.batch(c, "INSERT INTO ticket_audit (ticket_id, actor, action, field, before, after, "
                + "at) VALUES (?, ?, ?, ?, ?, ?, ?)", entries, (st, e) -> {
                    st.setObject(1, e.ticketId());
                    st.setString(2, e.actor());
                    st.setString(3, e.action());
                    st.setString(4, e.field());
                    st.setString(5, e.before());
                    st.setString(6, e.after());
                    st.setObject(7, TransactionStatements.at(e.at()));
                });
    }

    private static void writeEmailMessageIds(Connection c, List<EmailMessageId> ids) throws SQLException {
        TransactionStatements.batch(c, "INSERT INTO email_message_id (message_id, ticket_id, ticket_message_id, "
                + "origin, created_at) VALUES (?, ?, ?, ?, ?)", ids, (st, id) -> {
                    st.setString(1, id.messageId());
                    st.setObject(2, id.ticketId());
                    st.setObject(3, id.ticketMessageId());
                    st.setString(4, id.origin());
                    st.setObject(5, TransactionStatements.at(id.at()));
                });
    }

    private static void writeRequests(Connection c, List<Request> requests) throws SQLException {
        TransactionStatements.batch(c, "INSERT INTO outbound_request (id, ticket_id, kind, channel, recipient, "
                + "provider_message_id, status, requested_at) VALUES (?, ?, ?, ?, ?, ?, 'REQUESTED', ?)", requests,
                (st, r) -> {
                    st.setObject(1, r.id());
                    st.setObject(2, r.ticketId());
                    st.setString(3, r.kind());
                    st.setString(4, r.channel());
                    st.setString(5, r.recipient());
                    st.setString(6, r.providerMessageId());
                    st.setObject(7, TransactionStatements.at(r.at()));
                });
    }
}
