package io.tiski.ticket.domain;

import io.tiski.events.v1.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides which ticket a customer's message belongs to. Rules, in order:
 * <ol>
 * <li>a bounce: the ticket of the mail that could not be delivered;</li>
 * <li>email: In-Reply-To, then References, against every Message-ID Tiski received or sent;</li>
 * <li>email and forms: a ticket number in the subject or a plus-address;</li>
 * <li>social channels: the platform's conversation;</li>
 * <li>otherwise a new ticket. Never by subject alone.</li>
 * </ol>
 * A reference is only followed when the sender belongs to the ticket, so a stranger cannot write into someone
 * else's conversation by copying its number. A ticket closed longer than {@code reopenWindow} is not reopened: the
 * message opens a new ticket linked to it.
 */
public final class ThreadingEngine {
    private final ConversationLookup lookup;
    private final Duration closedTicketWindow;
    private final Clock clock;

    public ThreadingEngine(ConversationLookup lookup, Duration closedTicketWindow, Clock clock) {
        this.lookup = lookup;
        this.closedTicketWindow = closedTicketWindow;
        this.clock = clock;
    }

    public ThreadingDecision decide(IncomingMessage message) {
        String refusal = null;
        if (message.bouncedMessageId() != null) {
            // a bounce comes from a mail system, not a participant: it belongs to the ticket whose mail failed
            Optional<KnownTicket> ticket = lookup.byEmailMessageId(message.bouncedMessageId());
            if (ticket.isPresent()) {
                return ThreadingDecision.join(ticket.get(), "Bounce of message <" + message.bouncedMessageId()
                        + "> sent for ticket #" + ticket.get().number());
            }
        }
        if (message.channel() == Channel.EMAIL) {
            for (String id : message.referencedMessageIds()) {
                Optional<KnownTicket> ticket = lookup.byEmailMessageId(id);
                if (ticket.isPresent()) {
                    if (ticket.get().hasParticipant(message.senderAddress())) {
                        return followUp(ticket.get(), "Message-ID <" + id + "> in In-Reply-To/References matched "
                                + "ticket #" + ticket.get().number());
                    }
                    refusal = "Message-ID <" + id + "> belongs to ticket #" + ticket.get().number() + ", but "
                            + message.senderAddress() + " is not a participant of it";
                }
            }
        }
        if (message.channel() == Channel.EMAIL || message.channel() == Channel.CONTACT_FORM
                || message.channel() == Channel.RETURN_FORM) {
            for (Long number : message.ticketReferences()) {
                Optional<KnownTicket> ticket = lookup.byNumber(number);
                if (ticket.isPresent()) {
                    if (ticket.get().hasParticipant(message.senderAddress())) {
                        return followUp(ticket.get(), "Ticket reference #" + number + " from its participant "
                                + message.senderAddress());
                    }
                    refusal = "Ticket reference #" + number + " ignored: " + message.senderAddress()
                            + " is not a participant of that ticket";
                }
            }
        }
        if (isSocial(message.channel()) && message.conversationKey() != null) {
            Optional<KnownTicket> ticket = lookup.newestByConversation(message.channel(), message.conversationKey());
            if (ticket.isPresent()) {
                return followUp(ticket.get(), message.channel() + " conversation " + message.conversationKey()
                        + " belongs to ticket #" + ticket.get().number());
            }
        }
        if (refusal != null) {
            return ThreadingDecision.newTicket(refusal + ": new ticket");
        }
        return ThreadingDecision.newTicket(switch (message.channel()) {
            case CONTACT_FORM, RETURN_FORM -> "A form submission without a ticket reference of this customer: new ticket";
            case EMAIL -> "No known Message-ID, reply address or ticket reference: new ticket";
            default -> "First message of this " + message.channel() + " conversation: new ticket";
        });
    }

    private ThreadingDecision followUp(KnownTicket ticket, String why) {
        if (ticket.status() == TicketStatus.CLOSED) {
            Instant limit = ticket.statusChangedAt().plus(closedTicketWindow);
            if (Instant.now(clock).isAfter(limit)) {
                return ThreadingDecision.newTicketAfterClosed(ticket, why + ", closed since "
                        + ticket.statusChangedAt() + " (longer than " + closedTicketWindow
                        + "): new ticket linked to #" + ticket.number());
            }
        }
        return ThreadingDecision.join(ticket, why);
    }

    static boolean isSocial(Channel channel) {
        return switch (channel) {
            case MESSENGER, INSTAGRAM, WHATSAPP, TELEGRAM, X -> true;
            default -> false;
        };
    }
}
