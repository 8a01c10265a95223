package io.tiski.ticket.domain;

import io.tiski.events.v1.Channel;
import io.tiski.events.v1.SenderClassification;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a new ticket gets an automatic acknowledgement. Only a message a person wrote does: never an
 * auto-reply, bounce, list mail or Tiski's own mail, and never to an address that cannot read it.
 * The per-recipient budget that stops loops with misbehaving peers is enforced where mail is sent.
 */
public final class AcknowledgementPolicy {
    private static final Pattern MACHINE_SENDER = Pattern.compile(
            "^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon|postmaster|bounces?|.*-request|owner-.*)(\\+.*)?@.*");

    private final boolean enabled;
    private final Set<Channel> channels;

    /** Acknowledgements on every channel, when enabled. */
    public AcknowledgementPolicy(boolean enabled) {
        this(enabled, EnumSet.allOf(Channel.class));
    }

    /** Acknowledgements only for tickets that arrive on {@code channels} (a brand's choice). */
    public AcknowledgementPolicy(boolean enabled, Set<Channel> channels) {
        this.enabled = enabled;
        this.channels = channels.isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(channels);
    }

    /**
     * @param note a reaction or sticker on a social platform: something the customer did, not wrote
     * @return empty when an acknowledgement should be sent, else the reason it is not
     */
    public Optional<String> reasonNotToAcknowledge(Channel channel, SenderClassification classification,
            String senderAddress, boolean note) {
        if (enabled && channel != null && !channels.contains(channel)) {
            return Optional.of("acknowledgements are not sent on " + channel + " for this brand");
        }
        if (enabled && note) {
            return Optional.of("the message is a reaction or sticker");
        }
        return reasonNotToAcknowledge(classification, senderAddress);
    }

    /** @return empty when an acknowledgement should be sent, else the reason it is not */
    public Optional<String> reasonNotToAcknowledge(SenderClassification classification, String senderAddress) {
        if (!enabled) {
            return Optional.of("acknowledgements are switched off");
        }
        if (classification != null && !classification.mayBeAcknowledged()) {
            return Optional.of("the message is " + classification.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (senderAddress == null || senderAddress.isBlank()) {
            return Optional.of("the message has no sender address");
        }
        if (MACHINE_SENDER.matcher(senderAddress.toLowerCase(Locale.ROOT)).matches()) {
            return Optional.of(senderAddress + " is a machine address that does not read replies");
        }
        return Optional.empty();
    }
}
