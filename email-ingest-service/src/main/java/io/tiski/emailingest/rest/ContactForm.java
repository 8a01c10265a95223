package io.tiski.emailingest.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a customer writes in the shop's contact form. */
@Schema(description = "A contact form submission")
public record ContactForm(
        @Schema(description = "The customer's name", examples = "Maija Meikäläinen")
        @Size(max = 200, message = "must be at most 200 characters") String name,
        @Schema(description = "Where the answer goes", examples = "maija@example.fi")
        @NotBlank(message = "is required: the answer is sent there") @Email(message = "is not an email address")
        @Size(max = 254, message = "must be at most 254 characters") String email,
        @Schema(description = "Subject", examples = "Tilaus 10023")
        @Size(max = 200, message = "must be at most 200 characters") String subject,
        @Schema(description = "The message", examples = "Hei, tilaukseni ei ole saapunut.")
        @NotBlank(message = "is required") @Size(max = 20000, message = "must be at most 20000 characters")
        String message,
        @Schema(description = "Order number, if the question is about an order")
        @Size(max = 64, message = "must be at most 64 characters") String orderNumber,
        @Schema(description = "The language of the form: fi, sv or en")
        @Pattern(regexp = "fi|sv|en", message = "must be fi, sv or en") String language,
        @Schema(hidden = true, description = "Left empty by people; filled by spam robots")
        String website) {
}
