package io.tiski.ticket.rest;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The API's representations of tickets; mapped from the stored entities, which never leave the service. */
public final class TicketViews {

    @Schema(description = "Who wrote to the shop")
    public record CustomerView(String id, String name, String address) {
    }

    @Schema(description = "A ticket as the inbox lists it")
    public record TicketSummary(String id, long number, String subject, String channel, String status,
            String priority, String type, CustomerView customer, String assignee, String team, Instant createdAt,
            Instant lastMessageAt,
            @Schema(description = "The most urgent open SLA clock: BREACHED, RUNNING or PAUSED; null without one")
            String slaState,
            @Schema(description = "When that clock is due") Instant slaDueAt,
            @Schema(description = "The ticket's tags, sorted", examples = "[\"damaged\", \"vip\"]") List<String> tags,
            @Schema(description = "The contact reason's code, if one is set") String contactReason,
            @Schema(description = "The start of the latest message to or from the customer") String snippet) {
    }

    @Schema(description = "One page of tickets in the requested order; pass nextCursor as ?cursor= for the next page")
    public record TicketPage(List<TicketSummary> items, String nextCursor) {
    }

    @Schema(description = "A message of the conversation")
    public record MessageView(String id, String direction, String kind, String channel, String sourceMessageId,
            String authorAddress, String authorName, String subject, String text, String newText, String language,
            String classification, String threadingReason, String agentName, Instant receivedAt,
            @Schema(description = "The customer's HTML, sanitised when it was received (no script, no event "
                    + "handlers, no styles, no remote images); null for plain text. Show it only in a sandboxed "
                    + "frame.") String html,
            List<AttachmentView> attachments, String rawReference) {
    }

    @Schema(description = "An attachment; sha256 names it in the object store, omittedReason says why it was not kept")
    public record AttachmentView(String id, String fileName, String mediaType, long size, String sha256,
            boolean inline, String omittedReason,
            @Schema(description = "Where the file is downloaded (as an attachment, never rendered inline); null when "
                    + "it was not kept") String downloadPath) {
    }

    @Schema(description = "Something Tiski sent or was asked to send, and what became of it")
    public record DeliveryView(String id, String kind, String channel, String recipient, String status,
            String reason, String providerMessageId, Instant requestedAt, Instant reportedAt) {
    }

    @Schema(description = "A ticket with its whole conversation")
    public record TicketDetails(String id, long number, String subject, String channel, String status,
            String priority, String type, CustomerView customer, String assignee, String brand, String team,
            String language,
            String linkedTicketId,
            @Schema(description = "The ticket this one was merged into, if it was") String mergedIntoTicketId,
            @Schema(description = "The ticket this one was split off, if it was") String splitFromTicketId,
            String contactReason,
            @Schema(description = "The ticket's tags, sorted") List<String> tags,
            @Schema(description = "The agents following the ticket") List<String> followers,
            @Schema(description = "Custom field values by field key", examples = "{\"order_number\": \"100234\"}")
            java.util.Map<String, String> fields,
            @Schema(description = "The satisfaction survey, once sent: its rating (GOOD or BAD) and comment when "
                    + "answered") io.tiski.ticket.service.SatisfactionSurveys.Answer satisfaction,
            Instant createdAt, Instant updatedAt, String slaState, Instant slaDueAt,
            @Schema(description = "Messenger, Instagram, WhatsApp: until when a reply is possible (24 hours after "
                    + "the customer's last message); null on channels without such a window")
            Instant replyWindowClosesAt,
            List<MessageView> messages,
            List<DeliveryView> deliveries) {
    }

    private TicketViews() {
    }
}
