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
 */
public record EmailHeaders(String messageId, List<String> inReplyTo, List<String> references,
        String subjectTicketReference, String plusAddressTicketReference, String normalisedSubject,
        String autoSubmitted) {
    public EmailHeaders {
        inReplyTo = inReplyTo == null ? List.of() : List.copyOf(inReplyTo);
        references = references == null ? List.of() : List.copyOf(references);
    }
}
