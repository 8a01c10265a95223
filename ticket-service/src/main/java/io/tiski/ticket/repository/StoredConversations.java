package io.tiski.ticket.repository;

import io.tiski.events.v1.Channel;
import io.tiski.ticket.domain.ConversationLookup;
import io.tiski.ticket.domain.KnownTicket;
import io.tiski.ticket.domain.TicketId;
import io.tiski.ticket.domain.TicketStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Answers the threading engine's questions from the ticket tables. */
@ApplicationScoped
public class StoredConversations implements ConversationLookup {

    @Override
    public Optional<KnownTicket> byEmailMessageId(String messageId) {
        return KnownEmailMessageId.<KnownEmailMessageId>findByIdOptional(messageId)
                .flatMap(known -> Ticket.<Ticket>findByIdOptional(known.ticketId)).map(this::known);
    }

    @Override
    public Optional<KnownTicket> byNumber(long number) {
        return Ticket.<Ticket>find("number", number).firstResultOptional().map(this::known);
    }

    @Override
    public Optional<KnownTicket> newestByConversation(Channel channel, String conversationKey) {
        return Ticket.<Ticket>find("channel = ?1 and conversationKey = ?2 order by createdAt desc", channel.name(),
                conversationKey).firstResultOptional().map(this::known);
    }

    /** A merged ticket answers as the ticket it was merged into, with the participants of both. */
    private KnownTicket known(Ticket ticket) {
        Set<String> participants = new HashSet<>();
        Ticket current = ticket;
        for (int hops = 0; hops < 20; hops++) {
            CustomerIdentity.<CustomerIdentity>find("customerId", current.customerId).list()
                    .forEach(identity -> participants.add(identity.address));
            // whoever an agent forwarded the ticket to (a warehouse, a carrier) may answer in its thread
            OutboundRequest.<OutboundRequest>find("ticketId = ?1 and kind = 'FORWARD'", current.id).list()
                    .forEach(forward -> participants.add(forward.recipient.toLowerCase(java.util.Locale.ROOT)));
            if (current.mergedInto == null) {
                break;
            }
            current = Ticket.findById(current.mergedInto);
        }
        return new KnownTicket(new TicketId(current.id), current.number, TicketStatus.valueOf(current.status),
                current.statusChangedAt, participants);
    }
}
