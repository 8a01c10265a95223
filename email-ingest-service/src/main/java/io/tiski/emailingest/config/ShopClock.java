package io.tiski.emailingest.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ClockProvider;
import java.time.Clock;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The shop's clock, in the shop's time zone. Form validation ("received date cannot be in the future") and the
 * return policy judge dates as the customer's calendar shows them, not as the server's (UTC) does: just after
 * midnight in Helsinki the customer's "today" is already tomorrow in UTC terms.
 */
@ApplicationScoped
public class ShopClock implements ClockProvider {
    private final Clock clock;

    ShopClock(@ConfigProperty(name = "tiski.intake.shop-time-zone", defaultValue = "Europe/Helsinki") ZoneId zone) {
        this.clock = Clock.system(zone);
    }

    @Override
    public Clock getClock() {
        return clock;
    }
}
