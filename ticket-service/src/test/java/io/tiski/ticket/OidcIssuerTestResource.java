package io.tiski.ticket;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * A real OpenID Connect issuer on a loopback port (NAV's mock-oauth2-server: discovery, JWKS, authorize, token),
 * and ticket-service configured to trust it for bearer tokens and the UI's authorization code flow.
 */
public class OidcIssuerTestResource implements QuarkusTestResourceLifecycleManager {
    static final String ISSUER = "tiski-idp";
    static final String CLIENT_ID = "tiski";
    static final String CLIENT_SECRET = "tiski-client-secret-0123456789";
    static MockOAuth2Server server;

    @Override
    public Map<String, String> start() {
        server = new MockOAuth2Server();
        server.start();
        return Map.ofEntries(Map.entry("tiski.security.oidc.enabled", "true"),
                Map.entry("quarkus.oidc.auth-server-url", server.issuerUrl(ISSUER).toString()),
                Map.entry("quarkus.oidc.client-id", CLIENT_ID),
                Map.entry("quarkus.oidc.credentials.secret", CLIENT_SECRET),
                Map.entry("tiski.security.oidc.role-groups.admin", "helpdesk-admins"),
                Map.entry("tiski.security.oidc.role-groups.team-lead", "helpdesk-leads"),
                Map.entry("tiski.security.oidc.role-groups.agent", "helpdesk"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown();
        }
    }
}
