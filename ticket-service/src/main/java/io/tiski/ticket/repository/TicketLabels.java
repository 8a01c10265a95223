package io.tiski.ticket.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The small per-ticket lists that are kept in tables of their own: tags, followers and custom field values, and
 * the agents' team memberships. Plain SQL: each is a key and a value, with nothing to map.
 */
@ApplicationScoped
public class TicketLabels {
    private final EntityManager entityManager;
    private final TransactionStatements statements;

    TicketLabels(EntityManager entityManager, TransactionStatements statements) {
        this.entityManager = entityManager;
        this.statements = statements;
    }

    public Set<String> tags(UUID ticketId) {
        return tags(List.of(ticketId)).getOrDefault(ticketId, new TreeSet<>());
    }

    /** The tags of each ticket, sorted. */
    public Map<UUID, Set<String>> tags(Collection<UUID> ticketIds) {
        Map<UUID, Set<String>> tags = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return tags;
        }
        List<Object[]> rows = rows("SELECT ticket_id, tag FROM ticket_tag WHERE ticket_id IN (:ids)", ticketIds);
        rows.forEach(r -> tags.computeIfAbsent(uuid(r[0]), k -> new TreeSet<>()).add((String) r[1]));
        return tags;
    }

    /** Tickets with any of the tags, at most {@code limit + 1} of them (so a caller can tell "more than"). */
    public List<UUID> taggedTickets(Set<String> tags, int limit) {
        return ids(entityManager.createNativeQuery("SELECT DISTINCT ticket_id FROM ticket_tag WHERE tag IN (:tags) "
                + "LIMIT " + (limit + 1)).setParameter("tags", tags).getResultList());
    }

    /**
     * Tickets whose custom field equals {@code value} (lower-case for text) or lies within {@code from..to}, at most
     * {@code limit + 1} of them.
     *
     * @param attribute textValue, numberValue or dateValue
     */
    public List<UUID> ticketsWithField(String key, String attribute, Object value, Object from, Object to,
            int limit) {
        String column = switch (attribute) {
            case "textValue" -> "lower(text_value)";
            case "numberValue" -> "number_value";
            case "dateValue" -> "date_value";
            default -> throw new IllegalArgumentException(attribute);
        };
        StringBuilder sql = new StringBuilder("SELECT ticket_id FROM ticket_field_value WHERE field_key = :key");
        if (value != null) {
            sql.append(" AND ").append(column).append(" = :value");
        }
        if (from != null) {
            sql.append(" AND ").append(column).append(" >= :from");
        }
        if (to != null) {
            sql.append(" AND ").append(column).append(" <= :to");
        }
        var query = entityManager.createNativeQuery(sql + " LIMIT " + (limit + 1)).setParameter("key", key);
        if (value != null) {
            query.setParameter("value", value);
        }
        if (from != null) {
            query.setParameter("from", from);
        }
        if (to != null) {
            query.setParameter("to", to);
        }
        return ids(query.getResultList());
    }

    private static List<UUID> ids(List<?> rows) {
        return rows.stream().map(TicketLabels::uuid).toList();
    }

    public void addTag(UUID ticketId, String tag) {
        entityManager.createNativeQuery("INSERT INTO ticket_tag (ticket_id, tag) VALUES (?1, ?2) "
                + "ON CONFLICT DO NOTHING")
                .setParameter(1, ticketId).setParameter(2, tag).executeUpdate();
    }

    public void removeTag(UUID ticketId, String tag) {
        entityManager.createNativeQuery("DELETE FROM ticket_tag WHERE ticket_id = ?1 AND tag = ?2")
                .setParameter(1, ticketId).setParameter(2, tag).executeUpdate();
    }

    /**
     * The agents following the ticket, sorted. Read on every customer reply, so in plain JDBC: a native query through
     * Hibernate first flushes the whole session, which cost more than the read. Following and unfollowing are
     * statements of their own, executed at once, so this sees them.
     */
    public Set<String> followers(UUID ticketId) {
        return statements.run("reading the ticket's followers", c -> {
            Set<String> followers = new TreeSet<>();
            try (java.sql.PreparedStatement st = c.prepareStatement("SELECT agent FROM ticket_follower "
                    + "WHERE ticket_id = ?")) {
                st.setObject(1, ticketId);
                try (java.sql.ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        followers.add(rs.getString(1));
                    }
                }
            }
            return followers;
        });
    }

    /** @return whether the agent was not following before */
    public boolean follow(UUID ticketId, String agent, java.time.Instant at) {
        return entityManager.createNativeQuery("INSERT INTO ticket_follower (ticket_id, agent, created_at) "
                + "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING").setParameter(1, ticketId).setParameter(2, agent)
                .setParameter(3, at).executeUpdate() > 0;
    }

    /** @return whether the agent was following */
    public boolean unfollow(UUID ticketId, String agent) {
        return entityManager.createNativeQuery("DELETE FROM ticket_follower WHERE ticket_id = ?1 AND agent = ?2")
                .setParameter(1, ticketId).setParameter(2, agent).executeUpdate() > 0;
    }

    /** A custom field's value on one ticket: exactly one of the three is set. */
    public record FieldValue(String text, BigDecimal number, LocalDate date) {
        public String display() {
            return text != null ? text : number != null ? number.toPlainString() : date.toString();
        }
    }

    /** The custom field values of a ticket, by field key. */
    public Map<String, FieldValue> fieldValues(UUID ticketId) {
        Map<String, FieldValue> values = new LinkedHashMap<>();
        List<Object[]> rows = rows("SELECT field_key, text_value, number_value, date_value FROM ticket_field_value "
                + "WHERE ticket_id IN (:ids) ORDER BY field_key", List.of(ticketId));
        for (Object[] r : rows) {
            values.put((String) r[0], new FieldValue((String) r[1], (BigDecimal) r[2], toDate(r[3])));
        }
        return values;
    }

    public void setFieldValue(UUID ticketId, String key, FieldValue value) {
        entityManager.createNativeQuery("INSERT INTO ticket_field_value (ticket_id, field_key, text_value, "
                + "number_value, date_value) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (ticket_id, field_key) DO UPDATE "
                + "SET text_value = EXCLUDED.text_value, number_value = EXCLUDED.number_value, "
                + "date_value = EXCLUDED.date_value")
                .setParameter(1, ticketId).setParameter(2, key).setParameter(3, value.text())
                .setParameter(4, value.number()).setParameter(5, value.date()).executeUpdate();
    }

    public void clearFieldValue(UUID ticketId, String key) {
        entityManager.createNativeQuery("DELETE FROM ticket_field_value WHERE ticket_id = ?1 AND field_key = ?2")
                .setParameter(1, ticketId).setParameter(2, key).executeUpdate();
    }

    /** Moves tags, followers and field values of one ticket to another (merge), keeping the target's on a clash. */
    public void moveAll(UUID from, UUID to) {
        entityManager.createNativeQuery("INSERT INTO ticket_tag (ticket_id, tag) SELECT ?2, tag FROM ticket_tag "
                + "WHERE ticket_id = ?1 ON CONFLICT DO NOTHING").setParameter(1, from).setParameter(2, to)
                .executeUpdate();
        entityManager.createNativeQuery("INSERT INTO ticket_follower (ticket_id, agent, created_at) SELECT ?2, agent, "
                + "created_at FROM ticket_follower WHERE ticket_id = ?1 ON CONFLICT DO NOTHING")
                .setParameter(1, from).setParameter(2, to).executeUpdate();
        entityManager.createNativeQuery("INSERT INTO ticket_field_value (ticket_id, field_key, text_value, "
                + "number_value, date_value) SELECT ?2, field_key, text_value, number_value, date_value "
                + "FROM ticket_field_value WHERE ticket_id = ?1 ON CONFLICT DO NOTHING")
                .setParameter(1, from).setParameter(2, to).executeUpdate();
    }

    /** One agent's teams, sorted. */
    @SuppressWarnings("unchecked")
    public Set<String> teamsOf(String agent) {
        return new TreeSet<>(entityManager.createNativeQuery("SELECT team FROM agent_team WHERE agent = ?1")
                .setParameter(1, agent).getResultList());
    }

    /** Each agent's teams, sorted. */
    public Map<String, Set<String>> agentTeams() {
        Map<String, Set<String>> teams = new java.util.TreeMap<>();
        List<Object[]> rows = entityManager.createNativeQuery("SELECT agent, team FROM agent_team").getResultList();
        rows.forEach(r -> teams.computeIfAbsent((String) r[0], k -> new TreeSet<>()).add((String) r[1]));
        return teams;
    }

    public void replaceAgentTeams(String agent, Set<String> teams) {
        entityManager.createNativeQuery("DELETE FROM agent_team WHERE agent = ?1").setParameter(1, agent)
                .executeUpdate();
        for (String team : teams) {
            entityManager.createNativeQuery("INSERT INTO agent_team (agent, team) VALUES (?1, ?2)")
                    .setParameter(1, agent).setParameter(2, team).executeUpdate();
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Collection<UUID> ids) {
        return entityManager.createNativeQuery(sql).setParameter("ids", new ArrayList<>(ids)).getResultList();
    }

    private static UUID uuid(Object value) {
        return value instanceof UUID u ? u : UUID.fromString(String.valueOf(value));
    }

    private static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }
}
