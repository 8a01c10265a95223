package io.tiski.ticket.security;

import io.quarkus.runtime.StartupEvent;
import io.tiski.ticket.config.SecurityConfig;
import io.tiski.ticket.repository.AgentAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Makes the local administrator account {@code admin} with TISKI_BOOTSTRAP_ADMIN_PASSWORD on a first start, so the
 * web UI can be signed into; it then makes the other accounts.
 */
@ApplicationScoped
public class BootstrapAdminAccount {
    public static final String USERNAME = "admin";
    private static final Logger LOG = Logger.getLogger(BootstrapAdminAccount.class);

    void register(@Observes StartupEvent event, SecurityConfig config, AgentAccounts accounts) {
        config.bootstrapAdminPassword().filter(p -> !p.isBlank()).ifPresent(password -> {
            if (io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> AgentAccount.findById(USERNAME) == null)) {
                accounts.create(USERNAME, "Administrator", null, Roles.ADMIN, "en", password, "bootstrap", null);
                LOG.info("Made the administrator account 'admin' from TISKI_BOOTSTRAP_ADMIN_PASSWORD");
            }
        });
    }
}
