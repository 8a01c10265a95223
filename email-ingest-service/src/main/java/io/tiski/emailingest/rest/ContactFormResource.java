package io.tiski.emailingest.rest;

import io.tiski.emailingest.service.ContactFormIntake;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/contact-form")
@Tag(name = "Contact form", description = "Public endpoint of the shop's contact form")
public class ContactFormResource {
    private final ContactFormIntake intake;

    ContactFormResource(ContactFormIntake intake) {
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit the contact form",
            description = "Accepted submissions become tickets; the customer gets an acknowledgement by email.")
    @APIResponse(responseCode = "202", description = "Accepted; the body has the submission id")
    @APIResponse(responseCode = "400", description = "Invalid fields, named in violations (problem+json)")
    public Response submit(@Valid @NotNull(message = "the form is empty") ContactForm form) {
        String submissionId = intake.submit(form);
        return Response.accepted(Map.of("submissionId", submissionId,
                "message", "Thank you, we have received your message.")).build();
    }
}
