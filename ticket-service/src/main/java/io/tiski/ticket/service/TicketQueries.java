package io.tiski.ticket.service;

import io.quarkus.panache.common.Parameters;
import io.tiski.ticket.repository.Customer;
import io.tiski.ticket.repository.CustomerIdentity;
import io.tiski.ticket.repository.OutboundRequest;
import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.repository.TicketMessage;
import io.tiski.ticket.rest.TicketViews.CustomerView;
import io.tiski.ticket.rest.TicketViews.DeliveryView;
import io.tiski.ticket.rest.TicketViews.MessageView;
import io.tiski.ticket.rest.TicketViews.TicketDetails;
import io.tiski.ticket.rest.TicketViews.TicketPage;
import io.tiski.ticket.rest.TicketViews.TicketSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads tickets for the agent API. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TicketQueries {

    /** How the inbox is ordered: newest created first, most recent message first, or soonest SLA due first. */
    public enum Sort {
        CREATED("createdAt", false), LAST_MESSAGE("lastMessageAt", false), SLA_DUE("slaDueAt", true);

        final String field;
        final boolean ascending;

        Sort(String field, boolean ascending) {
            this.field = field;
            this.ascending = ascending;
        }

        Instant valueOf(Ticket t) {
            return switch (this) {
                case CREATED -> t.createdAt;
                case LAST_MESSAGE -> t.lastMessageAt;
                case SLA_DUE -> t.slaDueAt;
            };
        }

        public static Sort parse(String text) {
            if (text == null || text.isBlank()) {
                return CREATED;
            }
            return switch (text.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
                case "created", "-created" -> CREATED;
                case "last-message", "-last-message", "lastmessage" -> LAST_MESSAGE;
                case "sla", "sla-due" -> SLA_DUE;
                default -> throw new IllegalArgumentException("sort must be 'created', 'last-message' or 'sla', not '"
                        + text + "'");
            };
        }
    }

    /** A position in the list: the sort value (null for tickets without one) and id of the last ticket seen. */
    public record Cursor(Sort sort, Instant at, UUID id) {
        public String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((sort.name() + "|"
                    + (at == null ? "-" : at.toString()) + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Sort.valueOf(parts[0]), parts[1].equals("-") ? null : Instant.parse(parts[1]),
                        UUID.fromString(parts[2]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor is not one this API returned");
            }
        }
    }

    /** Which tickets an SLA filter keeps. */
    public enum SlaFilter {
        /** A clock is past its due time and not yet stopped. */
        BREACHED,
        /** The most urgent clock is running and due within the due-soon window. */
        DUE_SOON,
        /** The most urgent clock is running. */
        RUNNING,
        /** Every open clock is paused (waiting on the customer or a third party). */
        PAUSED;

        public static SlaFilter parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return valueOf(text.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sla must be breached, due-soon, running or paused, not '" + text
                        + "'");
            }
        }
    }

    /**
     * What an agent filters the inbox by; every field is optional and they combine with AND.
     *
     * @param assignee an agent's name, "me" (resolved by the caller) or "unassigned"
     */
    public record Filter(String query, Set<String> statuses, Set<String> channels, String assignee, String team,
            String brand, Set<String> priorities, Set<String> types, String customer, Instant createdFrom,
            Instant createdTo, SlaFilter sla, Set<String> tags, Set<String> contactReasons, String follower,
            List<FieldCondition> fields) {
        public Filter {
            tags = tags == null ? Set.of() : tags;
            contactReasons = contactReasons == null ? Set.of() : contactReasons;
            fields = fields == null ? List.of() : fields;
        }

        /** A filter with the original fields only. */
        public Filter(String query, Set<String> statuses, Set<String> channels, String assignee, String team,
                String brand, Set<String> priorities, Set<String> types, String customer, Instant createdFrom,
                Instant createdTo, SlaFilter sla) {
            this(query, statuses, channels, assignee, team, brand, priorities, types, customer, createdFrom,
                    createdTo, sla, Set.of(), Set.of(), null, List.of());
        }
    }

    /**
     * A condition on a custom field: equal to {@code value} (text and options case-insensitively), or for numbers
     * and dates within {@code from..to} (either end may be open).
     */
    public record FieldCondition(CustomFields.Definition field, String value, String from, String to) {
        /** Parses {@code field.<key>=value} or {@code field.<key>=from..to}. */
        public static FieldCondition parse(CustomFields.Definition field, String given) {
            String text = given.strip();
            int range = text.indexOf("..");
            boolean ordered = field.kind() == CustomFields.Kind.NUMBER || field.kind() == CustomFields.Kind.DATE;
            if (range >= 0 && ordered) {
                String from = text.substring(0, range).strip();
                String to = text.substring(range + 2).strip();
                if (from.isEmpty() && to.isEmpty()) {
                    throw new IllegalArgumentException("field." + field.key() + " needs at least one end of the range");
                }
                // checked here so that a malformed end is a 400, not a database error
                if (!from.isEmpty()) {
                    CustomFields.parse(field, from);
                }
                if (!to.isEmpty()) {
                    CustomFields.parse(field, to);
                }
                return new FieldCondition(field, null, from.isEmpty() ? null : from, to.isEmpty() ? null : to);
            }
            CustomFields.parse(field, text);
            return new FieldCondition(field, text, null, null);
        }
    }

    private final java.time.Duration dueSoon;
    private final io.tiski.ticket.security.TicketScope scope;
    private final TicketLookup lookup;
    private final io.tiski.ticket.repository.TicketLabels labels;
    private final SatisfactionSurveys surveys;
    private final ReplyWindows replyWindows;

    TicketQueries(@org.eclipse.microprofile.config.inject.ConfigProperty(name = "tiski.sla.due-soon",
            defaultValue = "PT1H") java.time.Duration dueSoon, io.tiski.ticket.security.TicketScope scope,
            TicketLookup lookup, io.tiski.ticket.repository.TicketLabels labels, SatisfactionSurveys surveys,
            ReplyWindows replyWindows) {
        this.replyWindows = replyWindows;
        this.surveys = surveys;
        this.dueSoon = dueSoon;
        this.scope = scope;
        this.lookup = lookup;
        this.labels = labels;
    }

    public TicketPage list(Filter filter, Sort sort, Cursor after, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        where(filter, where, params);
        if (after != null) {
            if (after.sort() != sort) {
                throw new IllegalArgumentException("cursor belongs to another sort order; start from the first page");
            }
            if (sort.ascending && after.at() == null) {
                where.append(" and t.").append(sort.field).append(" is null and t.id > :afterId");
                params.and("afterId", after.id());
            } else if (sort.ascending) {
                where.append(" and (t.").append(sort.field).append(" is null or t.").append(sort.field)
                        .append(" > :afterTime or (t.").append(sort.field).append(" = :afterTime and t.id > :afterId))");
                params.and("afterTime", after.at()).and("afterId", after.id());
            } else {
                where.append(" and (t.").append(sort.field).append(" < :afterTime or (t.").append(sort.field)
                        .append(" = :afterTime and t.id < :afterId))");
                params.and("afterTime", after.at()).and("afterId", after.id());
            }
        }
        String order = sort.ascending ? " order by t." + sort.field + " asc nulls last, t.id asc"
                : " order by t." + sort.field + " desc, t.id desc";
        List<Ticket> tickets = Ticket.<Ticket>find("from Ticket t where " + where + order, params)
                .range(0, limit - 1).list();
        Map<UUID, CustomerView> customers = customers(tickets.stream().map(t -> t.customerId)
                .collect(Collectors.toSet()));
        Map<UUID, Set<String>> tags = labels.tags(tickets.stream().map(t -> t.id).toList());
        Map<UUID, String> snippets = lastMessageSnippets(tickets.stream().map(t -> t.id).toList());
        List<TicketSummary> items = tickets.stream().map(t -> new TicketSummary(t.id.toString(), t.number, t.subject,
                t.channel, t.status, t.priority, t.type, customers.get(t.customerId), t.assignee, t.team, t.createdAt,
                t.lastMessageAt, t.slaState, t.slaDueAt, List.copyOf(tags.getOrDefault(t.id, Set.of())),
                t.contactReason, snippets.get(t.id))).toList();
        String next = null;
        if (tickets.size() == limit) {
            Ticket last = tickets.get(limit - 1);
            next = new Cursor(sort, sort.valueOf(last), last.id).encode();
        }
        return new TicketPage(items, next);
    }

    /**
     * How many tickets match the filter, per status: the counts beside each view. Closed tickets are counted only
     * when asked: they are nearly all tickets ever, and no view works on them.
     */
    public Map<String, Long> countsByStatus(Filter filter, boolean includeClosed) {
        StringBuilder where = new StringBuilder(includeClosed ? "1 = 1" : "t.status <> 'CLOSED'");
        Parameters params = new Parameters();
        where(filter, where, params);
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (io.tiski.ticket.domain.TicketStatus status : io.tiski.ticket.domain.TicketStatus.values()) {
            if (includeClosed || status != io.tiski.ticket.domain.TicketStatus.CLOSED) {
                counts.put(status.name(), 0L);
            }
        }
        var query = Ticket.getEntityManager().createQuery("select t.status, count(t) from Ticket t where " + where
                + " group by t.status", Object[].class);
        params.map().forEach(query::setParameter);
        query.getResultList().forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }

    private void where(Filter filter, StringBuilder where, Parameters params) {
        where.append(scope.clause(params));
        if (!filter.tags().isEmpty()) {
            // a rare tag: its few tickets straight from the tag index; a common one: checked along the inbox order
            Optional<Set<UUID>> few = few(labels.taggedTickets(filter.tags(), FEW_TICKETS));
            if (few.isPresent()) {
                where.append(" and t.id in :taggedTickets");
                params.and("taggedTickets", orNone(few.get()));
            } else {
                where.append(" and exists (select 1 from TicketTag tt where tt.ticketId = t.id and tt.tag in :tags)");
                params.and("tags", filter.tags());
            }
        }
        if (!filter.contactReasons().isEmpty()) {
            where.append(" and t.contactReason in :contactReasons");
            params.and("contactReasons", filter.contactReasons());
        }
        if (filter.follower() != null) {
            where.append(" and exists (select 1 from TicketFollower tf where tf.ticketId = t.id"
                    + " and tf.agent = :follower)");
            params.and("follower", filter.follower());
        }
        for (int i = 0; i < filter.fields().size(); i++) {
            FieldCondition condition = filter.fields().get(i);
            Optional<Set<UUID>> few = few(labels.ticketsWithField(condition.field().key(), column(condition.field()),
                    condition.value() == null ? null : fieldValue(condition.field(), condition.value()),
                    condition.from() == null ? null : typed(condition.field(), condition.from()),
                    condition.to() == null ? null : typed(condition.field(), condition.to()), FEW_TICKETS));
            if (few.isPresent()) {
                where.append(" and t.id in :fieldTickets").append(i);
                params.and("fieldTickets" + i, orNone(few.get()));
            } else {
                fieldCondition(condition, "f" + i, where, params);
            }
        }
        if (filter.sla() != null) {
            switch (filter.sla()) {
                case BREACHED -> where.append(" and t.slaState = 'BREACHED'");
                case RUNNING -> where.append(" and t.slaState = 'RUNNING'");
                case PAUSED -> where.append(" and t.slaState = 'PAUSED'");
                case DUE_SOON -> {
                    where.append(" and t.slaState = 'RUNNING' and t.slaDueAt <= :dueSoon");
                    params.and("dueSoon", Instant.now().plus(dueSoon));
                }
                default -> throw new IllegalStateException();
            }
        }
        String query = filter.query();
        if (query != null && !query.isBlank() && query.strip().matches("[^\\s@]+@[^\\s@]+")) {
            // an address or a Message-ID: exact lookups by index instead of a text search
            String exact = query.strip();
            Set<UUID> customers = uuids("SELECT customer_id FROM customer_identity WHERE address = ?1",
                    exact.toLowerCase(java.util.Locale.ROOT), 10_000);
            Set<UUID> tickets = uuids("SELECT ticket_id FROM ticket_message WHERE source_message_id = ?1", exact,
                    10_000);
            where.append(" and (t.customerId in :searchCustomers or t.id in :searchTickets)");
            params.and("searchCustomers", orNone(customers)).and("searchTickets", orNone(tickets));
        } else if (query != null && !query.isBlank()) {
            String exact = query.strip();
            String pattern = "%" + escapeLike(exact.toLowerCase(java.util.Locale.ROOT)) + "%";
            Optional<Set<UUID>> few = fewMatches(exact);
            Set<UUID> customers = few.isPresent() ? uuids("SELECT customer_id FROM customer_identity WHERE "
                    + "lower(address) LIKE ?1 ESCAPE '\\'", pattern, 1_000) : null;
            if (few.isPresent() && customers != null) {
                // few messages match: take them from the full-text index instead of scanning the inbox
                where.append(" and (t.id in :searchTickets or t.customerId in :searchCustomers)");
                params.and("searchTickets", orNone(few.get())).and("searchCustomers", orNone(customers));
            } else {
                // many match: the newest tickets are checked one by one until a page is full
                where.append(" and (lower(t.subject) like :pattern escape '\\'"
                        + " or exists (select 1 from TicketMessage m where m.ticketId = t.id"
                        + " and (function('tiski_matches', m.searchVector, :exact) = true"
                        + " or m.sourceMessageId = :exact))"
                        + " or exists (select 1 from CustomerIdentity ci where ci.customerId = t.customerId"
                        + " and lower(ci.address) like :pattern escape '\\'))");
                params.and("exact", exact);
                params.and("pattern", pattern);
            }
        }
        if (!filter.statuses().isEmpty()) {
            where.append(" and t.status in :statuses");
            params.and("statuses", filter.statuses());
        }
        if (!filter.channels().isEmpty()) {
            where.append(" and t.channel in :channels");
            params.and("channels", filter.channels());
        }
        if (filter.assignee() != null) {
            if (filter.assignee().equals("unassigned")) {
                where.append(" and t.assignee is null");
            } else {
                where.append(" and t.assignee = :assignee");
                params.and("assignee", filter.assignee());
            }
        }
        if (filter.team() != null) {
            where.append(" and t.team = :team");
            params.and("team", filter.team());
        }
        if (filter.brand() != null) {
            where.append(" and t.brand = :brand");
            params.and("brand", filter.brand());
        }
        if (!filter.priorities().isEmpty()) {
            where.append(" and t.priority in :priorities");
            params.and("priorities", filter.priorities());
        }
        if (!filter.types().isEmpty()) {
            where.append(" and t.type in :types");
            params.and("types", filter.types());
        }
        if (filter.customer() != null) {
            where.append(" and exists (select 1 from CustomerIdentity cf where cf.customerId = t.customerId"
                    + " and lower(cf.address) = :customer)");
            params.and("customer", filter.customer().strip().toLowerCase(java.util.Locale.ROOT));
        }
        if (filter.createdFrom() != null) {
            where.append(" and t.createdAt >= :createdFrom");
            params.and("createdFrom", filter.createdFrom());
        }
        if (filter.createdTo() != null) {
            where.append(" and t.createdAt < :createdTo");
            params.and("createdTo", filter.createdTo());
        }
    }

    private static void fieldCondition(FieldCondition condition, String name, StringBuilder where,
            Parameters params) {
        CustomFields.Definition field = condition.field();
        where.append(" and exists (select 1 from TicketFieldValue ").append(name).append(" where ").append(name)
                .append(".ticketId = t.id and ").append(name).append(".fieldKey = :").append(name).append("Key");
        params.and(name + "Key", field.key());
        String column = column(field);
        if (condition.value() != null) {
            if (column.equals("textValue")) {
                where.append(" and lower(").append(name).append(".textValue) = :").append(name).append("Value");
            } else {
                where.append(" and ").append(name).append('.').append(column).append(" = :").append(name)
                        .append("Value");
            }
            params.and(name + "Value", fieldValue(field, condition.value()));
        }
        if (condition.from() != null) {
            where.append(" and ").append(name).append('.').append(column).append(" >= :").append(name).append("From");
            params.and(name + "From", typed(field, condition.from()));
        }
        if (condition.to() != null) {
            where.append(" and ").append(name).append('.').append(column).append(" <= :").append(name).append("To");
            params.and(name + "To", typed(field, condition.to()));
        }
        where.append(')');
    }

    /** The entity attribute holding a field's kind of value. */
    private static String column(CustomFields.Definition field) {
        return switch (field.kind()) {
            case TEXT, ENUM -> "textValue";
            case NUMBER -> "numberValue";
            case DATE -> "dateValue";
        };
    }

    /** The value to compare for equality: lower-case text, or the typed number or date. */
    private static Object fieldValue(CustomFields.Definition field, String text) {
        return column(field).equals("textValue") ? text.toLowerCase(java.util.Locale.ROOT) : typed(field, text);
    }

    /** A filter's tickets when it matches few of them (then an id list beats scanning the inbox), else empty. */
    private static Optional<Set<UUID>> few(List<UUID> matches) {
        return matches.size() > FEW_TICKETS ? Optional.empty() : Optional.of(new java.util.HashSet<>(matches));
    }

    /** At most this many tickets count as "few" for a tag or custom field filter. */
    static final int FEW_TICKETS = 2_000;

    private static Object typed(CustomFields.Definition field, String text) {
        io.tiski.ticket.repository.TicketLabels.FieldValue value = CustomFields.parse(field, text);
        return value.number() != null ? value.number() : value.date();
    }

    /** The ticket with its conversation, if the calling agent may see it. */
    public Optional<TicketDetails> byIdOrNumber(String idOrNumber) {
        return lookup.visible(idOrNumber).map(this::details);
    }

    private TicketDetails details(Ticket t) {
        List<TicketMessage> stored = TicketMessage.<TicketMessage>find("ticketId = ?1 order by createdAt, id", t.id)
                .list();
        Map<UUID, List<io.tiski.ticket.rest.TicketViews.AttachmentView>> attachments = new HashMap<>();
        if (!stored.isEmpty()) {
            io.tiski.ticket.repository.TicketAttachment.<io.tiski.ticket.repository.TicketAttachment>find(
                    "messageId in ?1", stored.stream().map(m -> m.id).toList()).list()
                    .forEach(a -> attachments.computeIfAbsent(a.messageId, k -> new java.util.ArrayList<>())
                            .add(new io.tiski.ticket.rest.TicketViews.AttachmentView(a.id.toString(), a.fileName,
                                    a.mediaType, a.size, a.sha256, a.inlinePart, a.omittedReason, a.sha256 == null
                                            ? null : "/api/v1/tickets/" + t.id + "/attachments/" + a.id)));
        }
        List<MessageView> messages = stored.stream().map(m -> new MessageView(m.id.toString(), m.direction, m.kind,
                m.channel, m.sourceMessageId, m.authorAddress, m.authorName, m.subject, m.textBody, m.newText,
                m.language, m.classification, m.threadingReason, m.agentName, m.receivedAt,
                m.htmlBody, attachments.getOrDefault(m.id, List.of()), m.rawReference))
                .toList();
        List<DeliveryView> deliveries = OutboundRequest.<OutboundRequest>find(
                "ticketId = ?1 order by requestedAt, id", t.id).list().stream()
                .map(d -> new DeliveryView(d.id.toString(), d.kind, d.channel, d.recipient, d.status, d.statusReason,
                        d.providerMessageId, d.requestedAt, d.reportedAt))
                .toList();
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        labels.fieldValues(t.id).forEach((key, value) -> fields.put(key, value.display()));
        return new TicketDetails(t.id.toString(), t.number, t.subject, t.channel, t.status, t.priority, t.type,
                customers(Set.of(t.customerId)).get(t.customerId), t.assignee, t.brand, t.team, t.language,
                t.linkedTicketId == null ? null : t.linkedTicketId.toString(),
                t.mergedInto == null ? null : t.mergedInto.toString(),
                t.splitFrom == null ? null : t.splitFrom.toString(), t.contactReason,
                List.copyOf(labels.tags(t.id)), List.copyOf(labels.followers(t.id)), fields,
                surveys.answerOf(t.id).orElse(null), t.createdAt,
                t.updatedAt, t.slaState, t.slaDueAt, replyWindows.closesAt(t).orElse(null), messages, deliveries);
    }

    /** The start of each ticket's latest message to or from the customer (notes left out), for the inbox list. */
    private Map<UUID, String> lastMessageSnippets(List<UUID> ticketIds) {
        Map<UUID, String> snippets = new HashMap<>();
        if (ticketIds.isEmpty()) {
            return snippets;
        }
        List<?> rows = io.tiski.ticket.repository.TicketMessage.getEntityManager().createNativeQuery(
                "SELECT DISTINCT ON (ticket_id) ticket_id, left(coalesce(nullif(new_text, ''), text_body, ''), "
                        + SNIPPET_LENGTH + ") FROM ticket_message WHERE ticket_id IN (?1) AND direction <> 'NOTE' "
                        + "ORDER BY ticket_id, created_at DESC").setParameter(1, ticketIds).getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            String text = r[1] == null ? "" : ((String) r[1]).replaceAll("\\s+", " ").strip();
            snippets.put((UUID) r[0], text);
        }
        return snippets;
    }

    private static final int SNIPPET_LENGTH = 160;

    private Map<UUID, CustomerView> customers(Set<UUID> ids) {
        Map<UUID, CustomerView> views = new HashMap<>();
        if (ids.isEmpty()) {
            return views;
        }
        Map<UUID, String> addresses = new HashMap<>();
        CustomerIdentity.<CustomerIdentity>find("customerId in ?1 order by createdAt", ids).list()
                .forEach(identity -> addresses.putIfAbsent(identity.customerId, identity.address));
        Customer.<Customer>find("id in ?1", ids).list().forEach(c -> views.put(c.id,
                new CustomerView(c.id.toString(), c.displayName, addresses.get(c.id))));
        return views;
    }

    /** At most this many messages count as "few" for a search through the full-text index. */
    static final int FEW_MESSAGES = 2_000;

    /** How many of the newest tickets the probe looks at, and how many of them matching make a word common. */
    static final int RECENT_TICKETS = 2_000;
    static final int COMMON_AMONG_RECENT = 50;

    /**
     * The tickets whose messages match a search, when few messages do; empty when many do (then scanning the
     * newest tickets fills a page faster than collecting every match). Whether a word is common is measured, not
     * estimated: the planner's estimate knows nothing of a word outside its most-common list (and a parameterised
     * plan knows nothing of the word at all), and judged a word in 20 tickets common at a million tickets. A word
     * that a page's worth of the newest tickets contain is common; any other is taken from the full-text index,
     * unless even that finds more than a few thousand messages.
     */
    private static Optional<Set<UUID>> fewMatches(String query) {
        Number recent = (Number) Ticket.getEntityManager().createNativeQuery("SELECT count(*) FROM ("
                + "SELECT 1 FROM (SELECT id FROM ticket ORDER BY created_at DESC, id DESC LIMIT " + RECENT_TICKETS
                + ") r, LATERAL (SELECT 1 FROM ticket_message m WHERE m.ticket_id = r.id"
                + " AND tiski_matches(m.search_vector, ?1) LIMIT 1) hit LIMIT " + COMMON_AMONG_RECENT + ") s")
                .setParameter(1, query).getSingleResult();
        if (recent.intValue() >= COMMON_AMONG_RECENT) {
            return Optional.empty();
        }
        Set<UUID> tickets = uuids("SELECT ticket_id FROM ticket_message WHERE tiski_matches(search_vector, ?1)"
                + " OR source_message_id = ?1", query, 4 * FEW_MESSAGES);
        return Optional.ofNullable(tickets);
    }

    /** The ids a query returns, or null when there are more than {@code limit}. */
    private static Set<UUID> uuids(String sql, String parameter, int limit) {
        List<?> rows = Ticket.getEntityManager().createNativeQuery(sql + " LIMIT " + (limit + 1))
                .setParameter(1, parameter).getResultList();
        if (rows.size() > limit) {
            return null;
        }
        return rows.stream().map(r -> r instanceof UUID u ? u : UUID.fromString(String.valueOf(r)))
                .collect(Collectors.toSet());
    }

    /** An IN list that matches nothing when empty (an empty list is not valid SQL). */
    private static Set<UUID> orNone(Set<UUID> ids) {
        return ids == null || ids.isEmpty() ? Set.of(new UUID(0, 0)) : ids;
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
