package io.tiski.ticket.domain;

import io.tiski.events.v1.Channel;
import java.util.Optional;

/** The threading engine's view of stored tickets; implemented by the repositories. */
public interface ConversationLookup {
    /** The ticket an email Message-ID belongs to, received or sent by Tiski. */
    Optional<KnownTicket> byEmailMessageId(String messageId);

    Optional<KnownTicket> byNumber(long number);

    /** The newest ticket of a platform conversation (social channels). */
    Optional<KnownTicket> newestByConversation(Channel channel, String conversationKey);
}
