package io.tiski.ticket.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.tiski.ticket.config.SecurityConfig;
import io.tiski.ticket.repository.AgentAccount;
import io.tiski.ticket.repository.TicketLabels;
import io.tiski.ticket.security.AgentSignIn;
import io.tiski.ticket.security.ClientAddress;
import io.tiski.ticket.security.SessionCookieAuthenticationMechanism;
import io.tiski.ticket.security.SessionIdentityProvider;
import io.tiski.ticket.security.SingleSignOnAccounts;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(SessionPaths.SESSION)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sign-in", description = "Browser sessions of local accounts (HttpOnly cookie plus a CSRF token)")
public class SessionResource {
    private final AgentSignIn signIn;
    private final SecurityIdentity identity;
    private final SecurityConfig config;
    private final TicketLabels labels;

    SessionResource(AgentSignIn signIn, SecurityIdentity identity, SecurityConfig config, TicketLabels labels) {
        this.signIn = signIn;
        this.identity = identity;
        this.config = config;
        this.labels = labels;
    }

    @Schema(description = "A local account's name and password")
    public record Credentials(
            @Schema(examples = "maija") @NotBlank(message = "is required") @Size(max = 100,
                    message = "must be at most 100 characters") String username,
            @Schema(examples = "kolme kenkaa ja sateenvarjo") @NotNull(message = "is required") @Size(max = 1000,
                    message = "must be at most 1000 characters") String password) {
    }

    @Schema(description = "Who is signed in, and the token every change made with the cookie must carry in "
            + "X-CSRF-Token")
    public record SignedInAgent(String username, String displayName, String role, String locale,
            @Schema(description = "Null when signed in with an API token (no cookie, no CSRF token needed)")
            String csrfToken,
            @Schema(description = "When the session ends at the latest") Instant expiresAt,
            @Schema(description = "The agent's teams, for the inbox's team views") List<String> teams) {
    }

    @POST
    @PermitAll
    @SecurityRequirements
    @Operation(summary = "Sign in with a local account; sets the session cookie",
            description = "Five wrong passwords in a row lock the account for 15 minutes; one address may try 20 "
                    + "times a minute. Both answer 429 with Retry-After.")
    @APIResponse(responseCode = "200", description = "Signed in")
    @APIResponse(responseCode = "401", description = "Wrong username or password")
    @APIResponse(responseCode = "429", description = "Too many attempts (Retry-After)")
    public Response signIn(@Valid @NotNull(message = "the body is empty") Credentials credentials,
            @Context HttpServerRequest request) {
        AgentSignIn.Result result = signIn.signIn(credentials.username().strip().toLowerCase(java.util.Locale.ROOT),
                credentials.password(), ClientAddress.of(request), request.getHeader("User-Agent"));
        if (result instanceof AgentSignIn.SignedIn signedIn) {
            AgentAccount account = signedIn.account();
            return Response.ok(new SignedInAgent(account.username, account.displayName, account.role,
                    account.locale, signedIn.session().csrfToken, signedIn.session().expiresAt,
                    List.copyOf(labels.teamsOf(account.username))))
                    .cookie(cookie(signedIn.cookieValue(), config.session().maxAge()))
                    .header("Cache-Control", "no-store").build();
        }
        if (result instanceof AgentSignIn.Throttled throttled) {
            long seconds = Math.max(1, throttled.retryAfter().toSeconds());
            return Response.fromResponse(Problem.response(429, "Too many sign-in attempts", "Too many attempts; "
                    + "try again in " + seconds + " seconds, or ask an administrator to unlock the account.", null))
                    .header("Retry-After", String.valueOf(seconds)).build();
        }
        return Problem.response(401, "Sign-in refused", "The username or the password is wrong.", null);
    }

    @GET
    @Path("/sso")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Sign in through the OpenID Connect provider (browser redirect); sets the session cookie",
            description = "Only where single sign-on is set up (TISKI_OIDC_ENABLED). The browser is sent to the "
                    + "provider and back, then to the web UI with a Tiski session like a local sign-in's.")
    @APIResponse(responseCode = "303", description = "Signed in: on to the web UI")
    public Response singleSignOn(@Context HttpServerRequest request) {
        if (!Boolean.TRUE.equals(identity.getAttribute(SingleSignOnAccounts.SINGLE_SIGN_ON))) {
            // already signed in with a Tiski session or token: nothing to do
            return Response.seeOther(java.net.URI.create(config.oidc().afterSignIn())).build();
        }
        AgentSignIn.SignedIn signedIn = signIn.singleSignOn(identity.getPrincipal().getName(),
                ClientAddress.of(request), request.getHeader("User-Agent"));
        return Response.seeOther(java.net.URI.create(config.oidc().afterSignIn()))
                .cookie(cookie(signedIn.cookieValue(), config.session().maxAge())).header("Cache-Control", "no-store")
                .build();
    }

    /** The session cookie: HttpOnly, SameSite=Strict, Secure unless switched off; max age 0 clears it. */
    private NewCookie cookie(String value, java.time.Duration maxAge) {
        return new NewCookie.Builder(SessionCookieAuthenticationMechanism.COOKIE).value(value).path("/")
                .httpOnly(true).secure(config.session().secureCookie()).sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) maxAge.toSeconds()).build();
    }

    @GET
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Who is signed in, with the session's CSRF token")
    @Transactional(Transactional.TxType.SUPPORTS)
    public Response current() {
        String username = identity.getPrincipal().getName();
        AgentAccount account = AgentAccount.findById(username);
        String role = identity.getRoles().stream().findFirst().orElse(null);
        String csrf = identity.getAttribute(SessionIdentityProvider.CSRF_TOKEN);
        Instant expires = identity.getAttribute(SessionIdentityProvider.EXPIRES_AT);
        return Response.ok(new SignedInAgent(username, account == null ? username : account.displayName, role,
                account == null ? "en" : account.locale, csrf, expires, List.copyOf(labels.teamsOf(username))))
                .header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Sign out: ends this browser session and clears its cookie")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Response signOut(@Context HttpServerRequest request) {
        String session = identity.getAttribute(SessionIdentityProvider.SESSION);
        if (session != null) {
            signIn.signOut(session, identity.getPrincipal().getName(), ClientAddress.of(request));
        }
        return Response.noContent().cookie(cookie("", java.time.Duration.ZERO)).build();
    }
}
