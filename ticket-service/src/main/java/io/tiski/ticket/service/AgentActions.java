package io.tiski.ticket.service;

import io.tiski.events.v1.AttachmentReference;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.MessageAdded;
import io.tiski.events.v1.OutboundEmail;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.TicketStatusChanged;
import io.tiski.outbox.Outbox;
import io.tiski.ticket.config.TicketConfig;
import io.tiski.ticket.domain.TicketStatus;
import io.tiski.ticket.repository.AgentUpload;
import io.tiski.ticket.repository.Customer;
import io.tiski.ticket.repository.CustomerIdentity;
import io.tiski.ticket.repository.KnownEmailMessageId;
import io.tiski.ticket.repository.OutboundRequest;
import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.repository.TicketAttachment;
import io.tiski.ticket.repository.TicketAuditEntry;
import io.tiski.ticket.repository.TicketLabels;
import io.tiski.ticket.repository.TicketMessage;
import io.tiski.ticket.service.sla.SlaClockService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What agents do to tickets: reply to the customer, add internal notes, change status, priority, assignee. */
@ApplicationScoped
public class AgentActions {
    static final Set<String> PRIORITIES = Set.of("LOW", "NORMAL", "HIGH", "URGENT");
    /** What a ticket is about; RETURN and COMPLAINT are also set by the return form. */
    public static final Set<String> TYPES = Set.of("QUESTION", "INCIDENT", "PROBLEM", "RETURN", "COMPLAINT",
            "ORDER_CHANGE", "FEEDBACK");
    static final int MAX_TAGS = 30;
    private static final int MAX_REFERENCES = 20;

    private final Outbox outbox;
    private final TicketConfig config;
    private final ReplyWindows replyWindows;
    private final SlaClockService slaClocks;
    private final ContactReasons contactReasons;
    private final CustomFields customFields;
    private final TicketLabels labels;
    private final TicketLookup lookup;
    private final SatisfactionSurveys surveys;
    private final AgentNotifications notifications;

    AgentActions(Outbox outbox, TicketConfig config, SlaClockService slaClocks, ContactReasons contactReasons,
            CustomFields customFields, TicketLabels labels, TicketLookup lookup, SatisfactionSurveys surveys,
            AgentNotifications notifications, ReplyWindows replyWindows) {
        this.replyWindows = replyWindows;
        this.notifications = notifications;
        this.surveys = surveys;
        this.customFields = customFields;
        this.labels = labels;
        this.lookup = lookup;
        this.outbox = outbox;
        this.config = config;
        this.slaClocks = slaClocks;
        this.contactReasons = contactReasons;
    }

    /** The message an agent wrote, as stored. */
    public record Written(String messageId, String ticketId, String status, String requestId) {
    }

    @Transactional
    public Written reply(String ticketIdOrNumber, String agent, String text, Optional<String> statusAfter) {
        return reply(ticketIdOrNumber, agent, text, statusAfter, List.of());
    }

