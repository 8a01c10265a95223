package io.tiski.ticket.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.tiski.ticket.security.AgentAccounts;
import io.tiski.ticket.security.ApiTokens;
import io.tiski.ticket.security.ClientAddress;
import io.tiski.ticket.security.SessionIdentityProvider;
import io.vertx.core.http.HttpServerRequest;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "My account", description = "The calling agent's password and personal API tokens")
@SecurityRequirement(name = "bearer")
@Authenticated
public class OwnAccountResource {
    private final AgentAccounts accounts;
    private final ApiTokens tokens;
    private final SecurityIdentity identity;

    OwnAccountResource(AgentAccounts accounts, ApiTokens tokens, SecurityIdentity identity) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.identity = identity;
    }

    @Schema(description = "A new personal API token")
    public record NewToken(@Schema(examples = "order-sync") @NotBlank(message = "is required")
            @Size(max = 100, message = "must be at most 100 characters") String name,
            @Schema(description = "Your role or a lower one; yours when absent", examples = "read-only") String role,
            @Schema(description = "Days until it expires (90 when absent)", examples = "30")
            @Min(value = 1, message = "must be at least 1") @Max(value = 3650, message = "is too long")
            Integer expiresInDays) {
    }

    @Schema(description = "A password change, proven with the current password")
    public record PasswordChange(@NotNull(message = "is required") @Size(max = 1000,
            message = "must be at most 1000 characters") String currentPassword,
            @NotNull(message = "is required") @Size(max = 1000, message = "must be at most 1000 characters")
            String newPassword) {
    }

    @GET
    @Path("/tokens")
    @Operation(summary = "My API tokens (without secrets)")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AccountViews.Token> myTokens() {
        return tokens.of(me()).stream().map(AccountViews.Token::of).toList();
    }

    @POST
    @Path("/tokens")
    @Operation(summary = "Make a personal API token; its secret is shown only in this answer")
    public Response createToken(@Valid @NotNull(message = "the body is empty") NewToken token,
            @Context HttpServerRequest request) {
        String role = identity.getRoles().stream().findFirst().orElseThrow();
        ApiTokens.Created created = tokens.create(me(), role, token.name(), token.role(),
                token.expiresInDays() == null ? null : Duration.ofDays(token.expiresInDays()),
                ClientAddress.of(request));
        return Response.status(201).header("Cache-Control", "no-store").entity(new AccountViews.CreatedToken(
                created.token().id, created.token().name, created.token().role, created.token().expiresAt,
                created.secret())).build();
    }

    @DELETE
    @Path("/tokens/{id}")
    @Operation(summary = "Revoke one of my API tokens")
    public AccountViews.Token revokeToken(@PathParam("id") UUID id, @Context HttpServerRequest request) {
        return AccountViews.Token.of(tokens.revoke(me(), id, me(), ClientAddress.of(request)));
    }

    @PUT
    @Path("/password")
    @Operation(summary = "Change my password; my other sessions end")
    public Response changePassword(@Valid @NotNull(message = "the body is empty") PasswordChange change,
            @Context HttpServerRequest request) {
        boolean changed = accounts.changeOwnPassword(me(), change.currentPassword(), change.newPassword(),
                identity.getAttribute(SessionIdentityProvider.SESSION), ClientAddress.of(request));
        return changed ? Response.noContent().build()
                : Problem.response(403, "Forbidden", "The current password is wrong.", null);
    }

    @Schema(description = "How the agent's screens speak")
    public record Preferences(@Schema(examples = "fi") @jakarta.validation.constraints.Pattern(regexp = "fi|sv|en",
            message = "must be fi, sv or en") String locale,
            @Schema(examples = "Maija Virtanen") @Size(min = 1, max = 200, message = "must be 1 to 200 characters")
            String displayName) {
    }

    @PUT
    @Path("/preferences")
    @Operation(summary = "Choose my language (fi, sv, en) and the name customers and colleagues see")
    public Preferences changePreferences(@Valid @NotNull(message = "the body is empty") Preferences preferences,
            @Context HttpServerRequest request) {
        var account = accounts.change(me(), new AgentAccounts.Change(preferences.displayName(), null, null,
                preferences.locale(), null), me(), ClientAddress.of(request));
        return new Preferences(account.locale, account.displayName);
    }

    private String me() {
        return identity.getPrincipal().getName();
    }
}
