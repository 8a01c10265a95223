package io.tiski.ticket.domain;

import io.tiski.events.v1.Channel;
import java.util.List;

/**
 * What the threading engine needs to know about a customer's message.
 *
 * @param referencedMessageIds In-Reply-To first, then References newest first (email only)
 * @param ticketReferences ticket numbers written in the subject or a plus-address (email and forms)
 * @param bouncedMessageId for a bounce, the Message-ID of the mail Tiski sent that could not be delivered
 */
public record IncomingMessage(Channel channel, String senderAddress, String conversationKey,
        List<String> referencedMessageIds, List<Long> ticketReferences, String bouncedMessageId) {

    public IncomingMessage(Channel channel, String senderAddress, String conversationKey,
            List<String> referencedMessageIds, List<Long> ticketReferences) {
        this(channel, senderAddress, conversationKey, referencedMessageIds, ticketReferences, null);
    }

    public IncomingMessage {
        referencedMessageIds = referencedMessageIds == null ? List.of() : List.copyOf(referencedMessageIds);
        ticketReferences = ticketReferences == null ? List.of() : List.copyOf(ticketReferences);
        senderAddress = senderAddress == null ? "" : senderAddress.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
