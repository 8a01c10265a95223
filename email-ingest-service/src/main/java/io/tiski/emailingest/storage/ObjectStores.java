package io.tiski.emailingest.storage;

import io.tiski.emailingest.config.IntakeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/** Chooses the object store from configuration: {@code filesystem} (the embedded default) or {@code s3}. */
public class ObjectStores {
    private static final Logger LOG = Logger.getLogger(ObjectStores.class);

    @Produces
    @ApplicationScoped
    ObjectStore objectStore(IntakeConfig config) {
        IntakeConfig.Storage storage = config.storage();
        return switch (storage.kind()) {
            case "s3" -> {
                IntakeConfig.S3 s3 = storage.s3();
                LOG.infof("Object store: S3 bucket %s%s", s3.bucket(), s3.endpoint().map(e -> " at " + e).orElse(""));
                yield new S3ObjectStore(new S3ObjectStore.Settings(s3.endpoint(), s3.region(), s3.bucket(),
                        s3.prefix(), s3.accessKeyId(), s3.secretAccessKey(), s3.pathStyle()));
            }
            case "filesystem" -> {
                LOG.infof("Object store: directory %s", config.storageDirectory());
                yield new FileSystemObjectStore(Path.of(config.storageDirectory()));
            }
            default -> throw new IllegalStateException("tiski.intake.storage.kind must be filesystem or s3, not '"
                    + storage.kind() + "'");
        };
    }
}
