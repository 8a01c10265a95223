package io.tiski.emailingest.service;

import io.tiski.emailingest.config.FormConfig;
import io.tiski.objectstore.ObjectStore;
import io.tiski.events.v1.AttachmentReference;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.tika.Tika;

/**
 * Photos and files uploaded with a form: checked by their content (a script named kuva.jpg is still a script),
 * size-limited, stored by SHA-256.
 */
@ApplicationScoped
public class FormFiles {
    private static final Tika TIKA = new Tika();
    private final FormConfig config;
    private final ObjectStore objects;

    FormFiles(FormConfig config, ObjectStore objects) {
        this.config = config;
        this.objects = objects;
    }

    /** An uploaded file as the HTTP layer received it. */
    public record Upload(String field, String fileName, Path file, long size) {
    }

    /** A problem with one file, named for the customer. */
    public record Refusal(String field, String message) {
    }

    public List<Refusal> check(List<Upload> uploads) {
        List<Refusal> refusals = new ArrayList<>();
        if (uploads.size() > config.maxFiles()) {
            refusals.add(new Refusal(uploads.get(0).field(), "at most " + config.maxFiles() + " files may be sent"));
        }
        for (Upload upload : uploads) {
            String name = safeName(upload.fileName());
            if (upload.size() > config.maxFileBytes()) {
                refusals.add(new Refusal(upload.field(), name + " is " + megabytes(upload.size()) + "; each file may "
                        + "be at most " + megabytes(config.maxFileBytes())));
                continue;
            }
            if (upload.size() == 0) {
                refusals.add(new Refusal(upload.field(), name + " is empty"));
                continue;
            }
            String type = detect(upload);
            if (!config.allowedFileTypes().contains(type)) {
                refusals.add(new Refusal(upload.field(), name + " is not a photo or PDF (its content is " + type
                        + "); accepted: JPEG, PNG, GIF, WebP, HEIC and PDF"));
            }
        }
        return refusals;
    }

    /** Stores files already checked and returns their references. */
    public List<AttachmentReference> store(List<Upload> uploads) {
        List<AttachmentReference> references = new ArrayList<>();
        for (Upload upload : uploads) {
            try {
                byte[] bytes = Files.readAllBytes(upload.file());
                references.add(new AttachmentReference(objects.put(bytes), safeName(upload.fileName()),
                        detect(upload), bytes.length, null, false, null));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the uploaded " + upload.fileName(), e);
            }
        }
        return references;
    }

    private static String detect(Upload upload) {
        try {
            // by the bytes only: the name the customer's device chose proves nothing
            return TIKA.detect(upload.file()).toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "application/octet-stream";
        }
    }

    /** A file name safe to show and to store: no path, no control characters, bounded length. */
    static String safeName(String name) {
        if (name == null || name.isBlank()) {
            return "file";
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"<>|:*?]", "_").strip();
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            return "file";
        }
        return base.length() > 120 ? base.substring(base.length() - 120) : base;
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
