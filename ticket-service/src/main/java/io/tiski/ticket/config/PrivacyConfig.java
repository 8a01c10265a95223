package io.tiski.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How long customers' data is kept. */
@ConfigMapping(prefix = "tiski.privacy")
public interface PrivacyConfig {
    Retention retention();

    interface Retention {
        /**
         * Closed tickets older than this many months lose their personal data (as in an erasure; the anonymous
         * ticket stays for the reports), and customers left without other tickets are erased too. Unset: kept.
         */
        Optional<Integer> closedTicketMonths();

        /** Tickets redacted per transaction. */
        @WithDefault("200")
        int batchSize();
    }
}
