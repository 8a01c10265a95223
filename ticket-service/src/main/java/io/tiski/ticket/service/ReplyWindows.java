package io.tiski.ticket.service;

import io.tiski.events.v1.Channel;
import io.tiski.ticket.config.TicketConfig;
import io.tiski.ticket.repository.Ticket;
import io.tiski.ticket.repository.TicketMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Meta lets a business answer on Messenger, Instagram and WhatsApp only for a while after the customer last wrote
 * (24 hours, or as configured per channel in {@code tiski.tickets.reply-window}). The ticket shows when its window
 * closes, and a reply past it is refused now, with what to do instead, rather than by the platform later.
 */
@ApplicationScoped
public class ReplyWindows {
    private final TicketConfig config;

    ReplyWindows(TicketConfig config) {
        this.config = config;
    }

    /** How long replies are possible on the channel after the customer's last message; empty: no limit. */
    public Optional<Duration> windowOf(Channel channel) {
        return config.replyWindow().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(channel.name())).map(Map.Entry::getValue).findFirst()
                .or(channel::standardReplyWindow); // keys from the environment arrive in lower case
    }

    /** When replies on the ticket's channel stop being possible; empty when the channel has no window. */
    public Optional<Instant> closesAt(Ticket ticket) {
        Channel channel = Channel.valueOf(ticket.channel).replyChannel();
        return windowOf(channel).map(window -> lastCustomerMessage(ticket, channel).map(at -> at.plus(window))
                .orElse(Instant.EPOCH));
    }

    void requireOpen(Ticket ticket, Channel channel, Instant now) {
        Optional<Duration> window = windowOf(channel);
        if (window.isEmpty()) {
            return;
        }
        Optional<Instant> last = lastCustomerMessage(ticket, channel);
        if (last.isPresent() && !now.isAfter(last.get().plus(window.get()))) {
            return;
        }
        String platform = channel.name().charAt(0) + channel.name().substring(1).toLowerCase(Locale.ROOT);
        throw new TicketConflictException(platform + " accepts replies only within " + describe(window.get())
                + " of the customer's last message" + last.map(at -> " (they last wrote at "
                + at.truncatedTo(ChronoUnit.MINUTES) + ")").orElse("") + ", so this reply cannot be sent on "
                + platform + ". " + (channel == Channel.WHATSAPP ? "Ask the customer to continue with the approved "
                + "template (POST /api/v1/tickets/" + ticket.number + "/conversation-reopenings), reply"
                : "Reply") + " by email if the customer has given an address, or add an internal note and "
                + "wait for the customer to write again.");
    }

    private static Optional<Instant> lastCustomerMessage(Ticket ticket, Channel channel) {
        return TicketMessage.<TicketMessage>find("ticketId = ?1 and direction = 'INBOUND' and channel = ?2 "
                + "order by receivedAt desc", ticket.id, channel.name()).firstResultOptional().map(m -> m.receivedAt);
    }

    private static String describe(Duration window) {
        return window.toHours() % 24 == 0 && window.toHours() > 24 ? window.toDays() + " days"
                : window.toHours() + " hours";
    }
}
