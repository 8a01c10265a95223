package io.tiski.social.rest;

import io.tiski.objectstore.ContentTypes;
import io.tiski.objectstore.ObjectStore;
import io.tiski.social.config.SocialConfig;
import io.tiski.social.domain.MediaLinks;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The files of agents' replies, for the platforms that fetch media from a URL; only through a signed link. */
@Path("/api/v1/media/{sha256}")
@Tag(name = "Reply media", description = "Fetched by Meta and Telegram when a reply carries a file")
public class MediaResource {
    private final SocialConfig config;
    private final ObjectStore objects;

    MediaResource(SocialConfig config, ObjectStore objects) {
        this.config = config;
        this.objects = objects;
    }

    @GET
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "A reply's file, through a signed link that expires",
            description = "403 for a link that is not signed by this service or has expired.")
    public Response file(@PathParam("sha256") String sha256, @QueryParam("name") String name,
            @QueryParam("expires") long expires, @QueryParam("signature") String signature) {
        Optional<String> secret = config.mediaLinkSecret().filter(s -> !s.isBlank());
        if (secret.isEmpty() || !sha256.matches("[0-9a-f]{64}")
                || !MediaLinks.valid(secret.get(), sha256, name, expires, signature, Instant.now())) {
            return Problem.response(403, "Forbidden", "Not a valid or current media link");
        }
        Optional<byte[]> content = objects.read(sha256);
        if (content.isEmpty()) {
            return Problem.response(404, "Not Found", "No such file");
        }
        String sniffed = ContentTypes.sniff(content.get());
        return Response.ok(content.get(), sniffed == null ? MediaType.APPLICATION_OCTET_STREAM : sniffed)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "attachment; filename=\"" + (name == null ? "file"
                        : name.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "_")) + "\"")
                .header("Cache-Control", "private, max-age=300").build();
    }

}
