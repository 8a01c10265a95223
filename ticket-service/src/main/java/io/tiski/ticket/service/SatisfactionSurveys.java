package io.tiski.ticket.service;

import io.quarkus.scheduler.Scheduled;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.OutboundEmail;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.events.v1.Participant;
import io.tiski.outbox.Outbox;
import io.tiski.ticket.config.SurveyConfig;
import io.tiski.ticket.config.TicketConfig;
import io.tiski.ticket.domain.TicketStatus;
import io.tiski.ticket.repository.Customer;
import io.tiski.ticket.repository.CustomerIdentity;
import io.tiski.ticket.repository.KnownEmailMessageId;
import io.tiski.ticket.repository.OutboundRequest;
import io.tiski.ticket.repository.SatisfactionSurvey;
import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.repository.TicketAuditEntry;
import io.tiski.ticket.repository.TicketMessage;
import io.tiski.ticket.security.TokenDigest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One satisfaction survey per ticket: due a while after the ticket is solved, sent by email with a link whose token
 * only the customer's mail holds (Tiski keeps its SHA-256), answered once with a click on good or bad, and a comment
 * if the customer wants to add one.
 */
@ApplicationScoped
public class SatisfactionSurveys {
    private static final Logger LOG = Logger.getLogger(SatisfactionSurveys.class);
    static final int BATCH = 100;
    static final int MAX_COMMENT = 2_000;
    static final Instant NOT_DUE = Instant.parse("9999-12-31T00:00:00Z");
    /** Channels whose customers are reachable by email for a survey. */
    static final Set<Channel> SURVEYED = Set.of(Channel.EMAIL, Channel.CONTACT_FORM, Channel.RETURN_FORM,
            Channel.PHONE, Channel.IN_PERSON);

    private final SurveyConfig config;
    private final TicketConfig tickets;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final SecureRandom random = new SecureRandom();

    SatisfactionSurveys(SurveyConfig config, TicketConfig tickets, Outbox outbox, EntityManager entityManager) {
        this.config = config;
        this.tickets = tickets;
        this.outbox = outbox;
        this.entityManager = entityManager;
    }

    /** A survey's answer as the ticket shows it. */
    public record Answer(String rating, String comment, Instant answeredAt, Instant requestedAt) {
    }

    /** What became of a click on a survey link. */
    public enum Outcome {
        RECORDED, ALREADY_ANSWERED, COMMENT_RECORDED
    }

    /** The survey and its ticket, for the public page. */
    public record Page(Outcome outcome, String rating, long ticketNumber, String language, boolean mayComment) {
    }

    /** Called in the transaction that solves the ticket: the survey becomes due after the delay. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void ticketSolved(Ticket ticket, Instant now) {
        if (!config.enabled() || !SURVEYED.contains(Channel.valueOf(ticket.channel)) || ticket.mergedInto != null
                || (ticket.brand != null && config.disabledBrands().orElse(Set.of()).contains(ticket.brand))) {
            return;
        }
        SatisfactionSurvey survey = SatisfactionSurvey.findById(ticket.id);
        if (survey == null) {
            survey = new SatisfactionSurvey();
            survey.ticketId = ticket.id;
            survey.createdAt = now;
            survey.dueAt = now.plus(config.delay());
            survey.persist();
        } else if (survey.requestedAt == null) {
            // reopened and solved again before the survey went out: wait from this solve
            survey.dueAt = now.plus(config.delay());
        }
    }

    /** Sends the surveys that are due; instances share the rows, each claimed once. */
    @Scheduled(every = "${tiski.survey.poll-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sendDue() {
        try {
            while (!stopping && sendDueBatch() == BATCH) {
                // more are due: keep going
            }
        } catch (RuntimeException e) {
            if (stopping) {
                // the database went first; what was not claimed is claimed at the next start, by any instance
                LOG.debugf("Stopped while sending due satisfaction surveys (%s)", e.toString());
                return;
            }
            LOG.warn("Sending due satisfaction surveys failed; trying again at the next run", e);
        }
    }

    private volatile boolean stopping;

