package io.tiski.objectstore;

import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Where a service keeps customers' files, mapped under the service's own prefix (for example
 * {@code tiski.intake.storage}). All intake services point at the same store: objects are named by their content,
 * so one namespace serves mail attachments, form uploads and social media alike.
 */
public interface ObjectStoreConfig {
    /** {@code filesystem} (the embedded default) or {@code s3}. */
    @WithDefault("filesystem")
    String kind();

    S3 s3();

    interface S3 {
        /** For S3-compatible stores (MinIO, Ceph); empty for AWS. */
        Optional<String> endpoint();

        @WithDefault("eu-north-1")
        String region();

        @WithDefault("tiski-objects")
        String bucket();

        @WithDefault("mail/")
        String prefix();

        /** Empty to use the SDK's default credentials chain (IAM roles, environment). */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Path-style URLs (bucket in the path), needed by most S3-compatible servers. */
        @WithDefault("false")
        boolean pathStyle();
    }

    /** Opens the configured store; {@code directory} is where the filesystem kind keeps its files. */
    static ObjectStore open(ObjectStoreConfig config, Path directory) {
        Logger log = Logger.getLogger(ObjectStoreConfig.class);
        return switch (config.kind()) {
            case "s3" -> {
                S3 s3 = config.s3();
                log.infof("Object store: S3 bucket %s%s", s3.bucket(), s3.endpoint().map(e -> " at " + e).orElse(""));
                yield new S3ObjectStore(new S3ObjectStore.Settings(s3.endpoint(), s3.region(), s3.bucket(),
                        s3.prefix(), s3.accessKeyId(), s3.secretAccessKey(), s3.pathStyle()));
            }
            case "filesystem" -> {
                log.infof("Object store: directory %s", directory);
                yield new FileSystemObjectStore(directory);
            }
            default -> throw new IllegalStateException("the object store kind must be filesystem or s3, not '"
                    + config.kind() + "'");
        };
    }
}