    /** A reply with files an agent uploaded ({@link AttachmentFiles#upload}), sent along on the ticket's channel. */
    @Transactional
    public Written reply(String ticketIdOrNumber, String agent, String text, Optional<String> statusAfter,
            List<String> uploadIds) {
        List<AgentUpload> uploads = uploads(uploadIds);
        Ticket ticket = lookup.locked(ticketIdOrNumber);
        if (TicketStatus.CLOSED.name().equals(ticket.status)) {
            throw new TicketConflictException("Ticket #" + ticket.number + " is closed; a reply cannot be sent. "
                    + "Open a new ticket for the customer instead.");
        }
        Optional<TicketStatus> next = statusAfter.map(AgentActions::parseStatus);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        UUID requestId = UUID.randomUUID();
        Channel replyChannel = Channel.valueOf(ticket.channel).replyChannel();
        replyWindows.requireOpen(ticket, replyChannel, now);
        Participant recipient = recipientOf(ticket, replyChannel);
        OutboundEmail email = null;
        String sourceMessageId = "reply." + requestId;
        if (replyChannel == Channel.EMAIL) {
            sourceMessageId = "reply." + requestId + "@" + config.messageIdDomain();
            String inReplyTo = TicketMessage.<TicketMessage>find("ticketId = ?1 and direction = 'INBOUND' "
                    + "and channel = 'EMAIL' order by createdAt desc", ticket.id).firstResultOptional()
                    .map(m -> m.sourceMessageId).orElse(null);
            List<String> references = new ArrayList<>(KnownEmailMessageId.<KnownEmailMessageId>find(
                    "ticketId = ?1 order by createdAt", ticket.id).list().stream().map(k -> k.messageId).toList());
            if (references.size() > MAX_REFERENCES) {
                references = new ArrayList<>(references.subList(references.size() - MAX_REFERENCES,
                        references.size()));
            }
            String support = ticket.inboxAddress != null ? ticket.inboxAddress : config.defaultSupportAddress();
            email = new OutboundEmail(sourceMessageId, inReplyTo, references, support, support);
            KnownEmailMessageId known = new KnownEmailMessageId();
            known.messageId = sourceMessageId;
            known.ticketId = ticket.id;
            known.origin = "AGENT_REPLY";
            known.createdAt = now;
            known.persist();
        }
        TicketMessage message = outboundMessage(ticket, "AGENT_REPLY", replyChannel.name(), sourceMessageId,
                agent, text, now);
        List<AttachmentReference> attachments = new ArrayList<>();
        for (AgentUpload upload : uploads) {
            TicketAttachment attachment = new TicketAttachment();
            attachment.id = UUID.randomUUID();
            attachment.messageId = message.id;
            attachment.sha256 = upload.sha256;
            attachment.fileName = upload.fileName;
            attachment.mediaType = upload.mediaType;
            attachment.size = upload.size;
            attachment.persist();
            attachments.add(new AttachmentReference(upload.sha256, upload.fileName, upload.mediaType, upload.size,
                    null, false, null));
        }
        if (email != null) {
            KnownEmailMessageId.<KnownEmailMessageId>findById(sourceMessageId).ticketMessageId = message.id;
        }
        OutboundRequest.requested(requestId, ticket.id, OutboundKind.AGENT_REPLY.name(), replyChannel.name(),
                recipient.address(), email == null ? null : email.messageId(), now);
        outbox.append(EventEnvelope.of(new MessageAdded(UUID.randomUUID().toString(), now, ticket.id.toString(),
                ticket.number, replyChannel, ticket.conversationKey, sourceMessageId, message.id.toString(),
                "OUTBOUND", new Participant(recipient.address(), recipient.displayName()), "Agent reply"),
                InboundMessageService.SOURCE));
        outbox.append(EventEnvelope.of(new OutboundMessageRequested(requestId.toString(), now, ticket.id.toString(),
                ticket.number, replyChannel, ticket.conversationKey, OutboundKind.AGENT_REPLY, recipient,
                ticket.language, ticket.subject, text, null, agent, email, attachments).withBrand(ticket.brand),
                InboundMessageService.SOURCE));
        TicketAuditEntry.record(ticket.id, agent, "REPLIED", null, null, message.id.toString(), now);
        TicketStatus current = TicketStatus.valueOf(ticket.status);
        TicketStatus target = next.orElse(current == TicketStatus.NEW ? TicketStatus.OPEN : current);
        if (target != current) {
            changeStatus(ticket, target, agent, "Agent replied", now);
        }
        ticket.updatedAt = now;
        slaClocks.recompute(ticket, now);
        return new Written(message.id.toString(), ticket.id.toString(), ticket.status, requestId.toString());
    }

