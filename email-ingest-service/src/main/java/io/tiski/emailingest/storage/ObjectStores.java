package io.tiski.emailingest.storage;

import io.tiski.emailingest.config.IntakeConfig;
import io.tiski.objectstore.ObjectStore;
import io.tiski.objectstore.ObjectStoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;

/** The object store from configuration: {@code tiski.intake.storage.kind} filesystem (the default) or s3. */
public class ObjectStores {
    @Produces
    @ApplicationScoped
    ObjectStore objectStore(IntakeConfig config) {
        return ObjectStoreConfig.open(config.storage(), Path.of(config.storageDirectory()));
    }
}
