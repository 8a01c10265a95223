package io.tiski.ticket.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What agents send to change tickets. */
public final class AgentRequests {

    @Schema(description = "A reply to the customer, sent on the ticket's channel")
    public record Reply(
            @Schema(description = "The text the customer receives", examples = "Hei! Paketti on matkalla.")
            @NotBlank(message = "is required") @Size(max = 50000, message = "must be at most 50000 characters")
            String text,
            @Schema(description = "Status after sending, e.g. PENDING to wait for the customer; default: OPEN "
                    + "for a new ticket, unchanged otherwise")
            String status) {
    }

    @Schema(description = "An internal note: only agents see it, it is never sent")
    public record Note(@NotBlank(message = "is required") @Size(max = 50000,
            message = "must be at most 50000 characters") String text) {
    }

    @Schema(description = "Fields to change; those left out stay as they are")
    public record TicketChange(
            @Schema(description = "NEW, OPEN, PENDING, ON_HOLD, SOLVED or CLOSED") String status,
            @Schema(description = "LOW, NORMAL, HIGH or URGENT") String priority,
            @Schema(description = "The agent the ticket is assigned to; empty to unassign")
            @Size(max = 200, message = "must be at most 200 characters") String assignee,
            @Schema(description = "A code from /contact-reasons; empty to clear. Needed before SOLVED when the "
                    + "list has active reasons") @Size(max = 60, message = "must be at most 60 characters")
            String contactReason) {
    }

    @Schema(description = "Merge this ticket into another: its conversation moves there and it is closed")
    public record Merge(
            @Schema(description = "The surviving ticket's id or number") @NotBlank(message = "is required")
            @Size(max = 60) String into) {
    }

    @Schema(description = "A ticket an agent opens for a customer who called or visited the shop")
    public record NewTicket(
            @Schema(description = "PHONE or IN_PERSON") @NotBlank(message = "is required") String channel,
            @NotBlank(message = "is required: replies are sent there")
            @jakarta.validation.constraints.Email(message = "is not an email address")
            @Size(max = 254, message = "must be at most 254 characters") String customerEmail,
            @Size(max = 200, message = "must be at most 200 characters") String customerName,
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String subject,
            @Schema(description = "What the customer said, as the agent noted it")
            @NotBlank(message = "is required") @Size(max = 50000, message = "must be at most 50000 characters")
            String note,
            @jakarta.validation.constraints.Pattern(regexp = "fi|sv|en", message = "must be fi, sv or en")
            String language,
            @Schema(description = "Send the customer an email confirmation with the ticket number")
            boolean confirmByEmail) {
    }

    private AgentRequests() {
    }
}
