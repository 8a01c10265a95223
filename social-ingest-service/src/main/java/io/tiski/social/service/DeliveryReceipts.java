package io.tiski.social.service;

import io.tiski.events.v1.Channel;
import io.tiski.events.v1.DeliveryReported;
import io.tiski.events.v1.EventEnvelope;
import io.tiski.events.v1.OutboundKind;
import io.tiski.outbox.Outbox;
import io.tiski.social.domain.DeliveryReceipt;
import io.tiski.social.repository.SocialReply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns platforms' receipts into delivery states of Tiski's replies (sent → delivered → read, or failed) and
 * reports each change to the ticket service. A receipt that would move a reply backwards (a late "delivered" after
 * "read") changes nothing.
 */
@ApplicationScoped
public class DeliveryReceipts {
    private static final Map<String, Integer> RANK = Map.of("SENDING", 0, "SENT", 1, "DELIVERED", 2, "READ", 3);
    private final Outbox outbox;

    DeliveryReceipts(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<DeliveryReceipt> receipts) {
        for (DeliveryReceipt receipt : receipts) {
            if (receipt.providerMessageId() != null) {
                SocialReply.<SocialReply>find("providerMessageId", receipt.providerMessageId()).firstResultOptional()
                        .ifPresent(reply -> advance(reply, receipt.status(), receipt.at(), receipt.reason()));
            } else {
                List<SocialReply> covered = SocialReply.list("conversationKey = ?1 and status in ('SENT', 'DELIVERED')"
                        + " and createdAt <= ?2", receipt.conversationKey(), receipt.at());
                covered.forEach(reply -> advance(reply, receipt.status(), receipt.at(), null));
            }
        }
    }

    /** Moves a reply to a later state and reports it; nothing when the state is not later. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(SocialReply reply, String status, Instant at, String reason) {
        boolean failed = "FAILED".equals(status);
        if ("FAILED".equals(reply.status)
                || (!failed && RANK.getOrDefault(status, -1) <= RANK.getOrDefault(reply.status, -1))) {
            return;
        }
        reply.status = status;
        reply.reason = reason;
        reply.updatedAt = at;
        report(reply, at);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void report(SocialReply reply, Instant at) {
        outbox.append(EventEnvelope.of(new DeliveryReported(UUID.randomUUID().toString(), at, reply.requestId,
                reply.ticketId, reply.ticketNumber, Channel.valueOf(reply.channel), reply.conversationKey,
                OutboundKind.valueOf(reply.kind), reply.status, reply.providerMessageId, reply.reason),
                SocialIntake.SOURCE));
    }
}
