package io.tiski.events.v1;

/** A content-addressed reference to an attachment kept in the object store; events never carry the bytes. */
public record AttachmentReference(String sha256, String fileName, String mediaType, long size, String contentId,
        boolean inline, String omittedReason) {
}
