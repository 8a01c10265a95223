package io.tiski.social.domain;

import java.time.Instant;

/**
 * A platform saying what became of a message Tiski sent.
 *
 * @param providerMessageId the platform's id of the sent message, or null for a watermark receipt
 * @param conversationKey for a watermark receipt: the conversation whose messages up to {@code at} it covers
 * @param status DELIVERED, READ or FAILED
 */
public record DeliveryReceipt(String providerMessageId, String conversationKey, String status, Instant at,
        String reason) {

    public static DeliveryReceipt of(String providerMessageId, String status, Instant at, String reason) {
        return new DeliveryReceipt(providerMessageId, null, status, at, reason);
    }

    /** Messenger's kind: everything sent in the conversation before {@code upTo} was delivered or read. */
    public static DeliveryReceipt watermark(String conversationKey, String status, Instant upTo) {
        return new DeliveryReceipt(null, conversationKey, status, upTo, null);
    }
}
