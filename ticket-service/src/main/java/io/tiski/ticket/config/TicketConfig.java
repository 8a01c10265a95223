package io.tiski.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "tiski.tickets")
public interface TicketConfig {
    /** A message for a ticket closed longer than this opens a new ticket linked to the old one. */
    @WithDefault("P14D")
    Duration closedTicketWindow();

    /** The domain of Message-IDs Tiski generates, e.g. {@code tiski.shop.example}. */
    @WithDefault("tiski.localhost")
    String messageIdDomain();

    /** Language of acknowledgements when neither the customer nor the message tells (fi, sv, en). */
    @WithDefault("en")
    String defaultLanguage();

    /** Whether new tickets from people get an automatic acknowledgement. */
    @WithDefault("true")
    boolean acknowledgementsEnabled();

    /** The support address replies come from when the inbound message did not say which inbox it reached. */
    @WithDefault("support@localhost")
    String defaultSupportAddress();

    /**
     * The channels acknowledgements are sent on (forms and phone tickets are acknowledged by email), unless the
     * ticket's brand has a list of its own.
     */
    @WithDefault("EMAIL,MESSENGER,INSTAGRAM,WHATSAPP,TELEGRAM,X")
    java.util.List<String> acknowledgementChannels();

    /** Per brand, the channels its acknowledgements are sent on, e.g. {@code brand-acknowledgement-channels.outlet=EMAIL}. */
    Map<String, java.util.List<String>> brandAcknowledgementChannels();

    /** Whether a ticket needs a contact reason before it is solved (only when the list has active reasons). */
    @WithDefault("true")
    boolean contactReasonRequiredToSolve();

    /**
     * How long after the customer's last message an agent may reply on a platform with a messaging window, by
     * channel (MESSENGER, INSTAGRAM, WHATSAPP); a channel not listed has the platform's standard window (24 hours).
     * Set MESSENGER and INSTAGRAM to P7D where the Meta app has the Human Agent permission and the connection sends
     * with the tag.
     */
    Map<String, Duration> replyWindow();

    /** Where the embedded object store keeps files (the same directory as the intake services'). */
    @WithDefault("${java.io.tmpdir}/tiski-objects")
    String storageDirectory();

    /** Where attachments are kept: the store email-ingest-service and social-ingest-service write to. */
    io.tiski.objectstore.ObjectStoreConfig storage();

    /** Largest request body of the agent API except uploads; larger ones are refused with 413 before reading. */
    @WithDefault("1M")
    io.quarkus.runtime.configuration.MemorySize maxRequestBytes();

    /** Largest file an agent may attach to a reply. */
    @WithDefault("15728640")
    long maxAttachmentBytes();

    /** An administrator's API token created on first start (TISKI_BOOTSTRAP_ADMIN_TOKEN). */
    Optional<String> bootstrapAdminToken();
}