    private static List<AgentUpload> uploads(List<String> ids) {
        List<AgentUpload> uploads = new ArrayList<>();
        for (String id : ids) {
            AgentUpload upload = null;
            try {
                upload = AgentUpload.findById(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                upload = null;
            }
            if (upload == null) {
                throw new IllegalArgumentException("attachments: no uploaded file " + id
                        + "; upload it first with POST /api/v1/attachments");
            }
            uploads.add(upload);
        }
        return uploads;
    }


    /**
     * On WhatsApp, once the customer-service window has closed, the only message a business may start is an
     * approved template: this sends the connection's template that asks the customer to continue. When they
     * answer, the window is open again and the agent replies as usual.
     */
    @Transactional
    public Written reopenConversation(String ticketIdOrNumber, String agent) {
        Ticket ticket = lookup.locked(ticketIdOrNumber);
        Channel channel = Channel.valueOf(ticket.channel).replyChannel();
        if (channel != Channel.WHATSAPP) {
            throw new TicketConflictException("Ticket #" + ticket.number + " is on " + channel + "; only WhatsApp "
                    + "conversations are reopened with a template");
        }
        if (TicketStatus.CLOSED.name().equals(ticket.status)) {
            throw new TicketConflictException("Ticket #" + ticket.number + " is closed");
        }
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Optional<Instant> closes = replyWindows.closesAt(ticket).filter(now::isBefore);
        if (closes.isPresent()) {
            throw new TicketConflictException("The WhatsApp conversation of ticket #" + ticket.number + " is open "
                    + "until " + closes.get() + "; reply as usual");
        }
        UUID requestId = UUID.randomUUID();
        Participant recipient = recipientOf(ticket, channel);
        String sourceMessageId = "reopen." + requestId;
        TicketMessage message = outboundMessage(ticket, OutboundKind.CONVERSATION_REOPENING.name(), channel.name(),
                sourceMessageId, agent, "Sent WhatsApp's approved template asking the customer to continue the "
                        + "conversation", now);
        OutboundRequest.requested(requestId, ticket.id, OutboundKind.CONVERSATION_REOPENING.name(), channel.name(),
                recipient.address(), null, now);
        outbox.append(EventEnvelope.of(new OutboundMessageRequested(requestId.toString(), now, ticket.id.toString(),
                ticket.number, channel, ticket.conversationKey, OutboundKind.CONVERSATION_REOPENING, recipient,
                ticket.language, ticket.subject, null, null, agent, null, List.of()).withBrand(ticket.brand),
                InboundMessageService.SOURCE));
        TicketAuditEntry.record(ticket.id, agent, "REOPENED_CONVERSATION", null, null, message.id.toString(), now);
        ticket.updatedAt = now;
        return new Written(message.id.toString(), ticket.id.toString(), ticket.status, requestId.toString());
    }

    /**
     * Forwards a message of the ticket by email to someone outside the conversation (a warehouse, a carrier, the
     * supplier), with the agent's note above it. The recipient's answer threads back into the ticket.
     */
    @Transactional
    public Written forward(String ticketIdOrNumber, String agent, String to, String text, Optional<String> messageId) {
        Ticket ticket = lookup.locked(ticketIdOrNumber);
        TicketMessage original = messageId.map(id -> {
            TicketMessage m;
            try {
                m = TicketMessage.findById(UUID.fromString(id.strip()));
            } catch (IllegalArgumentException e) {
                m = null;
            }
            if (m == null || !m.ticketId.equals(ticket.id)) {
                throw new IllegalArgumentException("message " + id + " is not a message of ticket #" + ticket.number);
            }
            return m;
        }).orElseGet(() -> TicketMessage.<TicketMessage>find("ticketId = ?1 and direction = 'INBOUND' "
                + "order by createdAt desc", ticket.id).firstResultOptional().orElseThrow(
                        () -> new TicketConflictException("Ticket #" + ticket.number + " has no customer message "
                                + "to forward; name one with messageId")));
        if ("NOTE".equals(original.direction)) {
            throw new IllegalArgumentException("internal notes are not forwarded; forward a message instead");
        }
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String recipient = to.strip().toLowerCase(Locale.ROOT);
        UUID requestId = UUID.randomUUID();
        String sourceMessageId = "forward." + requestId + "@" + config.messageIdDomain();
        String support = ticket.inboxAddress != null ? ticket.inboxAddress : config.defaultSupportAddress();
        String body = (text == null || text.isBlank() ? "" : text.strip() + "\n\n")
                + "---------- Forwarded message ----------\n"
                + "From: " + (original.authorName == null ? "" : original.authorName + " ")
                + "<" + original.authorAddress + ">\n"
                + "Date: " + original.receivedAt + "\n"
                + (original.subject == null ? "" : "Subject: " + original.subject + "\n") + "\n"
                + (original.textBody == null ? "" : original.textBody);
        KnownEmailMessageId known = new KnownEmailMessageId();
        known.messageId = sourceMessageId;
        known.ticketId = ticket.id;
        known.origin = "FORWARD";
        known.createdAt = now;
        known.persist();
        TicketMessage message = outboundMessage(ticket, "FORWARD", Channel.EMAIL.name(), sourceMessageId, agent, body,
                now);
        known.ticketMessageId = message.id;
        OutboundRequest.requested(requestId, ticket.id, OutboundKind.FORWARD.name(), Channel.EMAIL.name(),
                recipient, sourceMessageId, now);
        String subject = "Fwd: " + ticket.subject;
        outbox.append(EventEnvelope.of(new OutboundMessageRequested(requestId.toString(), now, ticket.id.toString(),
                ticket.number, Channel.EMAIL, ticket.conversationKey, OutboundKind.FORWARD,
                new Participant(recipient, null), ticket.language, subject, body, null, agent,
                new OutboundEmail(sourceMessageId, null, List.of(), support, support), List.of())
                .withBrand(ticket.brand),
                InboundMessageService.SOURCE));
        TicketAuditEntry.record(ticket.id, agent, "FORWARDED", "forwardedTo", null, recipient, now);
        ticket.updatedAt = now;
        return new Written(message.id.toString(), ticket.id.toString(), ticket.status, requestId.toString());
    }

    /** The agent follows the ticket: it hears of changes without being the assignee. */
    @Transactional
    public Set<String> follow(String ticketIdOrNumber, String agent, boolean following) {
        Ticket ticket = lookup.locked(ticketIdOrNumber);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        boolean changed = following ? labels.follow(ticket.id, agent, now) : labels.unfollow(ticket.id, agent);
        if (changed) {
            TicketAuditEntry.record(ticket.id, agent, following ? "FOLLOWED" : "UNFOLLOWED", "followers", null, agent,
                    now);
        }
        return labels.followers(ticket.id);
    }

    @Transactional
    public Written note(String ticketIdOrNumber, String agent, String text) {
        Ticket ticket = lookup.locked(ticketIdOrNumber);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        TicketMessage message = outboundMessage(ticket, "INTERNAL_NOTE", ticket.channel,
                "note." + UUID.randomUUID(), agent, text, now);
        message.direction = "NOTE";
        outbox.append(EventEnvelope.of(new MessageAdded(UUID.randomUUID().toString(), now, ticket.id.toString(),
                ticket.number, Channel.valueOf(ticket.channel), ticket.conversationKey, null, message.id.toString(),
                "NOTE", new Participant(agent, agent), "Internal note"), InboundMessageService.SOURCE));
        TicketAuditEntry.record(ticket.id, agent, "NOTE_ADDED", null, null, message.id.toString(), now);
        ticket.updatedAt = now;
        return new Written(message.id.toString(), ticket.id.toString(), ticket.status, null);
    }

    /**
     * What an agent changes on a ticket; empty optionals and empty sets leave a field as it is, a blank string
     * clears it. {@code fields} maps a custom field's key to its new value, or to null to clear it.
     */
    public record Change(Optional<String> status, Optional<String> priority, Optional<String> type,
            Optional<String> assignee, Optional<String> team, Optional<String> contactReason,
            Optional<Set<String>> tags, Set<String> addTags, Set<String> removeTags, Map<String, String> fields) {
        public Change {
            addTags = addTags == null ? Set.of() : addTags;
            removeTags = removeTags == null ? Set.of() : removeTags;
            fields = fields == null ? Map.of() : fields;
        }

        public static Change of(Optional<String> status, Optional<String> priority, Optional<String> assignee) {
            return new Change(status, priority, Optional.empty(), assignee, Optional.empty(), Optional.empty(),
                    Optional.empty(), Set.of(), Set.of(), Map.of());
        }

        public boolean isEmpty() {
            return status.isEmpty() && priority.isEmpty() && type.isEmpty() && assignee.isEmpty() && team.isEmpty()
                    && contactReason.isEmpty() && tags.isEmpty() && addTags.isEmpty() && removeTags.isEmpty()
                    && fields.isEmpty();
        }
    }

    /** Changes the given fields of one ticket; each change is checked, audited and published. */
    @Transactional
    public void update(String ticketIdOrNumber, String agent, Change change) {
        apply(lookup.locked(ticketIdOrNumber), agent, change);
    }

    /**
     * Checks a change before it touches any ticket, so that a change no ticket could take (an unknown priority, a
     * malformed tag, an undefined field) fails the whole request and changes nothing.
     */
    public void validate(Change change) {
        change.status().ifPresent(AgentActions::parseStatus);
        change.priority().ifPresent(AgentActions::parsePriority);
        change.type().ifPresent(AgentActions::parseType);
        change.tags().ifPresent(tags -> tags.forEach(AgentActions::normaliseTag));
        change.addTags().forEach(AgentActions::normaliseTag);
        change.removeTags().forEach(AgentActions::normaliseTag);
        change.fields().forEach((key, value) -> {
            CustomFields.Definition field = customFields.definition(key);
            if (value != null && !value.isBlank()) {
                CustomFields.parse(field, value);
            }
        });
    }

    void apply(Ticket ticket, String agent, Change change) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        change.contactReason().ifPresent(code -> {
            String value = code.isBlank() ? null : contactReasons.activeCode(code);
            if (!Objects.equals(value, ticket.contactReason)) {
                TicketAuditEntry.record(ticket.id, agent, "FIELD_CHANGED", "contactReason", ticket.contactReason,
                        value, now);
                ticket.contactReason = value;
            }
        });
        change.type().map(AgentActions::parseType).ifPresent(type -> {
            if (!type.equals(ticket.type)) {
                TicketAuditEntry.record(ticket.id, agent, "FIELD_CHANGED", "type", ticket.type, type, now);
                ticket.type = type;
            }
        });
        change.team().ifPresent(t -> {
            String value = t.isBlank() ? null : t.strip();
            if (value != null && value.length() > 200) {
                throw new IllegalArgumentException("team must be at most 200 characters");
            }
            if (!Objects.equals(value, ticket.team)) {
                TicketAuditEntry.record(ticket.id, agent, "FIELD_CHANGED", "team", ticket.team, value, now);
                ticket.team = value;
            }
        });
        Optional<TicketStatus> next = change.status().map(AgentActions::parseStatus);
        next.ifPresent(target -> {
            if (!target.name().equals(ticket.status)) {
                changeStatus(ticket, target, agent, "Changed by " + agent, now);
            }
        });
        change.priority().map(AgentActions::parsePriority).ifPresent(p -> {
            if (!p.equals(ticket.priority)) {
                TicketAuditEntry.record(ticket.id, agent, "FIELD_CHANGED", "priority", ticket.priority, p, now);
                ticket.priority = p;
            }
        });
        change.assignee().ifPresent(a -> {
            String value = a.isBlank() ? null : a.strip();
            if (!Objects.equals(value, ticket.assignee)) {
                TicketAuditEntry.record(ticket.id, agent, "FIELD_CHANGED", "assignee", ticket.assignee, value, now);
                ticket.assignee = value;
                if (value != null) {
                    notifications.assigned(ticket, value, agent, now);
                }
            }
        });
        changeTags(ticket, agent, change, now);
        changeFields(ticket, agent, change.fields(), now);
        ticket.updatedAt = now;
        slaClocks.recompute(ticket, now);
    }

