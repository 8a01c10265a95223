package io.tiski.emailingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "tiski.forms")
public interface FormConfig {
    /** Submissions one IP address may make per {@link #rateWindow()} (contact and return forms together). */
    @WithDefault("20")
    int perIpLimit();

    /** Submissions one customer email address may make per {@link #rateWindow()}. */
    @WithDefault("5")
    int perAddressLimit();

    @WithDefault("PT1M")
    Duration rateWindow();

    /** Largest photo or file accepted, in bytes. */
    @WithDefault("10485760")
    long maxFileBytes();

    @WithDefault("5")
    int maxFiles();

    /** File types accepted, as detected from the bytes. */
    @WithDefault("image/jpeg,image/png,image/gif,image/webp,image/heic,image/heif,application/pdf")
    List<String> allowedFileTypes();

    Returns returns();

    interface Returns {
        /** The statutory right of withdrawal for distance sales (14 days in the EU). */
        @WithDefault("14")
        int withdrawalDays();

        /** The shop's own return window, often longer (e.g. 30 days). */
        @WithDefault("30")
        int shopReturnDays();

        @WithDefault("true")
        boolean freeReturns();

        /** Shown to the customer when returns are not free, e.g. "5,90 €". */
        java.util.Optional<String> returnCost();

        /** Where returned items are sent, lines separated by "\n" (told in the return confirmation). */
        java.util.Optional<String> returnAddress();

        /** Where the customer prints or fetches a prepaid return label (a carrier's portal), if the shop has one. */
        java.util.Optional<String> labelUrl();

        /** The reasons a customer can pick. */
        @WithDefault("WRONG_SIZE,DAMAGED,DEFECTIVE,NOT_AS_DESCRIBED,WRONG_ITEM,CHANGED_MIND,OTHER")
        List<String> reasons();
    }
}
