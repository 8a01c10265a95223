package io.tiski.social.service;

import io.tiski.objectstore.ObjectStore;
import io.tiski.objectstore.ObjectStoreConfig;
import io.tiski.social.config.SocialConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;

/** Where platform media is kept once fetched: tiski.social.storage.kind filesystem (the default) or s3. */
public class MediaStore {
    @Produces
    @ApplicationScoped
    ObjectStore objectStore(SocialConfig config) {
        return ObjectStoreConfig.open(config.storage(), Path.of(config.storageDirectory()));
    }
}