    private void changeTags(Ticket ticket, String agent, Change change, Instant now) {
        if (change.tags().isEmpty() && change.addTags().isEmpty() && change.removeTags().isEmpty()) {
            return;
        }
        Set<String> before = labels.tags(ticket.id);
        Set<String> after = new TreeSet<>(change.tags().map(tags -> tags.stream().map(AgentActions::normaliseTag)
                .toList()).map(list -> (java.util.Collection<String>) list).orElse(before));
        change.addTags().stream().map(AgentActions::normaliseTag).forEach(after::add);
        change.removeTags().stream().map(AgentActions::normaliseTag).forEach(after::remove);
        if (after.size() > MAX_TAGS) {
            throw new IllegalArgumentException("a ticket has at most " + MAX_TAGS + " tags");
        }
        if (after.equals(before)) {
            return;
        }
        before.stream().filter(t -> !after.contains(t)).forEach(t -> labels.removeTag(ticket.id, t));
        after.stream().filter(t -> !before.contains(t)).forEach(t -> labels.addTag(ticket.id, t));
        TicketAuditEntry.record(ticket.id, agent, "FIELD_CHANGED", "tags", String.join(" ", before),
                String.join(" ", after), now);
    }

    private void changeFields(Ticket ticket, String agent, Map<String, String> fields, Instant now) {
        if (fields.isEmpty()) {
            return;
        }
        Map<String, TicketLabels.FieldValue> current = labels.fieldValues(ticket.id);
        for (Map.Entry<String, String> entry : new java.util.TreeMap<>(fields).entrySet()) {
            CustomFields.Definition field = customFields.definition(entry.getKey());
            TicketLabels.FieldValue before = current.get(field.key());
            String beforeText = before == null ? null : before.display();
            if (entry.getValue() == null || entry.getValue().isBlank()) {
                if (before != null) {
                    labels.clearFieldValue(ticket.id, field.key());
                    TicketAuditEntry.record(ticket.id, agent, "FIELD_CHANGED", "field." + field.key(), beforeText,
                            null, now);
                }
                continue;
            }
            if (!field.active()) {
                throw new IllegalArgumentException("custom field " + field.key() + " is retired and cannot be set");
            }
            TicketLabels.FieldValue value = CustomFields.parse(field, entry.getValue());
            if (!value.display().equals(beforeText)) {
                labels.setFieldValue(ticket.id, field.key(), value);
                TicketAuditEntry.record(ticket.id, agent, "FIELD_CHANGED", "field." + field.key(), beforeText,
                        value.display(), now);
            }
        }
    }

