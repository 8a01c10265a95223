package io.tiski.emailingest.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A return or complaint started by the customer. */
@Schema(description = "A return or complaint request")
public record ReturnForm(
        @NotBlank(message = "is required") @Size(max = 64, message = "must be at most 64 characters")
        String orderNumber,
        @NotBlank(message = "is required: instructions are sent there") @Email(message = "is not an email address")
        @Size(max = 254, message = "must be at most 254 characters") String email,
        @Size(max = 200, message = "must be at most 200 characters") String name,
        @Schema(description = "RETURN (changed mind, wrong size…) or COMPLAINT (a defect)")
        @NotNull(message = "is required") @Pattern(regexp = "RETURN|COMPLAINT", message = "must be RETURN or COMPLAINT")
        String requestType,
        @Schema(description = "The day the parcel arrived: the return window counts from it")
        @NotNull(message = "is required") @PastOrPresent(message = "cannot be in the future") LocalDate receivedDate,
        @Schema(description = "One of the shop's configured reasons") @NotBlank(message = "is required") String reason,
        @NotEmpty(message = "name at least one item") @Size(max = 50, message = "at most 50 items")
        List<@Valid Item> items,
        @Size(max = 5000, message = "must be at most 5000 characters") String description,
        @Pattern(regexp = "REFUND|EXCHANGE|REPAIR", message = "must be REFUND, EXCHANGE or REPAIR") String resolution,
        @Pattern(regexp = "fi|sv|en", message = "must be fi, sv or en") String language,
        @Schema(hidden = true) String website) {

    @Schema(description = "A returned item")
    public record Item(@NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String name, @Size(max = 64, message = "must be at most 64 characters") String sku,
            @Min(value = 1, message = "must be at least 1") @Max(value = 999, message = "must be at most 999")
            int quantity) {
    }
}
