package io.tiski.ticket.repository;

import io.tiski.events.v1.Channel;
import io.tiski.ticket.domain.ConversationLookup;
import io.tiski.ticket.domain.KnownTicket;
import io.tiski.ticket.domain.TicketId;
import io.tiski.ticket.domain.TicketStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Answers the threading engine's questions from the ticket tables, in plain SQL (every inbound message asks at least
 * one). It reads what the transaction has flushed: the inbound consumer flushes after each message, and answers for
 * the Message-IDs its poll brought itself until it writes them after the poll's last message.
 */
@ApplicationScoped
public class StoredConversations implements ConversationLookup {
    private static final String TICKET = "SELECT t.id, t.number, t.status, t.status_changed_at, t.customer_id, "
            + "t.merged_into FROM ticket t ";

    private final TransactionStatements statements;

    StoredConversations(TransactionStatements statements) {
        this.statements = statements;
    }

    @Override
    public Optional<KnownTicket> byEmailMessageId(String messageId) {
        return find(TICKET + "JOIN email_message_id k ON k.ticket_id = t.id WHERE k.message_id = ?", messageId);
    }

    /** The ticket with this id (a merged one answers as the ticket it was merged into). */
    public Optional<KnownTicket> byId(UUID id) {
        return find(TICKET + "WHERE t.id = ?", id);
    }

    @Override
    public Optional<KnownTicket> byNumber(long number) {
        return find(TICKET + "WHERE t.number = ?", number);
    }

    @Override
    public Optional<KnownTicket> newestByConversation(Channel channel, String conversationKey) {
        return find(TICKET + "WHERE t.channel = ? AND t.conversation_key = ? ORDER BY t.created_at DESC LIMIT 1",
                channel.name(), conversationKey);
    }

    private record Row(UUID id, long number, String status, Instant statusChangedAt, UUID customerId,
            UUID mergedInto) {
    }

    private Optional<KnownTicket> find(String sql, Object... parameters) {
        return statements.run("looking up the ticket of a conversation", c -> {
            Optional<Row> found = one(c, sql, parameters);
            return found.isEmpty() ? Optional.empty() : Optional.of(known(c, found.get()));
        });
    }

    private static Optional<Row> one(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3),
                        TransactionStatements.instant(rs, 4), rs.getObject(5, UUID.class),
                        rs.getObject(6, UUID.class)));
            }
        }
    }

    /** A merged ticket answers as the ticket it was merged into, with the participants of both. */
    private static KnownTicket known(Connection c, Row ticket) throws SQLException {
        Set<String> participants = new HashSet<>();
        Row current = ticket;
        try (PreparedStatement st = c.prepareStatement("SELECT address, false FROM customer_identity "
                + "WHERE customer_id = ? UNION ALL SELECT recipient, true FROM outbound_request "
                + "WHERE ticket_id = ? AND kind = 'FORWARD'")) {
            for (int hops = 0; hops < 20; hops++) {
                // whoever an agent forwarded the ticket to (a warehouse, a carrier) may answer in its thread
                st.setObject(1, current.customerId());
                st.setObject(2, current.id());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        participants.add(rs.getBoolean(2) ? rs.getString(1).toLowerCase(Locale.ROOT)
                                : rs.getString(1));
                    }
                }
                if (current.mergedInto() == null) {
                    break;
                }
                Optional<Row> into = one(c, TICKET + "WHERE t.id = ?", current.mergedInto());
                if (into.isEmpty()) {
                    break;
                }
                current = into.get();
            }
        }
        return new KnownTicket(new TicketId(current.id()), current.number(), TicketStatus.valueOf(current.status()),
                current.statusChangedAt(), participants);
    }
}
