package io.tiski.events.v1;

import java.time.Instant;
import java.util.List;

/**
 * A customer's personal data was erased in ticket-service (an erasure request, or the retention policy): every
 * other service forgets what it holds about them too. This event necessarily names what to forget; its topic keeps
 * it only as long as the others (and consumers never store it).
 *
 * @param customerId the erased customer (ticket-service's id; stays as an anonymous key)
 * @param identities every address the customer had, per channel (email addresses, phone numbers, platform ids)
 * @param sourceMessageIds the ids the channels gave the customer's messages (email Message-IDs, platform ids)
 * @param rawMessageReferences object-store keys of stored raw messages (raw MIME) of the customer's tickets
 * @param attachmentSha256s object-store keys of the customer's files, deleted by ticket-service already
 * @param reason {@code REQUEST} or {@code RETENTION}
 */
public record CustomerErased(String eventId, Instant occurredAt, String customerId, List<Identity> identities,
        List<String> sourceMessageIds, List<String> rawMessageReferences, List<String> attachmentSha256s,
        String reason) {
    public static final String TYPE = "io.tiski.privacy.customer-erased.v1";

    /** One way the customer was reached: {@code EMAIL} and an address, {@code WHATSAPP} and a number … */
    public record Identity(String channel, String address) {
    }

    public CustomerErased {
        identities = identities == null ? List.of() : List.copyOf(identities);
        sourceMessageIds = sourceMessageIds == null ? List.of() : List.copyOf(sourceMessageIds);
        rawMessageReferences = rawMessageReferences == null ? List.of() : List.copyOf(rawMessageReferences);
        attachmentSha256s = attachmentSha256s == null ? List.of() : List.copyOf(attachmentSha256s);
    }

    /** Every address and id to forget, for services that match on text (an address in a stored payload). */
    public List<String> needles() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        identities.forEach(i -> all.add(i.address()));
        all.addAll(sourceMessageIds);
        return all.stream().filter(s -> s != null && s.length() >= 3).distinct().toList();
    }
}
