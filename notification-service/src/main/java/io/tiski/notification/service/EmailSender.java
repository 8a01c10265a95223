package io.tiski.notification.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.tiski.events.v1.AttachmentReference;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.EventJson;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.notification.config.NotificationConfig;
import io.tiski.notification.domain.AnswerExpectation;
import io.tiski.notification.domain.HeaderText;
import io.tiski.notification.domain.RetrySchedule;
import io.tiski.notification.repository.DeliveryRecords;
import io.tiski.notification.templates.AcknowledgementView;
import io.tiski.notification.templates.Acknowledgements;
import io.tiski.notification.templates.ReplyView;
import io.tiski.notification.templates.StaffNotificationView;
import io.tiski.notification.templates.StaffNotifications;
import io.tiski.notification.templates.SurveyView;
import io.tiski.notification.templates.Surveys;
import io.tiski.notification.templates.Replies;
import io.tiski.objectstore.ObjectStore;
import io.tiski.objectstore.ObjectStoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Sends one requested email: rendered, threaded, marked as automatic where it is, recorded exactly once. */
@ApplicationScoped
public class EmailSender {
    private static final Logger LOG = Logger.getLogger(EmailSender.class);
    public static final String LOOP_HEADER = "X-Tiski-Loop";

    /** How long a redelivered request waits for this process's attempt at the same request. */
    static final Duration IN_FLIGHT_WAIT = Duration.ofMinutes(2);

    private final MailServers servers;
    /**
     * Servers that mail waits for because they could not be reached: the first mail one of them accepts makes that
     * mail due at once. Kept from this process's own put-offs and, every round of {@link DeferredSends}, the ledger.
     */
    private final java.util.Set<String> unreachableServers = ConcurrentHashMap.newKeySet();
    /** Requests this process is sending now, so that a redelivery arriving meanwhile is not sent again. */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final DeliveryLedger ledger;
    private final NotificationConfig config;
    private final MeterRegistry metrics;
    private final ObjectStore objects;

    private final io.opentelemetry.api.trace.Tracer tracer;
    private final RetrySchedule schedule;

    EmailSender(MailServers servers, DeliveryLedger ledger, NotificationConfig config, MeterRegistry metrics,
            ObjectStore objects, io.opentelemetry.api.trace.Tracer tracer, RetrySchedule schedule) {
        this.tracer = tracer;
        this.schedule = schedule;
        this.objects = objects;
        this.servers = servers;
        this.ledger = ledger;
        this.config = config;
        this.metrics = metrics;
    }

