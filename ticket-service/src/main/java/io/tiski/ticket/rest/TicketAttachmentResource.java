package io.tiski.ticket.rest;

import io.tiski.ticket.security.Roles;
import io.tiski.ticket.service.AttachmentFiles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every attachment of a ticket, the customers' included, served so that it can never run in a browser. */
@Path("/api/v1/tickets/{id}/attachments")
@Tag(name = "Attachments", description = "Files agents attach to replies, and every ticket attachment's download")
@SecurityRequirement(name = "bearer")
public class TicketAttachmentResource {
    /** Types a browser may show as what they are; everything else is served as an opaque download. */
    private static final Set<String> SHOWN_AS_IS = Set.of("image/jpeg", "image/png", "image/gif", "image/webp",
            "application/pdf", "audio/ogg", "audio/mpeg", "audio/mp4", "video/mp4");
    private final AttachmentFiles files;

    TicketAttachmentResource(AttachmentFiles files) {
        this.files = files;
    }

    @GET
    @Path("/{attachment}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT, Roles.READ_ONLY})
    @Operation(summary = "Download an attachment of a ticket",
            description = "Always as a download (Content-Disposition: attachment), with nosniff and a sandboxing "
                    + "Content-Security-Policy, so a file a customer sent can never run in the agent's browser.")
    @APIResponse(responseCode = "200", description = "The file")
    @APIResponse(responseCode = "404", description = "No such ticket or attachment, or not kept")
    public Response download(@PathParam("id") String ticket, @PathParam("attachment") String attachment) {
        UUID id;
        try {
            id = UUID.fromString(attachment);
        } catch (IllegalArgumentException e) {
            return Problem.response(404, "Not Found", "No attachment " + attachment, null);
        }
        return files.download(ticket, id).map(d -> {
            String type = SHOWN_AS_IS.contains(d.attachment().mediaType) ? d.attachment().mediaType
                    : "text/plain".equals(d.attachment().mediaType) ? "text/plain; charset=utf-8"
                            : MediaType.APPLICATION_OCTET_STREAM;
            String name = io.tiski.ticket.service.AttachmentFiles.downloadName(d.attachment().fileName,
                    d.attachment().mediaType);
            return Response.ok(d.content(), type)
                    .header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^\\x20-\\x7E]|[\"\\\\]",
                            "_") + "\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                            .replace("+", "%20"))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", "sandbox; default-src 'none'")
                    .header("Cache-Control", "private, no-store").build();
        }).orElseGet(() -> Problem.response(404, "Not Found", "No attachment " + attachment + " on ticket " + ticket,
                null));
    }
}
