package io.tiski.social.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.tiski.events.v1.AttachmentReference;
import io.tiski.events.v1.OutboundKind;
import io.tiski.events.v1.OutboundMessageRequested;
import io.tiski.objectstore.ObjectStore;
import io.tiski.social.config.SocialConfig;
import io.tiski.social.domain.MediaLinks;
import io.tiski.social.domain.ReplyText;
import io.tiski.social.domain.ReplyWindow;
import io.tiski.social.platform.MetaApi;
import io.tiski.social.platform.PlatformRefusedException;
import io.tiski.social.platform.PlatformUnavailableException;
import io.tiski.social.platform.TelegramApi;
import io.tiski.social.platform.XApi;
import io.tiski.social.repository.SocialConversation;
import io.tiski.social.repository.SocialReply;
import io.tiski.social.templates.SocialAcknowledgements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Sends agents' replies and acknowledgements on the customer's platform. Each request is recorded before the
 * platform is called and once more with the platform's message id after, so a redelivered request is not sent
 * again; what the platform's rules forbid (the 24-hour window) is refused with a reason the agent sees, and a
 * platform that is down or rate limiting is retried with backoff by the consumer.
 */
@ApplicationScoped
public class ReplySender {
    private static final Logger LOG = Logger.getLogger(ReplySender.class);
    private final ReplyLedger ledger;
    private final Connections connections;
    private final TelegramApi telegram;
    private final MetaApi meta;
    private final XApi x;
    private final MeterRegistry metrics;
    private final SocialConfig config;
    private final ObjectStore objects;

    ReplySender(ReplyLedger ledger, Connections connections, TelegramApi telegram, MetaApi meta, XApi x,
            MeterRegistry metrics, SocialConfig config, ObjectStore objects) {
        this.config = config;
        this.objects = objects;
        this.ledger = ledger;
        this.connections = connections;
        this.telegram = telegram;
        this.meta = meta;
        this.x = x;
        this.metrics = metrics;
    }

    public void handle(OutboundMessageRequested request) {
        if (!request.channel().isSocial()) {
            return; // email leaves through notification-service
        }
        if (request.kind() != OutboundKind.AGENT_REPLY && request.kind() != OutboundKind.ACKNOWLEDGEMENT
                && request.kind() != OutboundKind.CONVERSATION_REOPENING) {
            return; // surveys and staff notifications go by email
        }
        Optional<ReplyLedger.Claim> claim = ledger.claim(request);
        if (claim.isEmpty()) {
            return; // sent, refused or failed before: a redelivery
        }
        String connection = Connections.connectionOf(request.conversationKey());
        String platform = platformOf(request);
        SocialConversation conversation = claim.get().conversation();
        if (conversation == null) {
            ledger.fail(request, "Tiski has no " + platform + " conversation " + request.conversationKey()
                    + " to answer in", connection, platform);
            return;
        }
        if (request.kind() == OutboundKind.CONVERSATION_REOPENING) {
            reopen(request, connection, platform, conversation);
            return;
        }
        boolean humanAgentTag = connections.meta(connection).map(SocialConfig.MetaAccount::humanAgentTag)
                .orElse(false);
        ReplyWindow.Decision decision = ReplyWindow.decide(request.channel(),
                Optional.ofNullable(conversation.lastCustomerMessageAt), Instant.now(), humanAgentTag);
        if (!decision.allowed()) {
            ledger.fail(request, decision.reason(), connection, platform);
            metrics.counter("tiski.social.replies", "platform", platform, "result", "outside_window").increment();
            return;
        }
        String text = request.kind() == OutboundKind.ACKNOWLEDGEMENT && request.textBody() == null
                ? SocialAcknowledgements.render(request) : request.textBody();
        List<String> parts = ReplyText.split(text, ReplyText.limitOf(request.channel()));
        List<AttachmentReference> files = request.attachments().stream().filter(a -> a.sha256() != null).toList();
        if (parts.isEmpty() && files.isEmpty()) {
            ledger.fail(request, "the reply has no text", connection, platform);
            return;
        }
        String providerId = null;
        try {
            for (String part : parts) {
                providerId = send(request, connection, conversation.recipientId, part, decision.humanAgentTag());
            }
            for (AttachmentReference file : files) {
                providerId = sendFile(request, connection, conversation.recipientId, file, decision.humanAgentTag());
            }
        } catch (PlatformRefusedException e) {
            ledger.fail(request, e.getMessage(), connection, platform);
            metrics.counter("tiski.social.replies", "platform", platform, "result", "refused").increment();
            return;
        } catch (PlatformUnavailableException e) {
            ledger.unavailable(connection, platform, e.getMessage());
            metrics.counter("tiski.social.replies", "platform", platform, "result", "retried").increment();
            LOG.infof("Reply %s on %s not sent yet: %s", request.eventId(), connection, e.getMessage());
            throw e;
        }
        ledger.sent(request, providerId, connection, platform);
        metrics.counter("tiski.social.replies", "platform", platform, "result", "sent").increment();
    }

    private String send(OutboundMessageRequested request, String connection, String recipientId, String text,
            boolean humanAgentTag) {
        return switch (request.channel()) {
            case TELEGRAM -> telegram.send(connections.telegram(connection).orElseThrow(() -> gone(connection)),
                    recipientId, text);
            case MESSENGER, INSTAGRAM, WHATSAPP -> meta.send(connections.meta(connection)
                    .orElseThrow(() -> gone(connection)), recipientId, text, humanAgentTag);
            case X -> x.send(connections.x(connection).orElseThrow(() -> gone(connection)), recipientId, text);
            default -> throw new IllegalArgumentException("not a social channel: " + request.channel());
        };
    }