    static String parsePriority(String p) {
        String upper = p.strip().toUpperCase(Locale.ROOT);
        if (!PRIORITIES.contains(upper)) {
            throw new IllegalArgumentException("priority must be one of " + PRIORITIES.stream().sorted().toList()
                    + ", not '" + p + "'");
        }
        return upper;
    }

    static String parseType(String t) {
        String upper = t.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (!TYPES.contains(upper)) {
            throw new IllegalArgumentException("type must be one of " + TYPES.stream().sorted().toList() + ", not '"
                    + t + "'");
        }
        return upper;
    }

    /** Tags are lower-case words: letters (any script), digits, '-', '_' and '.', at most 50 characters. */
    static String normaliseTag(String tag) {
        String normal = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
        if (!normal.matches("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,49}")) {
            throw new IllegalArgumentException("a tag is a word of letters, digits, '-', '_' or '.', at most 50 "
                    + "characters, not '" + tag + "'");
        }
        return normal;
    }

    private void changeStatus(Ticket ticket, TicketStatus target, String actor, String reason, Instant now) {
        TicketStatus current = TicketStatus.valueOf(ticket.status);
        if (!current.canMoveTo(target)) {
            throw new TicketConflictException("Ticket #" + ticket.number + " cannot go from " + current + " to "
                    + target + "; allowed: " + current.allowedNext().stream().map(Enum::name).sorted().toList());
        }
        if (target == TicketStatus.SOLVED && ticket.contactReason == null && config.contactReasonRequiredToSolve()
                && contactReasons.anyActive()) {
            throw new TicketConflictException("Ticket #" + ticket.number + " needs a contact reason before it is "
                    + "solved; send contactReason with the change, one of " + contactReasons.activeCodes());
        }
        ticket.status = target.name();
        ticket.statusChangedAt = now;
        if (target == TicketStatus.SOLVED) {
            surveys.ticketSolved(ticket, now);
        }
        TicketAuditEntry.record(ticket.id, actor, "STATUS_CHANGED", "status", current.name(), target.name(), now);
        outbox.append(EventEnvelope.of(new TicketStatusChanged(UUID.randomUUID().toString(), now,
                ticket.id.toString(), ticket.number, Channel.valueOf(ticket.channel), ticket.conversationKey,
                current.name(), target.name(), actor, reason), InboundMessageService.SOURCE));
    }

