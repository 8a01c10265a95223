package io.tiski.ticket.service;

import io.tiski.objectstore.ContentTypes;
import io.tiski.objectstore.ObjectStore;
import io.tiski.objectstore.ObjectStoreConfig;
import io.tiski.ticket.config.TicketConfig;
import io.tiski.ticket.repository.AgentUpload;
import io.tiski.ticket.repository.TicketAttachment;
import io.tiski.ticket.repository.TicketMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.transaction.Transactional;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Agents' uploads and the download of ticket attachments. An upload is type-checked by its content against the
 * kinds a customer can open safely, size-limited, and stored by content; a download is only of an attachment of a
 * ticket the agent may see.
 */
@ApplicationScoped
public class AttachmentFiles {
    /** What an agent may send a customer: pictures, PDFs, plain text, common audio and video. */
    static final Set<String> SENDABLE = Set.of("image/jpeg", "image/png", "image/gif", "image/webp",
            "application/pdf", "text/plain", "audio/ogg", "audio/mpeg", "audio/mp4", "video/mp4");
    private final ObjectStore objects;
    private final TicketConfig config;
    private final TicketLookup lookup;

    AttachmentFiles(ObjectStore objects, TicketConfig config, TicketLookup lookup) {
        this.objects = objects;
        this.config = config;
        this.lookup = lookup;
    }

    /** The object store of ticket-service: {@code tiski.tickets.storage.kind} filesystem (the default) or s3. */
    public static class Store {
        @Produces
        @ApplicationScoped
        ObjectStore objectStore(TicketConfig config) {
            return ObjectStoreConfig.open(config.storage(), Path.of(config.storageDirectory()));
        }
    }

    /** A file that cannot be attached, with the reason. */
    public static class RefusedFileException extends RuntimeException {
        private final int status;

        RefusedFileException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    @Transactional
    public AgentUpload upload(String agent, String fileName, String declaredType, byte[] content) {
        if (content.length == 0) {
            throw new RefusedFileException(400, "The file is empty");
        }
        if (content.length > config.maxAttachmentBytes()) {
            throw new RefusedFileException(413, "A file may be at most " + config.maxAttachmentBytes() + " bytes");
        }
        String declared = declaredType == null ? "" : declaredType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        boolean claimsNothing = declared.isEmpty() || declared.equals("application/octet-stream")
                || declared.contains("*");
        String sniffed = ContentTypes.sniff(content);
        if (sniffed != null && !claimsNothing && !declared.equals(sniffed)) {
            throw new RefusedFileException(415, "The file says it is " + declared + " but its content is "
                    + sniffed);
        }
        String mediaType = ContentTypes.choose(null, "text/plain", content);
        if ("text/plain".equals(mediaType) && (!(claimsNothing || declared.equals("text/plain"))
                || new String(content, 0, Math.min(content.length, 512), StandardCharsets.UTF_8).stripLeading()
                        .startsWith("<"))) {
            throw new RefusedFileException(415, "The file's content is not what it says it is (HTML and other "
                    + "markup cannot be attached; send a PDF instead)");
        }
        if (!SENDABLE.contains(mediaType)) {
            throw new RefusedFileException(415, "This kind of file cannot be attached: its content is none of "
                    + "JPEG, PNG, GIF, WebP, PDF, plain text, MP3, M4A, Ogg or MP4");
        }
        AgentUpload upload = new AgentUpload();
        upload.id = UUID.randomUUID();
        upload.sha256 = objects.put(content);
        upload.fileName = safeName(fileName, mediaType);
        upload.mediaType = mediaType;
        upload.size = content.length;
        upload.uploadedBy = agent;
        upload.uploadedAt = Instant.now();
        upload.persist();
        return upload;
    }

    /** A ticket's attachment and its bytes, when the agent may see the ticket and the file was kept. */
    public record Download(TicketAttachment attachment, InputStream content) {
    }

    @Transactional
    public Optional<Download> download(String ticketIdOrNumber, UUID attachmentId) {
        var ticket = lookup.visible(ticketIdOrNumber);
        if (ticket.isEmpty()) {
            return Optional.empty();
        }
        TicketAttachment attachment = TicketAttachment.findById(attachmentId);
        if (attachment == null || attachment.sha256 == null) {
            return Optional.empty();
        }
        TicketMessage message = TicketMessage.findById(attachment.messageId);
        if (message == null || !message.ticketId.equals(ticket.get().id)) {
            return Optional.empty();
        }
        return objects.get(attachment.sha256).map(in -> new Download(attachment, in));
    }

    /**
     * The name a file is downloaded as: the last segment of whatever path the sender gave ({@code ../../x} or
     * {@code C:\\x} become {@code x}), without control characters, quotes or separators, never hidden or empty.
     */
    public static String downloadName(String fileName, String mediaType) {
        String name = fileName == null ? "" : fileName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = safeName(name, mediaType).replaceAll("^[.\\s]+", "");
        return name.isEmpty() ? safeName(null, mediaType) : name;
    }

    static String safeName(String fileName, String mediaType) {
        String name = fileName == null ? "" : fileName.replaceAll("[\\p{Cntrl}\\p{Cf}\"\\\\/]", "").strip();
        if (name.isEmpty()) {
            name = "attachment" + ContentTypes.extension(mediaType);
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }
}
