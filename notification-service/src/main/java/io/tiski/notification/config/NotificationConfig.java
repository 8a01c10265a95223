package io.tiski.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tiski.notifications")
public interface NotificationConfig {
    /** Shown as the sender's name and in acknowledgements. */
    @WithDefault("Tiski")
    String brandName();

    /** At most this many acknowledgements go to one address within {@link #acknowledgementWindow()}. */
    @WithDefault("3")
    int acknowledgementBudget();

    @WithDefault("PT24H")
    Duration acknowledgementWindow();

    /** Written into the loop header of everything Tiski sends, so its own intake recognises it. */
    @WithDefault("tiski")
    String instanceName();

    /** Language of messages when the request names none or one without templates. */
    @WithDefault("en")
    String defaultLanguage();

    /**
     * Per brand (the ticket's brand, by name): the name customers see and the signature under agents' replies;
     * a brand not listed uses {@link #brandName()} and no signature.
     */
    java.util.Map<String, Brand> brands();

    interface Brand {
        /** Shown as the sender's name and in the messages, e.g. "Outlet Oy". */
        java.util.Optional<String> name();

        /** Lines under an agent's name in replies ("\\n" between lines), e.g. opening hours and phone. */
        java.util.Optional<String> signature();
    }

    /** Where the embedded object store keeps files (the same directory as the other services'). */
    @WithDefault("${java.io.tmpdir}/tiski-objects")
    String storageDirectory();

    /** Where the files attached to replies are read from. */
    io.tiski.objectstore.ObjectStoreConfig storage();
}
