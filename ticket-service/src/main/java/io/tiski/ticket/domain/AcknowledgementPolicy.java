package io.tiski.ticket.domain;

import io.tiski.events.v1.SenderClassification;
import java.util.Locale;
import java.util.Optional;
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

    public AcknowledgementPolicy(boolean enabled) {
        this.enabled = enabled;
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
