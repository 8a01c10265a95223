package io.tiski.social.domain;

import io.tiski.events.v1.Channel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What a platform lets Tiski send in a conversation now: Meta's 24-hour window after the customer's last message,
 * and on Messenger and Instagram the HUMAN_AGENT tag for up to 7 days, if the app has that permission.
 */
public final class ReplyWindow {
    static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ReplyWindow() {
    }

    /** How to send, or why not. */
    public record Decision(boolean allowed, boolean humanAgentTag, String reason) {
        static Decision standard() {
            return new Decision(true, false, null);
        }
    }

    public static Decision decide(Channel channel, Optional<Instant> lastCustomerMessage, Instant now,
            boolean humanAgentTagAllowed) {
        Optional<Duration> window = channel.standardReplyWindow();
        if (window.isEmpty()) {
            return Decision.standard();
        }
        if (lastCustomerMessage.isEmpty()) {
            return new Decision(false, false, platformName(channel) + " lets a business write only to a customer "
                    + "who has written to it; this customer has not written on " + platformName(channel) + ".");
        }
        Instant last = lastCustomerMessage.get();
        if (!now.isAfter(last.plus(window.get()))) {
            return Decision.standard();
        }
        boolean tagPlatform = channel == Channel.MESSENGER || channel == Channel.INSTAGRAM;
        if (tagPlatform && humanAgentTagAllowed && !now.isAfter(last.plus(HUMAN_AGENT_WINDOW))) {
            return new Decision(true, true, null);
        }
        String alternatives = channel == Channel.WHATSAPP
                ? "Only an approved message template can reopen the conversation; reply by email if the customer "
                        + "has an address, or wait for the customer to write again."
                : "Reply by email if the customer has an address, or wait for the customer to write again"
                        + (tagPlatform && !humanAgentTagAllowed ? " (with Meta's Human Agent permission, replies "
                                + "are possible for 7 days: tiski.social.meta.<connection>.human-agent-tag)" : "")
                        + ".";
        return new Decision(false, false, "Outside " + platformName(channel) + "'s "
                + (tagPlatform && humanAgentTagAllowed ? "7-day human agent" : "24-hour") + " window: the customer "
                + "last wrote at " + SHOWN.format(last) + ". " + alternatives);
    }

    static String platformName(Channel channel) {
        return switch (channel) {
            case MESSENGER -> "Messenger";
            case INSTAGRAM -> "Instagram";
            case WHATSAPP -> "WhatsApp";
            case TELEGRAM -> "Telegram";
            case X -> "X";
            default -> channel.name();
        };
    }
}
