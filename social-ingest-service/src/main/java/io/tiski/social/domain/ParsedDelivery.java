package io.tiski.social.domain;

import java.util.List;

/** What one webhook request carried: customers' messages, receipts for Tiski's own, and how much was not for Tiski. */
public record ParsedDelivery(List<SocialMessage> messages, List<DeliveryReceipt> receipts, int ignored) {
    public ParsedDelivery {
        messages = List.copyOf(messages);
        receipts = List.copyOf(receipts);
    }
}
