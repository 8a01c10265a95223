package io.tiski.ticket.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.InboundMessageReceived;
import io.tiski.events.v1.MessageAdded;
import io.tiski.events.v1.OutboundEmail;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.events.v1.Participant;
import io.tiski.events.v1.TicketCreated;
import io.tiski.events.v1.TicketStatusChanged;
import io.tiski.outbox.Outbox;
import io.tiski.outbox.ProcessedEvents;
import io.tiski.ticket.config.TicketConfig;
import io.tiski.ticket.domain.AcknowledgementPolicy;
import io.tiski.ticket.domain.ConversationLookup;
import io.tiski.ticket.domain.IncomingMessage;
import io.tiski.ticket.domain.KnownTicket;
import io.tiski.ticket.domain.LanguageGuess;
import io.tiski.ticket.domain.ThreadingDecision;
import io.tiski.ticket.domain.ThreadingEngine;
import io.tiski.ticket.domain.TicketStatus;
import io.tiski.ticket.repository.CustomerDirectory;
import io.tiski.ticket.repository.OutboundRequest;
import io.tiski.ticket.repository.StoredConversations;
import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.repository.TicketRows;
import io.tiski.ticket.repository.TransactionStatements;
import io.tiski.ticket.repository.TicketMessage;
import io.tiski.ticket.service.sla.SlaClockService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Turns an inbound message from any channel into a ticket message, exactly once. */
@ApplicationScoped
public class InboundMessageService {
    static final String SOURCE = "/tiski/ticket-service";
    private static final String CONSUMER = "ticket-service.inbound-messages";
    private static final Logger LOG = Logger.getLogger(InboundMessageService.class);

    /** What happened to one inbound event. */
    public enum Outcome { NEW_TICKET, FOLLOW_UP, DUPLICATE }

    private final Outbox outbox;
    private final ProcessedEvents processedEvents;
    private final StoredConversations conversations;
    private final TicketConfig config;
    private final EntityManager entityManager;
    private final MeterRegistry metrics;
    private final FaqSnippets faq;
    private final SlaClockService slaClocks;
    private final AgentNotifications notifications;
    private final CustomerDirectory customers;
    private final TicketRows ticketRows;
    private final TransactionStatements statements;
    private final Clock clock = Clock.systemUTC();

    InboundMessageService(Outbox outbox, ProcessedEvents processedEvents, StoredConversations conversations,
            TicketConfig config, EntityManager entityManager, MeterRegistry metrics, FaqSnippets faq,
            SlaClockService slaClocks, AgentNotifications notifications, CustomerDirectory customers,
            TicketRows ticketRows, TransactionStatements statements) {
        this.customers = customers;
        this.ticketRows = ticketRows;
        this.statements = statements;
        this.notifications = notifications;
        this.faq = faq;
        this.slaClocks = slaClocks;
        this.outbox = outbox;
        this.processedEvents = processedEvents;
        this.conversations = conversations;
        this.config = config;
        this.entityManager = entityManager;
        this.metrics = metrics;
    }

    @Transactional
    public Outcome receive(InboundMessageReceived event) {
        return receive(event, true);
    }

    /** @param mayAcknowledge false when the customer needs no automatic confirmation (an agent noted a call) */
    @Transactional
    public Outcome receive(InboundMessageReceived event, boolean mayAcknowledge) {
        // what the caller changed in this transaction is visible to the plain-SQL lookups below
        entityManager.flush();
        BatchMemory memory = memoryOf(List.of(event));
        Outcome outcome = apply(event, mayAcknowledge, memory);
        entityManager.flush();
        ticketRows.write(memory.rows);
        return outcome;
    }

    /**
     * Applies a batch of inbound messages in one transaction, in their order (a reply right after the message it
     * answers threads into the ticket that message opened); {@code alsoInTransaction} runs in the same transaction
     * after them. Either all of it is committed or none. {@code traceOf} gives the i-th message's trace, current
     * while it is applied, so that the events it causes carry that trace on.
     */
    @Transactional
    public List<Outcome> receiveAll(List<InboundMessageReceived> events,
            java.util.function.IntFunction<io.opentelemetry.context.Scope> traceOf, Runnable alsoInTransaction) {
        List<Outcome> outcomes = new ArrayList<>(events.size());
        BatchMemory memory = memoryOf(events);
        for (int i = 0; i < events.size(); i++) {
            try (io.opentelemetry.context.Scope trace = traceOf.apply(i)) {
                outcomes.add(apply(events.get(i), true, memory));
                // written and forgotten: the next message reads what it needs afresh, and each flush stays small
                entityManager.flush();
                entityManager.clear();
            }
        }
        // the batch's audit entries, Message-IDs and requests, a statement per table; nothing before read them
        ticketRows.write(memory.rows);
        alsoInTransaction.run();
        return outcomes;
    }

