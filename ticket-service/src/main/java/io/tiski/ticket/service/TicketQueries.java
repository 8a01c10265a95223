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

    /** A position in the newest-first list: the last ticket seen. */
    public record Cursor(Instant createdAt, UUID id) {
        public String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor is not one this API returned");
            }
        }
    }

    public TicketPage list(String query, Cursor after, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (query != null && !query.isBlank()) {
            where.append(" and (lower(t.subject) like :pattern escape '\\'"
                    + " or exists (select 1 from TicketMessage m where m.ticketId = t.id"
                    + " and (lower(m.textBody) like :pattern escape '\\' or lower(m.subject) like :pattern escape '\\'"
                    + " or m.sourceMessageId = :exact))"
                    + " or exists (select 1 from CustomerIdentity ci where ci.customerId = t.customerId"
                    + " and lower(ci.address) like :pattern escape '\\'))");
            params.and("exact", query.strip());
            params.and("pattern", "%" + escapeLike(query.strip().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (after != null) {
            where.append(" and (t.createdAt < :afterTime or (t.createdAt = :afterTime and t.id < :afterId))");
            params.and("afterTime", after.createdAt()).and("afterId", after.id());
        }
        List<Ticket> tickets = Ticket.<Ticket>find("from Ticket t where " + where
                + " order by t.createdAt desc, t.id desc", params).range(0, limit).list();
        Map<UUID, CustomerView> customers = customers(tickets.stream().map(t -> t.customerId)
                .collect(Collectors.toSet()));
        List<TicketSummary> items = tickets.stream().map(t -> new TicketSummary(t.id.toString(), t.number, t.subject,
                t.channel, t.status, t.priority, t.type, customers.get(t.customerId), t.createdAt, t.lastMessageAt))
                .toList();
        String next = tickets.size() == limit
                ? new Cursor(tickets.get(limit - 1).createdAt, tickets.get(limit - 1).id).encode()
                : null;
        return new TicketPage(items, next);
    }

    public Optional<TicketDetails> byIdOrNumber(String idOrNumber) {
        Optional<Ticket> ticket;
        if (idOrNumber.matches("\\d{1,18}")) {
            ticket = Ticket.<Ticket>find("number", Long.parseLong(idOrNumber)).firstResultOptional();
        } else {
            UUID id;
            try {
                id = UUID.fromString(idOrNumber);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            ticket = Ticket.<Ticket>findByIdOptional(id);
        }
        return ticket.map(this::details);
    }

    private TicketDetails details(Ticket t) {
        List<TicketMessage> stored = TicketMessage.<TicketMessage>find("ticketId = ?1 order by createdAt, id", t.id)
                .list();
        Map<UUID, List<io.tiski.ticket.rest.TicketViews.AttachmentView>> attachments = new HashMap<>();
        if (!stored.isEmpty()) {
            io.tiski.ticket.repository.TicketAttachment.<io.tiski.ticket.repository.TicketAttachment>find(
                    "messageId in ?1", stored.stream().map(m -> m.id).toList()).list()
                    .forEach(a -> attachments.computeIfAbsent(a.messageId, k -> new java.util.ArrayList<>())
                            .add(new io.tiski.ticket.rest.TicketViews.AttachmentView(a.fileName, a.mediaType, a.size,
                                    a.sha256, a.inlinePart, a.omittedReason)));
        }
        List<MessageView> messages = stored.stream().map(m -> new MessageView(m.id.toString(), m.direction, m.kind,
                m.channel, m.sourceMessageId, m.authorAddress, m.authorName, m.subject, m.textBody, m.newText,
                m.language, m.classification, m.threadingReason, m.agentName, m.receivedAt,
                attachments.getOrDefault(m.id, List.of()), m.rawReference))
                .toList();
        List<DeliveryView> deliveries = OutboundRequest.<OutboundRequest>find(
                "ticketId = ?1 order by requestedAt, id", t.id).list().stream()
                .map(d -> new DeliveryView(d.id.toString(), d.kind, d.channel, d.recipient, d.status, d.statusReason,
                        d.providerMessageId, d.requestedAt, d.reportedAt))
                .toList();
        return new TicketDetails(t.id.toString(), t.number, t.subject, t.channel, t.status, t.priority, t.type,
                customers(Set.of(t.customerId)).get(t.customerId), t.assignee, t.brand, t.team, t.language,
                t.linkedTicketId == null ? null : t.linkedTicketId.toString(), t.createdAt, t.updatedAt, messages,
                deliveries);
    }

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

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
