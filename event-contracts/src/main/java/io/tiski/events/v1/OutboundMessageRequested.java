package io.tiski.events.v1;

import java.time.Instant;
import java.util.List;

/**
 * Ticket-service asks for a message to be sent to a customer. Kafka key: the ticket id.
 * The {@code eventId} is also the request id: the notification service sends each request once in effect.
 *
 * @param kind acknowledgement, agent reply, survey, notification
 * @param recipient who receives it on {@code channel}
 * @param language fi, sv or en: the language to render in
 * @param subject for an acknowledgement the customer's original subject; for a reply the subject to send
 * @param textBody the agent's text for a reply; null for an acknowledgement (rendered from templates)
 * @param expectedAnswerBy when a human answer can be expected, if known
 * @param email threading for the email channel, null for other channels
 * @param faq for an acknowledgement, answers to the questions most people in the customer's situation ask
 * @param serviceOpensAt for an acknowledgement sent while the team is closed: when it is next open
 * @param timeZone the team's time zone, for telling the customer times in their local terms
 * @param actionUrl for a survey: the signed link the customer rates with ({@code ?rating=good} or {@code bad}
 *     appended); null otherwise
 * @param returnConfirmation for the acknowledgement of a return or complaint: the steps, deadline, cost and
 *     address the shop's policy gives; for the survey of a return: the return it asks about; null otherwise
 * @param brand the shop brand the ticket belongs to, for the sender's name, signature and mail settings; null for
 *     the default brand
 */
public record OutboundMessageRequested(String eventId, Instant occurredAt, String ticketId, long ticketNumber,
        Channel channel, String conversationKey, OutboundKind kind, Participant recipient, String language,
        String subject, String textBody, Instant expectedAnswerBy, String agentName, OutboundEmail email,
        List<AttachmentReference> attachments, List<FaqAnswer> faq, Instant serviceOpensAt, String timeZone,
        String actionUrl, ReturnConfirmation returnConfirmation, String brand) {
    public static final String TYPE = "io.tiski.outbound.message-requested.v1";

    public OutboundMessageRequested {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        faq = faq == null ? List.of() : List.copyOf(faq);
    }

    /** A request of the default brand. */
    public OutboundMessageRequested(String eventId, Instant occurredAt, String ticketId, long ticketNumber,
            Channel channel, String conversationKey, OutboundKind kind, Participant recipient, String language,
            String subject, String textBody, Instant expectedAnswerBy, String agentName, OutboundEmail email,
            List<AttachmentReference> attachments, List<FaqAnswer> faq, Instant serviceOpensAt, String timeZone,
            String actionUrl, ReturnConfirmation returnConfirmation) {
        this(eventId, occurredAt, ticketId, ticketNumber, channel, conversationKey, kind, recipient, language, subject,
                textBody, expectedAnswerBy, agentName, email, attachments, faq, serviceOpensAt, timeZone, actionUrl,
                returnConfirmation, null);
    }

    /** The same request for the ticket's brand. */
    public OutboundMessageRequested withBrand(String ticketBrand) {
        return new OutboundMessageRequested(eventId, occurredAt, ticketId, ticketNumber, channel, conversationKey,
                kind, recipient, language, subject, textBody, expectedAnswerBy, agentName, email, attachments, faq,
                serviceOpensAt, timeZone, actionUrl, returnConfirmation, ticketBrand);
    }

    /** A request without a return confirmation. */
    public OutboundMessageRequested(String eventId, Instant occurredAt, String ticketId, long ticketNumber,
            Channel channel, String conversationKey, OutboundKind kind, Participant recipient, String language,
            String subject, String textBody, Instant expectedAnswerBy, String agentName, OutboundEmail email,
            List<AttachmentReference> attachments, List<FaqAnswer> faq, Instant serviceOpensAt, String timeZone,
            String actionUrl) {
        this(eventId, occurredAt, ticketId, ticketNumber, channel, conversationKey, kind, recipient, language, subject,
                textBody, expectedAnswerBy, agentName, email, attachments, faq, serviceOpensAt, timeZone, actionUrl,
                null, null);
    }

    /** A request without an action link. */
    public OutboundMessageRequested(String eventId, Instant occurredAt, String ticketId, long ticketNumber,
            Channel channel, String conversationKey, OutboundKind kind, Participant recipient, String language,
            String subject, String textBody, Instant expectedAnswerBy, String agentName, OutboundEmail email,
            List<AttachmentReference> attachments, List<FaqAnswer> faq, Instant serviceOpensAt, String timeZone) {
        this(eventId, occurredAt, ticketId, ticketNumber, channel, conversationKey, kind, recipient, language, subject,
                textBody, expectedAnswerBy, agentName, email, attachments, faq, serviceOpensAt, timeZone, null, null,
                null);
    }

    /** A request without opening-hours information. */
    public OutboundMessageRequested(String eventId, Instant occurredAt, String ticketId, long ticketNumber,
            Channel channel, String conversationKey, OutboundKind kind, Participant recipient, String language,
            String subject, String textBody, Instant expectedAnswerBy, String agentName, OutboundEmail email,
            List<AttachmentReference> attachments, List<FaqAnswer> faq) {
        this(eventId, occurredAt, ticketId, ticketNumber, channel, conversationKey, kind, recipient, language, subject,
                textBody, expectedAnswerBy, agentName, email, attachments, faq, null, null, null, null, null);
    }

    /** A request without FAQ answers. */
    public OutboundMessageRequested(String eventId, Instant occurredAt, String ticketId, long ticketNumber,
            Channel channel, String conversationKey, OutboundKind kind, Participant recipient, String language,
            String subject, String textBody, Instant expectedAnswerBy, String agentName, OutboundEmail email,
            List<AttachmentReference> attachments) {
        this(eventId, occurredAt, ticketId, ticketNumber, channel, conversationKey, kind, recipient, language, subject,
                textBody, expectedAnswerBy, agentName, email, attachments, null, null, null, null, null, null);
    }
}