    /**
     * What a batch needs to know of what was stored before it, found in a few statements for the whole batch rather
     * than in some per message (a message applied alone is a batch of one): which of its events were applied before
     * (the event ids this consumer has not seen yet, recorded as seen by the same statement, and the messages already
     * stored), which of its mails' Message-IDs are known, and its senders as customers. What the batch itself stores
     * is added as it goes, so a second event for a message later in the same batch is a repeat too, and a second
     * message of a new customer finds them.
     */
    static final class BatchMemory {
        private final Set<String> firstDeliveries;
        private final Set<String> storedMessages;
        private final Set<String> knownEmailMessageIds;
        private final Map<CustomerDirectory.Identity, CustomerDirectory.KnownCustomer> customers;
        /**
         * The batch's rows that no message of it reads back (audit entries of new tickets, Message-IDs, requests),
         * written together after its last message; the Message-IDs are also in {@link #ticketOfMessageId}.
         */
        final TicketRows.Pending rows = new TicketRows.Pending();
        private final Map<String, UUID> ticketOfMessageId = new HashMap<>();
        /** The stored conversations as this batch sees them, for the threading engine. */
        final ConversationLookup conversations;

        BatchMemory(Set<String> firstDeliveries, Set<String> storedMessages, Set<String> knownEmailMessageIds,
                Map<CustomerDirectory.Identity, CustomerDirectory.KnownCustomer> customers,
                StoredConversations stored) {
            this.firstDeliveries = firstDeliveries;
            this.storedMessages = storedMessages;
            this.knownEmailMessageIds = knownEmailMessageIds;
            this.customers = customers;
            this.conversations = over(stored);
        }

        /** A Message-ID a later reply may name, to be written with the batch's rows. */
        void add(TicketRows.EmailMessageId messageId) {
            rows.add(messageId);
            ticketOfMessageId.put(messageId.messageId(), messageId.ticketId());
        }

        /**
         * The stored conversations as this batch sees them: a Message-ID one of its messages brought (not written
         * yet) names its ticket as a stored one would.
         */
        private ConversationLookup over(StoredConversations stored) {
            return new ConversationLookup() {
                @Override
                public Optional<KnownTicket> byEmailMessageId(String messageId) {
                    UUID ticket = ticketOfMessageId.get(messageId);
                    return ticket != null ? stored.byId(ticket) : stored.byEmailMessageId(messageId);
                }

                @Override
                public Optional<KnownTicket> byNumber(long number) {
                    return stored.byNumber(number);
                }

                @Override
                public Optional<KnownTicket> newestByConversation(Channel channel, String conversationKey) {
                    return stored.newestByConversation(channel, conversationKey);
                }
            };
        }

        /** True for an event already applied; false (once per event id and message) for one to apply now. */
        boolean isRepeat(InboundMessageReceived event) {
            boolean firstDelivery = firstDeliveries.remove(event.eventId());
            return !firstDelivery || !storedMessages.add(messageKey(event.channel().name(), event.sourceMessageId()));
        }

        /** True the first time the batch asks of a Message-ID not stored before it; false after. */
        boolean isNewEmailMessageId(String messageId) {
            return knownEmailMessageIds.add(messageId);
        }

        static String messageKey(String channel, String sourceMessageId) {
            return channel + '\n' + sourceMessageId;
        }
    }