    static TicketStatus parseStatus(String status) {
        try {
            return TicketStatus.valueOf(status.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be one of "
                    + java.util.Arrays.stream(TicketStatus.values()).map(Enum::name).toList() + ", not '" + status
                    + "'");
        }
    }

    private Participant recipientOf(Ticket ticket, Channel replyChannel) {
        String identityChannel = InboundMessageService.identityChannel(replyChannel);
        CustomerIdentity identity = CustomerIdentity.<CustomerIdentity>find(
                "customerId = ?1 and channel = ?2 order by createdAt", ticket.customerId, identityChannel)
                .firstResultOptional().orElseThrow(() -> new TicketConflictException("The customer of ticket #"
                        + ticket.number + " has no " + identityChannel + " identity to reply to"));
        Customer customer = Customer.findById(ticket.customerId);
        return new Participant(identity.address, customer == null ? null : customer.displayName);
    }

    private TicketMessage outboundMessage(Ticket ticket, String kind, String channel, String sourceMessageId,
            String agent, String text, Instant now) {
        TicketMessage message = new TicketMessage();
        message.id = UUID.randomUUID();
        message.ticketId = ticket.id;
        message.direction = "OUTBOUND";
        message.kind = kind;
        message.channel = channel;
        message.sourceMessageId = sourceMessageId;
        message.authorAddress = ticket.inboxAddress != null ? ticket.inboxAddress : config.defaultSupportAddress();
        message.authorName = agent;
        message.agentName = agent;
        message.subject = ticket.subject;
        message.textBody = text;
        message.newText = text;
        message.language = ticket.language;
        message.threadingReason = "Written by " + agent;
        message.receivedAt = now;
        message.createdAt = now;
        message.persist();
        return message;
    }
}