    /** WhatsApp's approved template, the one message allowed after the window: no window check. */
    private void reopen(OutboundMessageRequested request, String connection, String platform,
            SocialConversation conversation) {
        Optional<SocialConfig.MetaAccount> account = connections.meta(connection)
                .filter(a -> "whatsapp".equals(a.platform()));
        Optional<String> template = account.flatMap(SocialConfig.MetaAccount::reopenTemplate)
                .filter(t -> !t.isBlank());
        if (template.isEmpty()) {
            ledger.fail(request, "no approved template is configured to reopen WhatsApp conversations "
                    + "(tiski.social.meta." + connection + ".reopen-template)", connection, platform);
            return;
        }
        String name = request.recipient() == null || request.recipient().displayName() == null ? ""
                : request.recipient().displayName().strip().split("\\s+")[0];
        try {
            String id = meta.sendTemplate(account.get(), conversation.recipientId, template.get(),
                    account.get().reopenTemplateLanguage(), List.of(name.isEmpty() ? "-" : name,
                            "#" + request.ticketNumber()));
            ledger.sent(request, id, connection, platform);
            metrics.counter("tiski.social.replies", "platform", platform, "result", "sent").increment();
        } catch (PlatformRefusedException e) {
            ledger.fail(request, e.getMessage(), connection, platform);
        } catch (PlatformUnavailableException e) {
            ledger.unavailable(connection, platform, e.getMessage());
            throw e;
        }
    }

    private String sendFile(OutboundMessageRequested request, String connection, String recipientId,
            AttachmentReference file, boolean humanAgentTag) {
        if (request.channel() == io.tiski.events.v1.Channel.X) {
            byte[] content = objects.read(file.sha256()).orElseThrow(() ->
                    new PlatformUnavailableException("the file " + file.fileName() + " is not in the object store "
                            + "yet", null, null));
            return x.sendFile(connections.x(connection).orElseThrow(() -> gone(connection)), recipientId, content,
                    file.mediaType(), file.fileName());
        }
        String base = config.publicBaseUrl().filter(u -> !u.isBlank()).orElseThrow(() ->
                new PlatformRefusedException("files cannot be sent on " + request.channel() + " until "
                        + "tiski.social.public-base-url (the address the platforms fetch them from) is set"));
        String secret = config.mediaLinkSecret().filter(u -> !u.isBlank()).orElseThrow(() ->
                new PlatformRefusedException("files cannot be sent until tiski.social.media-link-secret is set"));
        String url = MediaLinks.link(base, secret, file.sha256(), file.fileName(), Instant.now().plus(
                config.mediaLinkLifetime()));
        return switch (request.channel()) {
            case TELEGRAM -> telegram.sendFile(connections.telegram(connection).orElseThrow(() -> gone(connection)),
                    recipientId, url, file.mediaType());
            case MESSENGER, INSTAGRAM, WHATSAPP -> meta.sendFile(connections.meta(connection)
                    .orElseThrow(() -> gone(connection)), recipientId, url, file.mediaType(), file.fileName(),
                    humanAgentTag);
            default -> throw new IllegalArgumentException("not a social channel: " + request.channel());
        };
    }


    private static PlatformRefusedException gone(String connection) {
        return new PlatformRefusedException("the connection " + connection + " is no longer configured");
    }

    static String platformOf(OutboundMessageRequested request) {
        return request.conversationKey() == null ? request.channel().name().toLowerCase(java.util.Locale.ROOT)
                : request.conversationKey().split(":", 2)[0];
    }

    /** The reply's rows, each change in a transaction of its own around the platform call. */
    @ApplicationScoped
    public static class ReplyLedger {
        private final DeliveryReceipts receipts;
        private final ConnectionHealthLog health;

        ReplyLedger(DeliveryReceipts receipts, ConnectionHealthLog health) {
            this.receipts = receipts;
            this.health = health;
        }

        /** A request to send now, with its conversation. */
        public record Claim(SocialConversation conversation) {
        }

        @Transactional
        public Optional<Claim> claim(OutboundMessageRequested request) {
            SocialReply reply = SocialReply.findById(request.eventId());
            if (reply != null && !"SENDING".equals(reply.status)) {
                return Optional.empty();
            }
            if (reply == null) {
                Instant now = Instant.now();
                reply = new SocialReply();
                reply.requestId = request.eventId();
                reply.ticketId = request.ticketId();
                reply.ticketNumber = request.ticketNumber();
                reply.channel = request.channel().name();
                reply.conversationKey = request.conversationKey();
                reply.kind = request.kind().name();
                reply.status = "SENDING";
                reply.createdAt = now;
                reply.updatedAt = now;
                reply.persist();
            }
            SocialConversation conversation = request.conversationKey() == null ? null
                    : SocialConversation.findById(request.conversationKey());
            return Optional.of(new Claim(conversation));
        }

        @Transactional
        public void sent(OutboundMessageRequested request, String providerMessageId, String connection,
                String platform) {
            SocialReply reply = SocialReply.findById(request.eventId());
            Instant now = Instant.now();
            reply.providerMessageId = providerMessageId;
            receipts.advance(reply, "SENT", now, null);
            health.sent(connection, platform, now);
        }

        @Transactional
        public void fail(OutboundMessageRequested request, String reason, String connection, String platform) {
            SocialReply reply = SocialReply.findById(request.eventId());
            Instant now = Instant.now();
            receipts.advance(reply, "FAILED", now, reason);
            health.failed(connection, platform, "a reply was not sent: " + reason, now);
        }

        @Transactional
        public void unavailable(String connection, String platform, String error) {
            health.failed(connection, platform, error, Instant.now());
        }
    }
}
