package io.tiski.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The object store of the embedded default: files under one directory, {@code ab/cd/<sha256>}, written to a
 * temporary file and moved into place, so a crash never leaves a half-written object under its final name.
 * In production the same interface is backed by an S3-compatible bucket.
 */
public class FileSystemObjectStore implements ObjectStore {
    private final Path root;

    public FileSystemObjectStore(Path root) {
        this.root = root.toAbsolutePath();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("the object store directory " + this.root + " cannot be created "
                    + "(tiski.intake.storage-directory): " + e.getMessage(), e);
        }
    }

    @Override
    public String put(byte[] content) {
        String sha256 = sha256(content);
        Path target = pathOf(sha256);
        if (Files.exists(target)) {
            return sha256;
        }
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
            Files.write(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(temp);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return sha256;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store object " + sha256 + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<InputStream> get(String sha256) {
        Path path = pathOf(sha256);
        try {
            return Files.exists(path) ? Optional.of(Files.newInputStream(path)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean delete(String sha256) {
        try {
            return Files.deleteIfExists(pathOf(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path pathOf(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 object name: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    /** The name of content in every object store: its SHA-256, hex. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
