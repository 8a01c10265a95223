package io.tiski.ticket.rest;

import io.tiski.events.v1.Channel;
import io.tiski.ticket.domain.TicketStatus;
import io.tiski.ticket.service.CustomFields;
import io.tiski.ticket.service.TicketQueries;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The inbox's query parameters, parsed once for the ticket list, the counts and saved views alike. An unknown
 * parameter is an error, so that a misspelt filter never silently shows every ticket.
 */
public record InboxQuery(TicketQueries.Filter filter, TicketQueries.Sort sort, TicketQueries.Cursor cursor,
        int limit, boolean includeClosed) {

    /** A query parameter that is not valid; the problem names it as the violated field. */
    public static class InvalidParameterException extends IllegalArgumentException {
        private final String parameter;

        InvalidParameterException(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /** The filters a saved view may hold. */
    static final Set<String> FILTERS = Set.of("q", "status", "channel", "assignee", "team", "brand", "priority",
            "type", "customer", "createdFrom", "createdTo", "sla", "tag", "reason", "follower");
    /** Everything else the list takes. */
    static final Set<String> PAGING = Set.of("sort", "cursor", "limit", "includeClosed", "view");
    static final String FIELD_PREFIX = "field.";

    /**
     * @param me the calling agent, for {@code assignee=me} and {@code follower=me}
     * @param fields looks up custom field definitions for {@code field.<key>=…}
     */
    public static InboxQuery parse(MultivaluedMap<String, String> params, String me, CustomFields fields) {
        for (String name : params.keySet()) {
            if (!FILTERS.contains(name) && !PAGING.contains(name) && !name.startsWith(FIELD_PREFIX)) {
                throw new InvalidParameterException(name, "unknown parameter '" + name + "'; known: "
                        + new java.util.TreeSet<>(FILTERS) + ", " + new java.util.TreeSet<>(PAGING)
                        + " and field.<key> for a custom field");
            }
        }
        String q = single(params, "q", 200);
        List<TicketQueries.FieldCondition> conditions = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(params.keySet())) {
            if (name.startsWith(FIELD_PREFIX)) {
                CustomFields.Definition field = fields.definition(name.substring(FIELD_PREFIX.length()));
                String value = single(params, name, 200);
                if (value != null) {
                    conditions.add(TicketQueries.FieldCondition.parse(field, value));
                }
            }
        }
        TicketQueries.Filter filter = new TicketQueries.Filter(q,
                values(params, "status", Arrays.stream(TicketStatus.values()).map(Enum::name).toList()),
                values(params, "channel", Arrays.stream(Channel.values()).map(Enum::name).toList()),
                agent(single(params, "assignee", 200), me), single(params, "team", 200),
                single(params, "brand", 200), values(params, "priority", List.of("LOW", "NORMAL", "HIGH", "URGENT")),
                values(params, "type", null), single(params, "customer", 320),
                instant(params, "createdFrom"), instant(params, "createdTo"),
                TicketQueries.SlaFilter.parse(single(params, "sla", 40)), tags(params),
                values(params, "reason", null), agent(single(params, "follower", 200), me), conditions);
        String cursor = single(params, "cursor", 500);
        String limitText = single(params, "limit", 10);
        int limit;
        try {
            limit = limitText == null ? 50 : Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 200) {
            throw new InvalidParameterException("limit", "limit must be a number from 1 to 200, not '" + limitText
                    + "'");
        }
        String closed = single(params, "includeClosed", 10);
        return new InboxQuery(filter, TicketQueries.Sort.parse(single(params, "sort", 40)),
                cursor == null ? null : TicketQueries.Cursor.decode(cursor), limit,
                closed != null && Boolean.parseBoolean(closed));
    }

    private static String agent(String given, String me) {
        return given == null ? null : given.equals("me") ? me : given;
    }

    private static Set<String> tags(MultivaluedMap<String, String> params) {
        Set<String> tags = new HashSet<>();
        for (String value : params.getOrDefault("tag", List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    tags.add(part.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return tags;
    }

    private static String single(MultivaluedMap<String, String> params, String name, int maxLength) {
        List<String> given = params.get(name);
        if (given == null || given.isEmpty()) {
            return null;
        }
        if (given.size() > 1) {
            throw new InvalidParameterException(name, name + " takes one value, not " + given.size());
        }
        String value = given.get(0);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new InvalidParameterException(name, name + " must be at most " + maxLength + " characters");
        }
        return value.strip();
    }

    private static Set<String> values(MultivaluedMap<String, String> params, String name, List<String> allowed) {
        Set<String> result = new HashSet<>();
        for (String value : params.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                String upper = part.strip().toUpperCase(Locale.ROOT).replace('-', '_');
                if (allowed != null && !allowed.contains(upper)) {
                    throw new InvalidParameterException(name, name + " must be one of " + allowed + ", not '" + part
                            + "'");
                }
                result.add(upper);
            }
        }
        return result;
    }

    private static Instant instant(MultivaluedMap<String, String> params, String name) {
        String value = single(params, name, 40);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, name + " must be an ISO-8601 instant such as "
                    + "2026-11-23T08:00:00Z, not '" + value + "'");
        }
    }
}
