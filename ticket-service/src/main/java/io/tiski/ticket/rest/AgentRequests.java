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
            @Size(max = 200, message = "must be at most 200 characters") String assignee) {
    }

    private AgentRequests() {
    }
}
