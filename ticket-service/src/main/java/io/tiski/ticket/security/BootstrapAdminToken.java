package io.tiski.ticket.security;

import io.quarkus.runtime.StartupEvent;
import io.tiski.ticket.config.TicketConfig;
import io.tiski.ticket.repository.ApiToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Makes {@code TISKI_BOOTSTRAP_ADMIN_TOKEN} an administrator's API token on start, so scripts can use the API. */
@ApplicationScoped
public class BootstrapAdminToken {
    private static final Logger LOG = Logger.getLogger(BootstrapAdminToken.class);

    @Transactional
    void register(@Observes StartupEvent event, TicketConfig config) {
        config.bootstrapAdminToken().filter(t -> !t.isBlank()).ifPresent(token -> {
            if (token.length() < 16) {
                throw new IllegalStateException("TISKI_BOOTSTRAP_ADMIN_TOKEN must be at least 16 characters long");
            }
            String digest = TokenDigest.sha256(token);
            if (ApiToken.count("tokenSha256", digest) == 0) {
                ApiToken apiToken = new ApiToken();
                apiToken.id = UUID.randomUUID();
                apiToken.tokenSha256 = digest;
                apiToken.name = "bootstrap";
                apiToken.agentName = "admin";
                apiToken.role = Roles.ADMIN;
                apiToken.createdAt = Instant.now();
                apiToken.persist();
                LOG.info("Registered the bootstrap administrator API token");
            }
        });
    }
}
