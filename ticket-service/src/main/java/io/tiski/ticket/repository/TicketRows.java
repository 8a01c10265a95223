package io.tiski.ticket.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The rows an inbound message adds beside its ticket and message — audit entries, the Message-IDs that thread
 * replies, the acknowledgement's request — in plain SQL, a statement per table for as many rows as there are (the
 * same rows as {@link TicketAuditEntry}, {@link KnownEmailMessageId} and {@link OutboundRequest}). They refer to
 * the ticket and its message, so they are written once Hibernate has flushed those.
 */
@ApplicationScoped
public class TicketRows {
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
        statements.run("writing a message's ticket rows", c -> {
            writeAudit(c, pending.auditEntries);
            writeEmailMessageIds(c, pending.emailMessageIds);
            writeRequests(c, pending.requests);
            return null;
        });
        pending.clear();
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
