package io.tiski.ticket.rest;

import io.tiski.ticket.service.AgentActions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
            String status,
            @Schema(description = "Files to send with the reply: ids from POST /api/v1/attachments",
                    examples = "[\"6f1c2b9e-4d1a-4c3e-9a55-0b7d2f3e8a10\"]")
            @Size(max = 10, message = "at most 10 files") java.util.List<String> attachments) {
        public Reply(String text, String status) {
            this(text, status, null);
        }
    }

    @Schema(description = "An internal note: only agents see it, it is never sent")
    public record Note(@NotBlank(message = "is required") @Size(max = 50000,
            message = "must be at most 50000 characters") String text) {
    }

    @Schema(description = "Fields to change; those left out stay as they are")
    public record TicketChange(
            @Schema(description = "NEW, OPEN, PENDING, ON_HOLD, SOLVED or CLOSED", examples = "PENDING") String status,
            @Schema(description = "LOW, NORMAL, HIGH or URGENT", examples = "HIGH") String priority,
            @Schema(description = "QUESTION, INCIDENT, PROBLEM, RETURN, COMPLAINT, ORDER_CHANGE or FEEDBACK",
                    examples = "COMPLAINT") String type,
            @Schema(description = "The agent the ticket is assigned to; empty to unassign", examples = "maija")
            @Size(max = 200, message = "must be at most 200 characters") String assignee,
            @Schema(description = "The team the ticket belongs to; empty for none", examples = "returns")
            @Size(max = 200, message = "must be at most 200 characters") String team,
            @Schema(description = "A code from /contact-reasons; empty to clear. Needed before SOLVED when the "
                    + "list has active reasons", examples = "DELIVERY_LATE")
            @Size(max = 60, message = "must be at most 60 characters") String contactReason,
            @Schema(description = "The ticket's tags, replacing all it had", examples = "[\"vip\", \"damaged\"]")
            @Size(max = 30, message = "must have at most 30 tags") Set<String> tags,
            @Schema(description = "Tags to add, keeping the others", examples = "[\"black-friday\"]")
            @Size(max = 30, message = "must have at most 30 tags") Set<String> addTags,
            @Schema(description = "Tags to remove", examples = "[\"waiting-for-photos\"]")
            @Size(max = 30, message = "must have at most 30 tags") Set<String> removeTags,
            @Schema(description = "Custom field values by key (see /custom-fields); null or empty clears one",
                    examples = "{\"order_number\": \"100234\", \"refund\": \"49.90\"}")
            @Size(max = 50, message = "must have at most 50 fields") Map<String, String> fields) {

        public AgentActions.Change toChange() {
            return new AgentActions.Change(Optional.ofNullable(status), Optional.ofNullable(priority),
                    Optional.ofNullable(type), Optional.ofNullable(assignee), Optional.ofNullable(team),
                    Optional.ofNullable(contactReason), Optional.ofNullable(tags), addTags, removeTags, fields);
        }
    }

    @Schema(description = "The same change applied to many tickets")
    public record BulkChange(
            @Schema(description = "Ticket ids or numbers, at most 500", examples = "[\"1042\", \"1043\"]")
            @NotEmpty(message = "must name at least one ticket")
            @Size(max = 500, message = "must name at most 500 tickets") List<String> tickets,
            @NotNull(message = "is required") @Valid TicketChange change) {
    }

    @Schema(description = "Forward a message of the ticket by email, e.g. to the warehouse; the answer joins the "
            + "ticket")
    public record Forward(
            @Schema(description = "Who receives it", examples = "varasto@kenkakauppa.fi")
            @NotBlank(message = "is required")
            @jakarta.validation.constraints.Email(message = "is not an email address")
            @Size(max = 254, message = "must be at most 254 characters") String to,
            @Schema(description = "The agent's note above the forwarded message",
                    examples = "Voisitteko tarkistaa, lähtikö tilaus 100234 jo?")
            @Size(max = 50000, message = "must be at most 50000 characters") String text,
            @Schema(description = "The message to forward; default: the customer's latest")
            @Size(max = 60) String messageId) {
    }

    @Schema(description = "Split a customer's message off into a ticket of its own")
    public record Split(
            @Schema(description = "The message to split off") @NotBlank(message = "is required") @Size(max = 60)
            String messageId,
            @Schema(description = "The new ticket's subject; default: the message's", examples = "Reklamaatio: "
                    + "rikkinäinen vetoketju") @Size(max = 500, message = "must be at most 500 characters")
            String subject) {
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
