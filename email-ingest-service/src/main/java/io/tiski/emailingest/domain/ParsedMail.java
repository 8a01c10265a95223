package io.tiski.emailingest.domain;

import io.tiski.events.v1.Participant;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An email as Tiski understands it: who, what, the threading hints, and the text parts. */
public record ParsedMail(String messageId, Participant from, List<Participant> to, List<Participant> cc,
        String subject, Instant sentAt, List<String> inReplyTo, List<String> references, String textBody,
        String htmlBody, List<AttachmentPart> attachments, Map<String, List<String>> headers, String contentType) {

    /**
     * An attachment: its bytes when they were within the parser's limit, else null (the size says how large it
     * was).
     */
    public record AttachmentPart(String fileName, String mediaType, long size, String contentId, boolean inline,
            byte[] content) {
    }

    public List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
    }

    public String firstHeader(String name) {
        List<String> values = header(name);
        return values.isEmpty() ? null : values.get(0);
    }
}
