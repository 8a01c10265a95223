package io.tiski.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Where raw mail and attachments are kept, addressed by the SHA-256 of their content: the same bytes stored twice
 * are one object, and a reference in an event can never point at different content than it was made for.
 */
public interface ObjectStore {
    /** Stores the bytes (a no-op when they are already there) and returns their SHA-256, hex. */
    String put(byte[] content);

    Optional<InputStream> get(String sha256);

    /** The whole object, for files small enough to hold in memory (attachments, media). */
    default Optional<byte[]> read(String sha256) {
        return get(sha256).map(in -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("object " + sha256 + " could not be read: " + e.getMessage(), e);
            }
        });
    }

    boolean delete(String sha256);
}
