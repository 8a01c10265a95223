package io.tiski.ticket.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tiski.ticket.config.SecurityConfig;
import io.tiski.ticket.repository.AgentAccount;
import io.tiski.ticket.security.SecurityAudit.Action;
import io.tiski.ticket.security.SecurityAudit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Makes a person signed in through OpenID Connect a Tiski account: the provider's groups never become roles by
 * themselves (a group named "admin" at the provider grants nothing); the Tiski role comes from the configured
 * group mapping or from the account an administrator made. A first sign-in makes the account (without password)
 * when a role can be given; a disabled account is refused.
 */
@ApplicationScoped
public class SingleSignOnAccounts implements SecurityIdentityAugmentor {
    /** Attribute of an identity that came through the OpenID Connect provider. */
    public static final String SINGLE_SIGN_ON = "tiski.sso";

    private final SecurityConfig config;
    private final SecurityAudit audit;

    SingleSignOnAccounts(SecurityConfig config, SecurityAudit audit) {
        this.config = config;
        this.audit = audit;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> QuarkusTransaction.requiringNew().call(() -> account(identity, token)));
    }

    private SecurityIdentity account(SecurityIdentity identity, JsonWebToken token) {
        Object claim = token.getClaim(config.oidc().usernameClaim());
        String username = claim == null ? null : claim.toString().strip().toLowerCase(Locale.ROOT);
        if (username == null || username.isEmpty()) {
            throw new AuthenticationFailedException("the token has no " + config.oidc().usernameClaim() + " claim");
        }
        Optional<String> mapped = roleFromGroups(token);
        AgentAccount account = AgentAccount.findById(username);
        if (account == null) {
            String role = mapped.or(() -> config.oidc().defaultRole()).orElse(null);
            if (role == null || !Roles.known(role)) {
                audit.record(Action.SIGN_IN, Outcome.REFUSED, username, null, null,
                        "single sign-on: no Tiski account and no role for the provider's groups");
                throw new AuthenticationFailedException("no Tiski account for " + username);
            }
            account = new AgentAccount();
            account.username = username;
            account.displayName = Optional.ofNullable(token.<Object>getClaim("name")).map(Object::toString)
                    .orElse(username);
            account.email = Optional.ofNullable(token.<Object>getClaim("email")).map(Object::toString).orElse(null);
            account.role = role;
            account.locale = Optional.ofNullable(token.<Object>getClaim("locale")).map(l -> l.toString()
                    .toLowerCase(Locale.ROOT)).map(l -> l.length() > 2 ? l.substring(0, 2) : l)
                    .filter(AgentAccounts.LOCALES::contains).orElse("en");
            account.createdAt = Instant.now();
            account.persist();
            audit.record(Action.ACCOUNT_CREATED, Outcome.SUCCESS, "single sign-on", username, null, "role " + role);
        } else if (account.disabled()) {
            throw new AuthenticationFailedException("the account " + username + " is disabled");
        } else if (mapped.isPresent() && !mapped.get().equals(account.role)) {
            audit.record(Action.ROLE_CHANGED, Outcome.SUCCESS, "single sign-on", username, null,
                    account.role + " -> " + mapped.get() + " (provider groups)");
            account.role = mapped.get();
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username)).addRole(account.role)
                .addCredentials(identity.getCredentials()).addAttributes(identity.getAttributes())
                .addAttribute(SINGLE_SIGN_ON, true);
        return builder.build();
    }

    private Optional<String> roleFromGroups(JsonWebToken token) {
        Object claim = token.getClaim(config.oidc().groupsClaim());
        Collection<String> groups;
        if (claim instanceof Collection<?> many) {
            groups = many.stream().map(g -> g.toString().replace("\"", "")).toList();
        } else if (claim instanceof jakarta.json.JsonArray array) {
            groups = array.stream().map(v -> v instanceof jakarta.json.JsonString s ? s.getString() : v.toString())
                    .toList();
        } else {
            groups = claim == null ? List.of() : List.of(claim.toString());
        }
        return Roles.ALL.stream().filter(role -> {
            String group = config.oidc().roleGroups().get(role);
            return group != null && groups.contains(group);
        }).findFirst();
    }
}