    public void handle(OutboundMessageRequested request) {
        if (request.channel() != Channel.EMAIL) {
            return; // social channels are sent by social-ingest-service
        }
        if (request.email() == null || request.email().messageId() == null) {
            throw new IllegalArgumentException("email request " + request.eventId() + " has no Message-ID");
        }
        while (true) {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> other = inFlight.putIfAbsent(request.eventId(), mine);
            if (other == null) {
                try {
                    send(request);
                } finally {
                    inFlight.remove(request.eventId(), mine);
                    mine.complete(null);
                }
                return;
            }
            // A redelivery of a request this process is sending right now (consumption is unordered): its ledger
            // row says SENDING exactly as after a crash, so wait for that attempt and decide again from the ledger.
            try {
                other.get(IN_FLIGHT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("request " + request.eventId() + " is still being sent after "
                        + IN_FLIGHT_WAIT + "; retrying later", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while request " + request.eventId()
                        + " was being sent", e);
            } catch (ExecutionException e) {
                // cannot happen: attempts complete normally; decide again all the same
            }
        }
    }

    private void send(OutboundMessageRequested request) {
        DeliveryLedger.Decision decision = ledger.begin(request, request.email().messageId());
        if (!decision.send()) {
            LOG.debugf("Request %s already %s", request.eventId(), decision.delivery().status);
            return;
        }
        attempt(request, decision.delivery().attempts, null);
    }

    /**
     * Another attempt at a request the mail server put off, taken from the ledger by {@link DeferredSends} (which
     * recorded it SENDING again). A request this process is still sending is left to that attempt.
     */
    public void retry(DeliveryRecords.Due due) {
        OutboundMessageRequested request = EventJson.read(due.request(), OutboundMessageRequested.class);
        CompletableFuture<Void> mine = new CompletableFuture<>();
        if (inFlight.putIfAbsent(request.eventId(), mine) != null) {
            return;
        }
        try {
            if (schedule.givesUp(due.deferredSince().plus(schedule.longestInterval()), Instant.now())) {
                // past the give-up time by more than an interval: its attempts ended otherwise than put off (the
                // process died in them, or the request could not be prepared), so it fails without another
                giveUp(request, servers.forBrand(request.brand()), due.lastReason(), due.attempts() - 1);
                return;
            }
            attempt(request, due.attempts(), due.deferredSince());
        } finally {
            inFlight.remove(request.eventId(), mine);
            mine.complete(null);
        }
    }

    /**
     * Renders and sends the request, recorded SENDING; records what came of it.
     *
     * @param attempts the attempts at it so far, this one included
     * @param deferredSince when the mail server first put it off; null when it never did
     */
    private void attempt(OutboundMessageRequested request, int attempts, Instant deferredSince) {
        boolean automatic = request.kind() == OutboundKind.ACKNOWLEDGEMENT;
        java.util.Optional<NotificationConfig.Brand> brand = request.brand() == null ? java.util.Optional.empty()
                : config.brands().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(request.brand()))
                        .map(java.util.Map.Entry::getValue).findFirst();
        String brandName = brand.flatMap(NotificationConfig.Brand::name).filter(n -> !n.isBlank())
                .orElse(config.brandName());
        String signature = brand.flatMap(NotificationConfig.Brand::signature).map(t -> t.replace("\\n", "\n"))
                .orElse(null);
        Acknowledgements.RenderedMail rendered;
        if (automatic) {
            rendered = Acknowledgements.render(request.language(), config.defaultLanguage(),
                    new AcknowledgementView(request.ticketNumber(), request.recipient().displayName(),
                            HeaderText.of(request.subject(), 200), brandName, request.faq(),
                            AnswerExpectation.describe(request.language() == null ? config.defaultLanguage()
                                    : request.language(), Instant.now(), request.expectedAnswerBy(),
                                    request.serviceOpensAt(), request.timeZone()).orElse(null),
                            AcknowledgementView.ReturnSteps.of(request.returnConfirmation())));
        } else if (request.kind() == OutboundKind.AGENT_REPLY || request.kind() == OutboundKind.FORWARD) {
            // a forward reads like a reply to its recipient: the agent's words, and an answer joins the ticket
            if (request.textBody() == null || request.textBody().isBlank()) {
                throw new IllegalArgumentException(request.kind() + " " + request.eventId() + " has no text");
            }
            rendered = Replies.render(request.language(), config.defaultLanguage(),
                    HeaderText.of(request.subject(), 200), new ReplyView(request.ticketNumber(),
                            request.textBody(), request.agentName(), brandName, signature),
                    request.kind() == OutboundKind.FORWARD ? "Fwd" : "Re");
        } else if (request.kind() == OutboundKind.SURVEY) {
            if (request.actionUrl() == null || !request.actionUrl().startsWith("http")) {
                throw new IllegalArgumentException("survey " + request.eventId() + " has no link to answer with");
            }
            String separator = request.actionUrl().contains("?") ? "&" : "?";
            rendered = Surveys.render(request.language(), config.defaultLanguage(), new SurveyView(
                    request.ticketNumber(), request.recipient().displayName(), HeaderText.of(request.subject(), 200),
                    brandName, request.actionUrl() + separator + "rating=good",
                    request.actionUrl() + separator + "rating=bad", request.returnConfirmation() != null
                            && "RETURN".equals(request.returnConfirmation().requestType())));
        } else if (request.kind() == OutboundKind.NOTIFICATION) {
            if (request.textBody() == null || request.textBody().isBlank()) {
                throw new IllegalArgumentException("notification " + request.eventId() + " has no text");
            }
            rendered = StaffNotifications.render(new StaffNotificationView(request.ticketNumber(),
                    HeaderText.of(request.subject(), 200), request.textBody(), brandName));
        } else {
            ledger.skipped(request, "sending " + request.kind() + " by email is not supported by this version");
            return;
        }
        MailMessage mail = new MailMessage().setTo(request.recipient().address())
                .setSubject(HeaderText.of(rendered.subject(), 250)).setText(rendered.text()).setHtml(rendered.html());
        mail.setFrom(HeaderText.of(brandName, 100).replace("\"", "") + " <" + request.email().fromAddress()
                + ">");
        mail.addHeader("Reply-To", request.email().replyToAddress());
        mail.addHeader("Message-ID", "<" + request.email().messageId() + ">");
        if (request.email().inReplyTo() != null) {
            mail.addHeader("In-Reply-To", "<" + request.email().inReplyTo() + ">");
        }
        if (!request.email().references().isEmpty()) {
            mail.addHeader("References", request.email().references().stream().map(id -> "<" + id + ">")
                    .collect(Collectors.joining(" ")));
        }
        if (request.kind() == OutboundKind.NOTIFICATION || request.kind() == OutboundKind.SURVEY) {
            mail.addHeader("Auto-Submitted", "auto-generated");
            mail.addHeader("X-Auto-Response-Suppress", "All");
        } else if (automatic) {
            mail.addHeader("Auto-Submitted", "auto-replied");
            mail.addHeader("X-Auto-Response-Suppress", "All");
        } else {
            // a person's reply: out-of-office answers to it would only be noise on the ticket
            mail.addHeader("X-Auto-Response-Suppress", "OOF, AutoReply");
        }
        mail.addHeader(LOOP_HEADER, config.instanceName());
        List<MailAttachment> files = new ArrayList<>();
        for (AttachmentReference attachment : request.attachments()) {
            if (attachment.sha256() == null) {
                continue; // listed on the ticket as not kept; nothing to send
            }
            byte[] content = objects.read(attachment.sha256()).orElseThrow(() ->
                    new IllegalStateException("attachment " + attachment.sha256() + " of request "
                            + request.eventId() + " is not in the object store (yet); retrying"));
            files.add(MailAttachment.create().setName(HeaderText.of(attachment.fileName(), 200))
                    .setContentType(attachment.mediaType()).setDisposition("attachment")
                    .setData(Buffer.buffer(content)));
        }
        mail.setAttachment(files);
        MailServers.Server server = servers.forBrand(request.brand());
        Optional<String> refusal;
        try {
            refusal = transmit(server, mail, request);
        } catch (PutOff e) {
            try {
                putOff(request, server, e, attempts, deferredSince);
            } finally {
                if (e.getCause() instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
            return;
        }
        if (refusal.isPresent()) {
            ledger.failed(request, refusal.get());
            metrics.counter("tiski.notifications.refused", "kind", request.kind().name(), "server", server.name())
                    .increment();
            LOG.warnf("%s for ticket #%d refused by %s: %s", request.kind(), request.ticketNumber(), server.name(),
                    refusal.get());
            return;
        }
        ledger.sent(request);
        if (unreachableServers.remove(server.name())) {
            try {
                int due = ledger.reachable(server.name());
                if (due > 0) {
                    LOG.infof("The mail server %s accepts mail again: %d mails put off while it could not be "
                            + "reached are due now", server.name(), due);
                }
            } catch (RuntimeException e) {
                // this mail is sent and recorded; the waiting ones keep their schedule; the next success tries again
                unreachableServers.add(server.name());
                LOG.warnf("The mail put off for %s could not be made due (%s)", server.name(), e.getMessage());
            }
        }
        metrics.counter("tiski.notifications.sent", "kind", request.kind().name(), "channel", "EMAIL").increment();
        LOG.debugf("Sent %s for ticket #%d to %s through %s", request.kind(), request.ticketNumber(),
                request.recipient().address(), server.name());
    }

    /**
     * The mail server put the request off: it waits in the ledger for its next attempt (the sender goes on with
     * other mail), or fails once it waited longer than {@code tiski.notifications.deferred.give-up-after}.
     */
    private void putOff(OutboundMessageRequested request, MailServers.Server server, PutOff putOff, int attempts,
            Instant deferredSince) {
        String reason = putOff.getMessage();
        Instant now = Instant.now();
        if (schedule.givesUp(deferredSince == null ? now : deferredSince, now)) {
            giveUp(request, server, reason, attempts);
            return;
        }
        Instant next = schedule.nextAttempt(attempts, now);
        String unreachable = putOff.unreachable ? server.name() : null;
        if (unreachable != null) {
            unreachableServers.add(unreachable);
        }
        if (ledger.deferred(request, reason, next, deferredSince == null, unreachable)) {
            metrics.counter("tiski.notifications.deferrals", "kind", request.kind().name(), "server",
                    server.name()).increment();
            // one line per put-off attempt: while a mail server is down, the log shows why and how often
            LOG.warnf("%s for ticket #%d put off (request %s, attempt %d): %s; next attempt at %s",
                    request.kind(), request.ticketNumber(), request.eventId(), attempts, reason, next);
        }
    }

    /** The request fails with the server's last answer: it was put off for longer than the give-up time. */
    private void giveUp(OutboundMessageRequested request, MailServers.Server server, String lastAnswer,
            int attempts) {
        String failure = "no mail server accepted the mail within " + readable(schedule.giveUpAfter()) + " ("
                + attempts + (attempts == 1 ? " attempt" : " attempts") + "); the last answer: " + lastAnswer;
        ledger.failed(request, failure);
        metrics.counter("tiski.notifications.given.up", "kind", request.kind().name(), "server", server.name())
                .increment();
        LOG.warnf("%s for ticket #%d given up (request %s): %s", request.kind(), request.ticketNumber(),
                request.eventId(), failure);
    }

    /**
     * One SMTP conversation. Returns the server's reason when it refused the mail for good (a 5xx reply to the
     * sender, a recipient or the content); throws {@link PutOff} on anything worth trying again: no connection, a
     * timeout, a 4xx, or a refused login (credentials are fixed by an operator, after which the next attempt goes
     * through).
     */
    private Optional<String> transmit(MailServers.Server server, MailMessage mail, OutboundMessageRequested request) {
        io.opentelemetry.api.trace.Span span = tracer.spanBuilder("smtp send")
                .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT).setAttribute("server.address", server.host())
                .setAttribute("server.port", (long) server.port()).setAttribute("tiski.mail.kind",
                        request.kind().name()).setAttribute("tiski.ticket.number", request.ticketNumber())
                .startSpan();
        try (io.opentelemetry.context.Scope scope = span.makeCurrent()) {
            Optional<String> refusal = converse(server, mail, request);
            refusal.ifPresent(reason -> span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, reason));
            return refusal;
        } catch (PutOff e) {
            span.recordException(e);
            span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, "put off: " + e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, "retrying");
            LOG.warnf("%s for ticket #%d not sent (request %s): %s", request.kind(), request.ticketNumber(),
                    request.eventId(), e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }

    private Optional<String> converse(MailServers.Server server, MailMessage mail, OutboundMessageRequested request) {
        try {
            server.send(mail).get(config.smtpTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SMTPException smtp && smtp.isPermanent() && !LOGIN_REFUSALS.contains(
                    smtp.getReplyCode())) {
                return Optional.of("the mail server " + server.host() + " refused the mail: " + answer(smtp));
            }
            if (cause instanceof SMTPException smtp) {
                throw new PutOff("the mail server " + server.host() + ":" + server.port() + " answered "
                        + answer(smtp), false, cause);
            }
            throw new PutOff("the mail server " + server.host() + ":" + server.port() + " (" + server.name()
                    + ") could not be reached: " + HeaderText.of(String.valueOf(cause), 300), true, cause);
        } catch (TimeoutException e) {
            throw new PutOff("the mail server " + server.host() + ":" + server.port() + " did not finish within "
                    + config.smtpTimeout(), true, e);
        } catch (InterruptedException e) {
            // the service is stopping (a rolling update): put off, the mail is tried again by an instance that runs,
            // instead of its request going to the dead-letter topic; the interrupt is restored once that is recorded
            throw new PutOff("the service stopped during the SMTP conversation with " + server.host() + ":"
                    + server.port(), false, e);
        }
    }

    /** The server's answer as it said it ("451 4.7.1 Greylisted"), its code once. */
    static String answer(SMTPException smtp) {
        String said = String.join(" ", smtp.getReplyMessages()).strip();
        String code = String.valueOf(smtp.getReplyCode());
        return HeaderText.of(said.startsWith(code) ? said : (code + " " + said).strip(), 300);
    }

    /** A duration as an agent reads it in a reason: "1 day", "2 days", "6 h", "90 min". */
    static String readable(Duration duration) {
        long days = duration.toDays();
        if (days > 0 && duration.equals(Duration.ofDays(days))) {
            return days + (days == 1 ? " day" : " days");
        }
        long hours = duration.toHours();
        if (hours > 0 && duration.equals(Duration.ofHours(hours))) {
            return hours + " h";
        }
        return Math.max(0, duration.toMinutes()) + " min";
    }

    /** Replies to AUTH (RFC 4954): the server is fine, the configured login is not; tried again later. */
    private static final java.util.Set<Integer> LOGIN_REFUSALS = java.util.Set.of(530, 534, 535, 538);

    /** The mail server put the mail off (or could not be reached); the message says why, for the agent too. */
    static final class PutOff extends RuntimeException {
        /** No connection, or no answer in time: the server, not the mail, is the trouble. */
        final boolean unreachable;

        PutOff(String reason, boolean unreachable, Throwable cause) {
            super(reason, cause);
            this.unreachable = unreachable;
        }
    }

    /** Servers that mail waits for, as the ledger lists them (DeferredSends, every round). */
    void waitingFor(java.util.Set<String> servers) {
        unreachableServers.addAll(servers);
    }


    /** The object store: {@code tiski.notifications.storage.kind} filesystem (the default) or s3. */
    public static class Store {
        @jakarta.enterprise.inject.Produces
        @jakarta.enterprise.context.ApplicationScoped
        ObjectStore objectStore(NotificationConfig config) {
            return ObjectStoreConfig.open(config.storage(), java.nio.file.Path.of(config.storageDirectory()));
        }
    }
}
