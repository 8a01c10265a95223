package io.tiski.ticket.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tiski.ticket.repository.ApiToken;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Turns an API token into the agent it belongs to, if the token is known, unexpired and not revoked. */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String digest = TokenDigest.sha256(request.getToken().getToken());
        return context.runBlocking(() -> {
            ApiToken token = QuarkusTransaction.requiringNew()
                    .call(() -> ApiToken.<ApiToken>find("tokenSha256", digest).firstResult());
            Instant now = Instant.now();
            if (token == null || token.revokedAt != null || (token.expiresAt != null && token.expiresAt.isBefore(now))) {
                throw new AuthenticationFailedException("unknown, expired or revoked API token");
            }
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(token.agentName))
                    .addRole(token.role).addAttribute("tokenName", token.name).build();
        });
    }
}
