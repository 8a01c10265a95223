package io.tiski.emailingest.rest;

import io.tiski.emailingest.service.ContactFormIntake;
import io.tiski.emailingest.service.FormFiles;
import io.tiski.emailingest.service.FormRateLimiter;
import io.tiski.emailingest.service.RateLimitedException;
import io.tiski.emailingest.service.ReturnFormIntake;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/v1")
@Tag(name = "Forms", description = "Public endpoints of the shop's contact and return forms")
public class ContactFormResource {
    private final ContactFormIntake contactForms;
    private final ReturnFormIntake returnForms;
    private final FormRateLimiter rateLimiter;
    private final Validator validator;
    private final io.tiski.emailingest.config.FormConfig config;

    ContactFormResource(ContactFormIntake contactForms, ReturnFormIntake returnForms, FormRateLimiter rateLimiter,
            Validator validator, io.tiski.emailingest.config.FormConfig config) {
        this.contactForms = contactForms;
        this.returnForms = returnForms;
        this.rateLimiter = rateLimiter;
        this.validator = validator;
        this.config = config;
    }

    @POST
    @Path("/contact-form")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit the contact form",
            description = "Accepted submissions become tickets; the customer gets an acknowledgement by email.")
    @APIResponse(responseCode = "202", description = "Accepted; the body has the submission id")
    @APIResponse(responseCode = "400", description = "Invalid fields, named in violations (problem+json)")
    @APIResponse(responseCode = "429", description = "Too many submissions from this address; see Retry-After")
    public Response submit(@Valid @NotNull(message = "the form is empty") ContactForm form,
            @Context HttpServerRequest request) {
        admit(request, form.email());
        String submissionId = contactForms.submit(form, List.of());
        return accepted(submissionId);
    }

    @POST
    @Path("/contact-form")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit the contact form with attachments (multipart/form-data)",
            description = "Fields as in the JSON form; files in 'attachments' (photos or PDF, checked by content).")
    public Response submitMultipart(@RestForm String name, @RestForm String email, @RestForm String subject,
            @RestForm String message, @RestForm String orderNumber, @RestForm String language,
            @RestForm String website, @RestForm("attachments") List<FileUpload> attachments,
            @Context HttpServerRequest request) {
        ContactForm form = new ContactForm(name, email, subject, message, orderNumber, language, website);
        validate(form);
        admit(request, form.email());
        return accepted(contactForms.submit(form, uploads("attachments", attachments)));
    }

    @POST
    @Path("/return-form")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a return or complaint",
            description = "The answer tells at once whether the request is within the right of withdrawal or the "
                    + "shop's return window; the ticket is typed RETURN or COMPLAINT with the fields structured.")
    @APIResponse(responseCode = "202", description = "Accepted, with the return policy's verdict")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
    @APIResponse(responseCode = "429", description = "Too many submissions; see Retry-After")
    public Response returnRequest(@Valid @NotNull(message = "the form is empty") ReturnForm form,
            @Context HttpServerRequest request) {
        admit(request, form.email());
        return receipt(returnForms.submit(form, List.of()));
    }

    @POST
    @Path("/return-form")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a return or complaint with photos (multipart/form-data)",
            description = "Part 'request' is the JSON return form; files in 'photos' (checked by content).")
    public Response returnRequestWithPhotos(@RestForm("request") @PartType(MediaType.APPLICATION_JSON) ReturnForm form,
            @RestForm("photos") List<FileUpload> photos, @Context HttpServerRequest request) {
        if (form == null) {
            throw new io.tiski.emailingest.service.FormRejectedException(List.of(new FormFiles.Refusal("request",
                    "is required: the return form as JSON")));
        }
        validate(form);
        admit(request, form.email());
        return receipt(returnForms.submit(form, uploads("photos", photos)));
    }

    @GET
    @Path("/return-form/policy")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The shop's return policy and reasons, for building the form")
    public Map<String, Object> policy() {
        return Map.of("withdrawalDays", config.returns().withdrawalDays(), "shopReturnDays",
                config.returns().shopReturnDays(), "freeReturns", config.returns().freeReturns(), "reasons",
                config.returns().reasons(), "maxFileBytes", config.maxFileBytes(), "maxFiles", config.maxFiles());
    }

    private void admit(HttpServerRequest request, String address) {
        String ip = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        rateLimiter.admit(ip, address).ifPresent(wait -> {
            throw new RateLimitedException(wait);
        });
    }

    private <T> void validate(T form) {
        Set<ConstraintViolation<T>> violations = validator.validate(form);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    private static List<FormFiles.Upload> uploads(String field, List<FileUpload> files) {
        if (files == null) {
            return List.of();
        }
        return files.stream().map(f -> new FormFiles.Upload(field, f.fileName(), f.uploadedFile(), f.size())).toList();
    }

    private static Response accepted(String submissionId) {
        return Response.accepted(Map.of("submissionId", submissionId,
                "message", "Thank you, we have received your message.")).build();
    }

    private static Response receipt(ReturnFormIntake.Receipt receipt) {
        return Response.accepted(Map.of("submissionId", receipt.submissionId(), "policy", receipt.policy())).build();
    }
}
