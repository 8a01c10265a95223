package io.tiski.events.v1;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A customer's message as an ingest service received it, on any channel. Kafka key: {@link #conversationKey()}.
 *
 * @param eventId unique id of this event (also the CloudEvents id)
 * @param occurredAt when the channel received the message
 * @param channel where it came from
 * @param sourceMessageId the channel's own id of the message (email: Message-ID; forms: submission id)
 * @param conversationKey what keeps one conversation together and in order on the topic
 * @param inboxAddress the support address or account that received it
 * @param from who wrote it
 * @param to the direct recipients (email)
 * @param cc the copied recipients (email)
 * @param subject the subject as written
 * @param textBody the plain text of the message
 * @param newText the part the customer wrote new (quoted history and signature removed), or the whole text
 * @param htmlBody the sanitised HTML, if the message had any
 * @param language an ISO 639-1 hint (fi, sv, en) if the channel or the form told, else null
 * @param classification what kind of sender this is; only a PERSON is acknowledged
 * @param email the email threading hints, null for other channels
 * @param attachments references to attachments in the object store
 * @param rawMessageReference sha256 of the raw original in the object store, if kept
 * @param formFields structured fields of a form (order number, reason, …)
 * @param brand the shop brand the receiving inbox belongs to, if configured
 * @param team the team the receiving inbox routes to, if configured
 */
public record InboundMessageReceived(String eventId, Instant occurredAt, Channel channel, String sourceMessageId,
        String conversationKey, String inboxAddress, Participant from, List<Participant> to, List<Participant> cc,
        String subject, String textBody, String newText, String htmlBody, String language,
        SenderClassification classification, EmailHeaders email, List<AttachmentReference> attachments,
        String rawMessageReference, Map<String, String> formFields, String brand, String team) {

    public static final String TYPE = "io.tiski.inbound.message-received.v1";

    public InboundMessageReceived {
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        formFields = formFields == null ? Map.of() : Map.copyOf(formFields);
    }

    /** An inbound message of an inbox without brand or team. */
    public InboundMessageReceived(String eventId, Instant occurredAt, Channel channel, String sourceMessageId,
            String conversationKey, String inboxAddress, Participant from, List<Participant> to, List<Participant> cc,
            String subject, String textBody, String newText, String htmlBody, String language,
            SenderClassification classification, EmailHeaders email, List<AttachmentReference> attachments,
            String rawMessageReference, Map<String, String> formFields) {
        this(eventId, occurredAt, channel, sourceMessageId, conversationKey, inboxAddress, from, to, cc, subject,
                textBody, newText, htmlBody, language, classification, email, attachments, rawMessageReference,
                formFields, null, null);
    }
}