    private BatchMemory memoryOf(List<InboundMessageReceived> events) {
        Set<String> first = processedEvents.firstDeliveries(CONSUMER, events.stream()
                .map(InboundMessageReceived::eventId).toList());
        Set<String> stored = new HashSet<>();
        Set<String> known = new HashSet<>();
        String[] sourceIds = events.stream().map(InboundMessageReceived::sourceMessageId).distinct()
                .toArray(String[]::new);
        String[] messageIds = events.stream().filter(e -> e.email() != null && e.email().messageId() != null)
                .map(e -> e.email().messageId()).distinct().toArray(String[]::new);
        statements.run("reading what the batch's messages are known as", c -> {
            try (java.sql.PreparedStatement st = c.prepareStatement("SELECT channel, source_message_id FROM "
                    + "ticket_message WHERE source_message_id = ANY (?)")) {
                st.setArray(1, c.createArrayOf("text", sourceIds));
                try (java.sql.ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        stored.add(BatchMemory.messageKey(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            if (messageIds.length > 0) {
                try (java.sql.PreparedStatement st = c.prepareStatement("SELECT message_id FROM email_message_id "
                        + "WHERE message_id = ANY (?)")) {
                    st.setArray(1, c.createArrayOf("text", messageIds));
                    try (java.sql.ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            known.add(rs.getString(1));
                        }
                    }
                }
            }
            return null;
        });
        Set<CustomerDirectory.Identity> senders = new HashSet<>();
        events.forEach(e -> senders.add(identityOf(e)));
        return new BatchMemory(first, stored, known, customers.byIdentities(senders), conversations);
    }

    /** @param memory what the batch the message belongs to knows (a message applied alone is a batch of one) */
    private Outcome apply(InboundMessageReceived event, boolean mayAcknowledge, BatchMemory memory) {
        if (memory.isRepeat(event)) {
            metrics.counter("tiski.inbound.duplicates", "channel", event.channel().name()).increment();
            return Outcome.DUPLICATE;
        }
        Instant now = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        CustomerDirectory.KnownCustomer customer = customerFor(event, now, memory);
        ThreadingDecision decision = new ThreadingEngine(memory.conversations, config.closedTicketWindow(),
                clock).decide(incoming(event));
        Ticket ticket;
        Outcome outcome;
        if (decision.opensNewTicket()) {
            ticket = openTicket(event, customer, decision, now, memory);
            outcome = Outcome.NEW_TICKET;
        } else {
            UUID existing = decision.existing().get().id().value();
            ticket = ticketRows.lockForFollowUp(existing).orElseThrow(() -> new IllegalStateException("ticket "
                    + existing + ", which the threading engine chose, is gone"));
            outcome = Outcome.FOLLOW_UP;
        }
        TicketMessage message = addCustomerMessage(ticket, event, decision.reason(), now, memory);
        if (outcome == Outcome.NEW_TICKET) {
            outbox.append(EventEnvelope.of(new TicketCreated(UUID.randomUUID().toString(), now,
                    ticket.id.toString(), ticket.number, event.channel(), ticket.conversationKey,
                    event.sourceMessageId(), ticket.subject, ticket.status, ticket.priority, ticket.type,
                    event.from(), customer.id().toString(), decision.reason()), SOURCE));
        }
        outbox.append(EventEnvelope.of(new MessageAdded(UUID.randomUUID().toString(), now, ticket.id.toString(),
                ticket.number, event.channel(), ticket.conversationKey, event.sourceMessageId(),
                message.id.toString(), "INBOUND", event.from(), decision.reason()), SOURCE));
        recordBounce(event, now);
        if (outcome == Outcome.FOLLOW_UP) {
            reopenOnCustomerMessage(ticket, now);
            if (event.classification() == null || event.classification().mayBeAcknowledged()) {
                notifications.customerReplied(ticket, event.newText() != null ? event.newText() : event.textBody(),
                        now);
            }
        }
        if (outcome == Outcome.NEW_TICKET) {
            TicketRows.ClockedColumns inserted = TicketRows.ClockedColumns.of(ticket);
            Optional<SlaClockService.Expectation> expectation = slaClocks.startNewTicket(ticket, message, now);
            ticketRows.afterClocksStarted(ticket, inserted);
            if (mayAcknowledge) {
                requestAcknowledgement(ticket, customer, event, expectation, now, memory);
            }
        } else {
            slaClocks.recompute(ticket, now);
            ticketRows.afterFollowUp(ticket);
        }
        metrics.counter("tiski.tickets.messages", "channel", event.channel().name(), "outcome",
                outcome.name().toLowerCase(Locale.ROOT)).increment();
        LOG.debugf("Inbound %s message %s → ticket #%d (%s)", event.channel(), event.sourceMessageId(),
                ticket.number, decision.reason());
        return outcome;
    }

    private IncomingMessage incoming(InboundMessageReceived event) {
        List<String> referenced = new ArrayList<>();
        List<Long> ticketRefs = new ArrayList<>();
        if (event.email() != null) {
            referenced.addAll(event.email().inReplyTo());
            List<String> references = new ArrayList<>(event.email().references());
            java.util.Collections.reverse(references);
            references.stream().filter(r -> !referenced.contains(r)).forEach(referenced::add);
            parseNumber(event.email().plusAddressTicketReference()).ifPresent(ticketRefs::add);
            parseNumber(event.email().subjectTicketReference()).ifPresent(ticketRefs::add);
        }
        parseNumber(event.formFields().get("ticketReference")).ifPresent(ticketRefs::add);
        String bounced = event.email() != null && event.email().bounce() != null
                ? event.email().bounce().originalMessageId() : null;
        return new IncomingMessage(event.channel(), event.from().address(), event.conversationKey(), referenced,
                ticketRefs, bounced);
    }

    private static Optional<Long> parseNumber(String text) {
        if (text == null || !text.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }

    /** The sender as a customer: as the batch found or recorded them, else recorded now. */
    private CustomerDirectory.KnownCustomer customerFor(InboundMessageReceived event, Instant now,
            BatchMemory memory) {
        CustomerDirectory.Identity identity = identityOf(event);
        CustomerDirectory.KnownCustomer known = memory.customers.get(identity);
        CustomerDirectory.KnownCustomer customer;
        if (known == null) {
            customer = customers.create(event.from().displayName(), event.language(), identity.channel(),
                    identity.address(), now);
        } else if (known.displayName() == null && event.from().displayName() != null) {
            customer = customers.named(known, event.from().displayName());
        } else {
            return known;
        }
        memory.customers.put(identity, customer);
        return customer;
    }

    private static CustomerDirectory.Identity identityOf(InboundMessageReceived event) {
        return new CustomerDirectory.Identity(identityChannel(event.channel()),
                event.from().address().trim().toLowerCase(Locale.ROOT));
    }

    /** Email, forms, phone and visits all identify a customer by email address. */
    static String identityChannel(Channel channel) {
        return switch (channel) {
            case EMAIL, CONTACT_FORM, RETURN_FORM, PHONE, IN_PERSON -> "EMAIL";
            default -> channel.name();
        };
    }

    private Ticket openTicket(InboundMessageReceived event, CustomerDirectory.KnownCustomer customer,
            ThreadingDecision decision, Instant now, BatchMemory memory) {
        Ticket ticket = new Ticket();
        ticket.id = UUID.randomUUID();
        String subject = event.subject() == null || event.subject().isBlank()
                ? firstLine(event.newText() != null ? event.newText() : event.textBody())
                : event.subject().strip();
        ticket.subject = subject.length() > 500 ? subject.substring(0, 500) : subject;
        ticket.channel = event.channel().name();
        ticket.status = TicketStatus.NEW.name();
        ticket.priority = "NORMAL";
        ticket.type = switch (event.channel()) {
            case RETURN_FORM -> "RETURN".equals(event.formFields().get("requestType")) || event.formFields()
                    .get("requestType") == null ? "RETURN" : "COMPLAINT";
            default -> "QUESTION";
        };
        ticket.customerId = customer.id();
        ticket.conversationKey = event.conversationKey();
        ticket.inboxAddress = event.inboxAddress();
        ticket.language = languageOf(customer, event);
        ticket.linkedTicketId = decision.linkedPredecessor().map(id -> id.value()).orElse(null);
        ticket.brand = event.brand();
        ticket.team = event.team();
        ticket.createdAt = now;
        ticket.updatedAt = now;
        ticket.lastMessageAt = now;
        ticket.statusChangedAt = now;
        // in plain SQL and at once, numbered as it is inserted: the message and the SLA clocks that follow refer to it
        ticketRows.insert(ticket);
        memory.rows.add(new TicketRows.AuditEntry(ticket.id, "customer", "CREATED", null, null,
                decision.reason(), now));
        return ticket;
    }

    private String languageOf(CustomerDirectory.KnownCustomer customer, InboundMessageReceived event) {
        if (customer.language() != null) {
            return customer.language();
        }
        if (event.language() != null) {
            return event.language();
        }
        String text = (event.subject() == null ? "" : event.subject() + "\n")
                + (event.newText() != null ? event.newText() : event.textBody());
        return LanguageGuess.of(text, config.defaultLanguage());
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "(no subject)";
        }
        String line = text.strip().lines().findFirst().orElse("(no subject)");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    private TicketMessage addCustomerMessage(Ticket ticket, InboundMessageReceived event, String reason,
            Instant now, BatchMemory memory) {
        TicketMessage message = new TicketMessage();
        message.id = UUID.randomUUID();
        message.ticketId = ticket.id;
        message.direction = "INBOUND";
        message.kind = "CUSTOMER_MESSAGE";
        message.channel = event.channel().name();
        message.sourceMessageId = event.sourceMessageId();
        message.authorAddress = event.from().address();
        message.authorName = event.from().displayName();
        message.subject = event.subject();
        message.textBody = event.textBody();
        message.newText = event.newText();
        message.htmlBody = event.htmlBody();
        message.language = event.language() != null ? event.language() : ticket.language;
        message.classification = event.classification() == null ? null : event.classification().name();
        message.threadingReason = reason;
        message.rawReference = event.rawMessageReference();
        message.receivedAt = event.occurredAt() == null ? now : event.occurredAt();
        message.createdAt = now;
        List<io.tiski.ticket.repository.TicketAttachment> attachments = new ArrayList<>();
        event.attachments().forEach(a -> {
            io.tiski.ticket.repository.TicketAttachment attachment = new io.tiski.ticket.repository.TicketAttachment();
            attachment.id = UUID.randomUUID();
            attachment.messageId = message.id;
            attachment.sha256 = a.sha256();
            attachment.fileName = a.fileName() == null ? "unnamed" : a.fileName();
            attachment.mediaType = a.mediaType() == null ? "application/octet-stream" : a.mediaType();
            attachment.size = a.size();
            attachment.contentId = a.contentId();
            attachment.inlinePart = a.inline();
            attachment.omittedReason = a.omittedReason();
            attachments.add(attachment);
        });
        ticketRows.insert(message, attachments);
        if (event.email() != null && event.email().messageId() != null
                && memory.isNewEmailMessageId(event.email().messageId())) {
            memory.add(new TicketRows.EmailMessageId(event.email().messageId(), ticket.id, message.id, "CUSTOMER",
                    now));
        }
        ticket.lastMessageAt = now;
        ticket.updatedAt = now;
        return message;
    }

    /** A bounce of a mail Tiski sent marks that delivery failed, with the mail system's reason. */
    private void recordBounce(InboundMessageReceived event, Instant now) {
        if (event.email() == null || event.email().bounce() == null
                || event.email().bounce().originalMessageId() == null) {
            return;
        }
        var bounce = event.email().bounce();
        OutboundRequest.<OutboundRequest>find("providerMessageId", bounce.originalMessageId()).firstResultOptional()
                .ifPresent(request -> {
                    request.status = bounce.permanent() ? "BOUNCED" : "DELAYED";
                    request.statusReason = "The recipient's mail system answered"
                            + (bounce.status() == null ? "" : " " + bounce.status())
                            + (bounce.diagnostic() == null ? "" : ": " + bounce.diagnostic())
                            + (bounce.failedRecipients().isEmpty() ? "" : " (" + String.join(", ",
                                    bounce.failedRecipients()) + ")");
                    request.reportedAt = now;
                    metrics.counter("tiski.outbound.bounces", "channel", request.channel).increment();
                });
    }

    private void reopenOnCustomerMessage(Ticket ticket, Instant now) {
        TicketStatus current = TicketStatus.valueOf(ticket.status);
        TicketStatus next = current.afterCustomerMessage();
        if (next != current) {
            ticket.status = next.name();
            ticket.statusChangedAt = now;
            // at once: the SLA clocks, recomputed below, read the ticket's status changes from the audit trail
            ticketRows.write(List.of(new TicketRows.AuditEntry(ticket.id, "customer", "STATUS_CHANGED", "status",
                    current.name(), next.name(), now)));
            outbox.append(EventEnvelope.of(new TicketStatusChanged(UUID.randomUUID().toString(), now,
                    ticket.id.toString(), ticket.number, io.tiski.events.v1.Channel.valueOf(ticket.channel),
                    ticket.conversationKey, current.name(), next.name(), "customer", "The customer wrote again"),
                    SOURCE));
        }
    }

    private void requestAcknowledgement(Ticket ticket, CustomerDirectory.KnownCustomer customer,
            InboundMessageReceived event,
            Optional<SlaClockService.Expectation> expectation, Instant now, BatchMemory memory) {
        Optional<String> reasonNot = new AcknowledgementPolicy(config.acknowledgementsEnabled(),
                acknowledgedChannels(ticket.brand)).reasonNotToAcknowledge(event.channel().replyChannel(),
                event.classification(),
                event.from().address(), "true".equals(event.formFields().get("note")));
        if (reasonNot.isPresent()) {
            LOG.infof("No acknowledgement for ticket #%d: %s", ticket.number, reasonNot.get());
            metrics.counter("tiski.acknowledgements.withheld", "channel", event.channel().name()).increment();
            return;
        }
        UUID requestId = UUID.randomUUID();
        Channel replyChannel = event.channel().replyChannel();
        OutboundEmail email = null;
        if (replyChannel == Channel.EMAIL) {
            String supportAddress = ticket.inboxAddress != null ? ticket.inboxAddress : config.defaultSupportAddress();
            String ackMessageId = "ack." + requestId + "@" + config.messageIdDomain();
            List<String> references = new ArrayList<>();
            String inReplyTo = null;
            if (event.email() != null && event.email().messageId() != null) {
                references.addAll(event.email().references());
                references.add(event.email().messageId());
                inReplyTo = event.email().messageId();
            }
            email = new OutboundEmail(ackMessageId, inReplyTo, references, supportAddress, supportAddress);
            memory.add(new TicketRows.EmailMessageId(ackMessageId, ticket.id, null, "ACKNOWLEDGEMENT", now));
        }
        memory.rows.add(new TicketRows.Request(requestId, ticket.id, OutboundKind.ACKNOWLEDGEMENT.name(),
                replyChannel.name(), event.from().address(), email == null ? null : email.messageId(), now));
        Instant expectedBy = expectation.map(SlaClockService.Expectation::firstResponseDue).orElse(null);
        Instant opensAt = expectation.map(SlaClockService.Expectation::nextOpening).filter(at -> at.isAfter(now))
                .orElse(null);
        String zone = expectation.map(e -> e.zone().getId()).orElse(null);
        outbox.append(EventEnvelope.of(new OutboundMessageRequested(requestId.toString(), now, ticket.id.toString(),
                ticket.number, replyChannel, ticket.conversationKey, OutboundKind.ACKNOWLEDGEMENT,
                new Participant(event.from().address(), customer.displayName()), ticket.language, ticket.subject,
                null, expectedBy, null, email, List.of(), faq.forTicket(ticket.language, (event.subject() == null ? ""
                        : event.subject()) + "\n" + (event.newText() != null ? event.newText() : event.textBody()),
                        event.formFields().get("reason")), opensAt, zone, null, returnConfirmation(event))
                .withBrand(ticket.brand), SOURCE));
    }

    /** The channels the brand's new tickets are acknowledged on (brand names matched regardless of case). */
    private java.util.Set<Channel> acknowledgedChannels(String brand) {
        List<String> names = brand == null ? null : config.brandAcknowledgementChannels().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(brand)).map(java.util.Map.Entry::getValue).findFirst()
                .orElse(null);
        java.util.Set<Channel> channels = java.util.EnumSet.noneOf(Channel.class);
        for (String name : names != null ? names : config.acknowledgementChannels()) {
            try {
                channels.add(Channel.valueOf(name.strip().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                LOG.warnf("Unknown channel %s in the acknowledgement channels is ignored", name);
            }
        }
        return channels;
    }

    /** For a return or complaint form: what the shop's policy, as the form applied it, lets the customer do. */
    static io.tiski.events.v1.ReturnConfirmation returnConfirmation(InboundMessageReceived event) {
        if (event.channel() != Channel.RETURN_FORM || event.formFields().get("requestType") == null) {
            return null;
        }
        java.util.Map<String, String> f = event.formFields();
        java.time.LocalDate deadline = null;
        try {
            deadline = f.get("returnDeadline") == null ? null : java.time.LocalDate.parse(f.get("returnDeadline"));
        } catch (java.time.format.DateTimeParseException e) {
            LOG.warnf("Return form %s has an unreadable deadline %s", event.sourceMessageId(), f.get("returnDeadline"));
        }
        return new io.tiski.events.v1.ReturnConfirmation(f.get("requestType"), f.get("orderNumber"),
                f.get("policyWindow"), Boolean.parseBoolean(f.get("policyAccepted")), deadline, f.get("returnCost"),
                f.get("returnAddress"), f.get("returnLabelUrl"));
    }
}