    void onStop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
    }

    @Transactional
    int sendDueBatch() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        @SuppressWarnings("unchecked")
        List<UUID> due = entityManager.createNativeQuery("SELECT ticket_id FROM satisfaction_survey WHERE "
                + "requested_at IS NULL AND due_at <= ?1 ORDER BY due_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED",
                UUID.class).setParameter(1, now).getResultList();
        for (UUID ticketId : due) {
            SatisfactionSurvey survey = SatisfactionSurvey.findById(ticketId);
            Ticket ticket = Ticket.findById(ticketId);
            String status = ticket.status;
            if (!TicketStatus.SOLVED.name().equals(status) && !TicketStatus.CLOSED.name().equals(status)) {
                // reopened meanwhile: not due until ticketSolved sets the time again at its next solve
                survey.dueAt = NOT_DUE;
                continue;
            }
            send(ticket, survey, now);
        }
        return due.size();
    }

    private void send(Ticket ticket, SatisfactionSurvey survey, Instant now) {
        Optional<CustomerIdentity> email = CustomerIdentity.<CustomerIdentity>find(
                "customerId = ?1 and channel = 'EMAIL' order by createdAt", ticket.customerId).firstResultOptional();
        survey.requestedAt = now;
        if (email.isEmpty()) {
            return;
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        survey.tokenSha256 = TokenDigest.sha256(token);
        UUID requestId = UUID.randomUUID();
        String messageId = "survey." + requestId + "@" + tickets.messageIdDomain();
        String support = ticket.inboxAddress != null ? ticket.inboxAddress : tickets.defaultSupportAddress();
        String inReplyTo = TicketMessage.<TicketMessage>find("ticketId = ?1 and direction = 'INBOUND' and "
                + "channel = 'EMAIL' order by createdAt desc", ticket.id).firstResultOptional()
                .map(m -> m.sourceMessageId).orElse(null);
        KnownEmailMessageId known = new KnownEmailMessageId();
        known.messageId = messageId;
        known.ticketId = ticket.id;
        known.origin = "SURVEY";
        known.createdAt = now;
        known.persist();
        OutboundRequest.requested(requestId, ticket.id, OutboundKind.SURVEY.name(), Channel.EMAIL.name(),
                email.get().address, messageId, now);
        Customer customer = Customer.findById(ticket.customerId);
        String link = config.publicBaseUrl().replaceAll("/+$", "") + "/public/surveys/" + token;
        outbox.append(EventEnvelope.of(new OutboundMessageRequested(requestId.toString(), now, ticket.id.toString(),
                ticket.number, Channel.EMAIL, ticket.conversationKey, OutboundKind.SURVEY,
                new Participant(email.get().address, customer == null ? null : customer.displayName),
                ticket.language, ticket.subject, null, null, null,
                new OutboundEmail(messageId, inReplyTo, inReplyTo == null ? List.of() : List.of(inReplyTo), support,
                        support), List.of(), List.of(), null, null, link, "RETURN".equals(ticket.type)
                                ? new io.tiski.events.v1.ReturnConfirmation("RETURN", null, null, true, null, null,
                                        null, null) : null).withBrand(ticket.brand), InboundMessageService.SOURCE));
        TicketAuditEntry.record(ticket.id, "tiski", "SURVEY_SENT", "survey", null, email.get().address, now);
    }

    /** Records the rating of the first click; later clicks change nothing. */
    @Transactional
    public Optional<Page> rate(String token, String rating) {
        String normal = rating == null ? "" : rating.strip().toUpperCase(Locale.ROOT);
        if (!normal.equals("GOOD") && !normal.equals("BAD")) {
            throw new IllegalArgumentException("rating must be good or bad, not '" + rating + "'");
        }
        return locked(token).map(survey -> {
            Ticket ticket = Ticket.findById(survey.ticketId);
            if (survey.answeredAt != null) {
                return new Page(Outcome.ALREADY_ANSWERED, survey.rating, ticket.number, ticket.language,
                        survey.comment == null);
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            survey.rating = normal;
            survey.answeredAt = now;
            TicketAuditEntry.record(ticket.id, "customer", "SURVEY_ANSWERED", "satisfaction", null, normal, now);
            return new Page(Outcome.RECORDED, normal, ticket.number, ticket.language, true);
        });
    }

    /** Adds the customer's comment to an answered survey, once. */
    @Transactional
    public Optional<Page> comment(String token, String comment) {
        String text = comment == null ? "" : comment.strip();
        if (text.isEmpty() || text.length() > MAX_COMMENT) {
            throw new IllegalArgumentException("a comment is 1 to " + MAX_COMMENT + " characters");
        }
        return locked(token).map(survey -> {
            Ticket ticket = Ticket.findById(survey.ticketId);
            if (survey.answeredAt == null || survey.comment != null) {
                return new Page(Outcome.ALREADY_ANSWERED, survey.rating, ticket.number, ticket.language, false);
            }
            survey.comment = text;
            TicketAuditEntry.record(ticket.id, "customer", "SURVEY_COMMENTED", "satisfaction", null, null,
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
            return new Page(Outcome.COMMENT_RECORDED, survey.rating, ticket.number, ticket.language, false);
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Answer> answerOf(UUID ticketId) {
        SatisfactionSurvey survey = SatisfactionSurvey.findById(ticketId);
        return survey == null || survey.requestedAt == null ? Optional.empty()
                : Optional.of(new Answer(survey.rating, survey.comment, survey.answeredAt, survey.requestedAt));
    }

    private static Optional<SatisfactionSurvey> locked(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        return SatisfactionSurvey.<SatisfactionSurvey>find("tokenSha256", TokenDigest.sha256(token))
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
