package io.tiski.notification.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.tiski.events.v1.Channel;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.notification.config.NotificationConfig;
import io.tiski.notification.domain.AnswerExpectation;
import io.tiski.notification.domain.HeaderText;
import io.tiski.notification.templates.AcknowledgementView;
import io.tiski.notification.templates.Acknowledgements;
import io.tiski.notification.templates.ReplyView;
import io.tiski.notification.templates.StaffNotificationView;
import io.tiski.notification.templates.StaffNotifications;
import io.tiski.notification.templates.Replies;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Sends one requested email: rendered, threaded, marked as automatic where it is, recorded exactly once. */
@ApplicationScoped
public class EmailSender {
    private static final Logger LOG = Logger.getLogger(EmailSender.class);
    public static final String LOOP_HEADER = "X-Tiski-Loop";

    private final Mailer mailer;
    private final DeliveryLedger ledger;
    private final NotificationConfig config;
    private final MeterRegistry metrics;

    EmailSender(Mailer mailer, DeliveryLedger ledger, NotificationConfig config, MeterRegistry metrics) {
        this.mailer = mailer;
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
        DeliveryLedger.Decision decision = ledger.begin(request, request.email().messageId());
        if (!decision.send()) {
            LOG.debugf("Request %s already %s", request.eventId(), decision.delivery().status);
            return;
        }
        boolean automatic = request.kind() == OutboundKind.ACKNOWLEDGEMENT;
        Acknowledgements.RenderedMail rendered;
        if (automatic) {
            rendered = Acknowledgements.render(request.language(), config.defaultLanguage(),
                    new AcknowledgementView(request.ticketNumber(), request.recipient().displayName(),
                            HeaderText.of(request.subject(), 200), config.brandName(), request.faq(),
                            AnswerExpectation.describe(request.language() == null ? config.defaultLanguage()
                                    : request.language(), Instant.now(), request.expectedAnswerBy(),
                                    request.serviceOpensAt(), request.timeZone()).orElse(null)));
        } else if (request.kind() == OutboundKind.AGENT_REPLY) {
            if (request.textBody() == null || request.textBody().isBlank()) {
                throw new IllegalArgumentException("agent reply " + request.eventId() + " has no text");
            }
            rendered = Replies.render(request.language(), config.defaultLanguage(),
                    HeaderText.of(request.subject(), 200), new ReplyView(request.ticketNumber(),
                            request.textBody(), request.agentName(), config.brandName()));
        } else if (request.kind() == OutboundKind.NOTIFICATION) {
            if (request.textBody() == null || request.textBody().isBlank()) {
                throw new IllegalArgumentException("notification " + request.eventId() + " has no text");
            }
            rendered = StaffNotifications.render(new StaffNotificationView(request.ticketNumber(),
                    HeaderText.of(request.subject(), 200), request.textBody(), config.brandName()));
        } else {
            ledger.skipped(request, "sending " + request.kind() + " by email is not supported by this version");
            return;
        }
        Mail mail = Mail.withText(request.recipient().address(), HeaderText.of(rendered.subject(), 250),
                rendered.text()).setHtml(rendered.html());
        mail.setFrom(HeaderText.of(config.brandName(), 100).replace("\"", "") + " <" + request.email().fromAddress()
                + ">");
        mail.setReplyTo(request.email().replyToAddress());
        mail.addHeader("Message-ID", "<" + request.email().messageId() + ">");
        if (request.email().inReplyTo() != null) {
            mail.addHeader("In-Reply-To", "<" + request.email().inReplyTo() + ">");
        }
        if (!request.email().references().isEmpty()) {
            mail.addHeader("References", request.email().references().stream().map(id -> "<" + id + ">")
                    .collect(Collectors.joining(" ")));
        }
        if (request.kind() == OutboundKind.NOTIFICATION) {
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
        mailer.send(mail);
        ledger.sent(request);
        metrics.counter("tiski.notifications.sent", "kind", request.kind().name(), "channel", "EMAIL").increment();
        LOG.infof("Sent %s for ticket #%d to %s", request.kind(), request.ticketNumber(),
                request.recipient().address());
    }
}
