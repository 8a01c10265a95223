package io.tiski.events.v1;

import java.util.List;

/**
 * The threading hints of an email, extracted by the ingest service.
 *
 * @param messageId the Message-ID without angle brackets
 * @param inReplyTo every id in In-Reply-To, without angle brackets
 * @param references every id in References, oldest first, without angle brackets
 * @param subjectTicketReference the ticket number written in the subject ({@code [#12345]}), if any
 * @param plusAddressTicketReference the ticket number of a plus-address recipient ({@code support+12345@…}), if any
 * @param normalisedSubject the subject without reply and forward prefixes (Re:, Fwd:, VS:, SV:, AW: …)
 * @param autoSubmitted the raw Auto-Submitted header, if any
 * @param bounce for a bounce or delivery status notification: which sent message failed, and why
 */
public record EmailHeaders(String messageId, List<String> inReplyTo, List<String> references,
        String subjectTicketReference, String plusAddressTicketReference, String normalisedSubject,
        String autoSubmitted, Bounce bounce) {
    public EmailHeaders {
        inReplyTo = inReplyTo == null ? List.of() : List.copyOf(inReplyTo);
        references = references == null ? List.of() : List.copyOf(references);
    }

    public EmailHeaders(String messageId, List<String> inReplyTo, List<String> references,
            String subjectTicketReference, String plusAddressTicketReference, String normalisedSubject,
            String autoSubmitted) {
        this(messageId, inReplyTo, references, subjectTicketReference, plusAddressTicketReference,
                normalisedSubject, autoSubmitted, null);
    }

    /**
     * What a bounce says about a message that could not be delivered.
     *
     * @param originalMessageId the Message-ID of the mail that failed (without angle brackets), if the report names it
     * @param failedRecipients the addresses it could not reach
     * @param status the enhanced status code (RFC 3463), e.g. 5.1.1
     * @param diagnostic the receiving server's explanation
     */
    public record Bounce(String originalMessageId, List<String> failedRecipients, String status,
            String diagnostic) {
        public Bounce {
            failedRecipients = failedRecipients == null ? List.of() : List.copyOf(failedRecipients);
        }

        public boolean permanent() {
            return status == null || status.startsWith("5");
        }
    }
}
