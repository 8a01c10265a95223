package io.tiski.ticket.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.tiski.ticket.repository.AgentUpload;
import io.tiski.ticket.security.Roles;
import io.tiski.ticket.service.AttachmentFiles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/attachments")
@Tag(name = "Attachments", description = "Files agents attach to replies, and every ticket attachment's download")
@SecurityRequirement(name = "bearer")
public class AttachmentResource {
    static final String UPLOAD_PATH = "/api/v1/attachments";
    private final AttachmentFiles files;
    private final SecurityIdentity identity;

    AttachmentResource(AttachmentFiles files, SecurityIdentity identity) {
        this.files = files;
        this.identity = identity;
    }

    @Schema(description = "An uploaded file, ready to be attached to a reply by its id")
    public record Uploaded(String id, String fileName, String mediaType, long size, String sha256) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD, Roles.AGENT})
    @Operation(summary = "Upload a file to attach to a reply",
            description = "The body is the file itself. Its type is decided by its content (JPEG, PNG, GIF, WebP, "
                    + "PDF, plain text, MP3, M4A, Ogg, MP4); anything else, or content that is not the Content-Type "
                    + "sent, is 415. At most "
                    + "tiski.tickets.max-attachment-bytes (15 MB). Attach it with attachments: [id] in a reply.")
    @APIResponse(responseCode = "201", description = "The stored file")
    @APIResponse(responseCode = "413", description = "Too large (problem+json)")
    @APIResponse(responseCode = "415", description = "Not a kind of file that can be sent (problem+json)")
    public Response upload(@Parameter(description = "The file's name as the customer will see it",
            example = "palautusohje.pdf") @QueryParam("fileName") String fileName,
            @HeaderParam("Content-Type") String contentType, byte[] content) {
        try {
            AgentUpload upload = files.upload(identity.getPrincipal().getName(), fileName, contentType,
                    content == null ? new byte[0] : content);
            return Response.status(201).entity(new Uploaded(upload.id.toString(), upload.fileName, upload.mediaType,
                    upload.size, upload.sha256)).build();
        } catch (AttachmentFiles.RefusedFileException e) {
            return Problem.response(e.status(), e.status() == 413 ? "Payload Too Large" : e.status() == 415
                    ? "Unsupported Media Type" : "Invalid request", e.getMessage(), null);
        }
    }
}
