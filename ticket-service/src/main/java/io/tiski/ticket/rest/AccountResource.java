package io.tiski.ticket.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.tiski.ticket.security.AgentAccounts;
import io.tiski.ticket.security.ApiTokens;
import io.tiski.ticket.security.ClientAddress;
import io.tiski.ticket.security.Roles;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts", description = "Local accounts, their roles, locks and API tokens (administrators)")
@SecurityRequirement(name = "bearer")
public class AccountResource {
    private final AgentAccounts accounts;
    private final ApiTokens tokens;
    private final SecurityIdentity identity;

    AccountResource(AgentAccounts accounts, ApiTokens tokens, SecurityIdentity identity) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.identity = identity;
    }

    @Schema(description = "A new local account")
    public record NewAccount(@Schema(examples = "maija") @NotBlank(message = "is required") String username,
            @Schema(examples = "Maija Virtanen") @Size(max = 200, message = "must be at most 200 characters")
            String displayName,
            @Schema(examples = "maija@kenkakauppa.fi") @Email(message = "is not an email address") String email,
            @Schema(examples = "agent") @NotBlank(message = "is required") String role,
            @Schema(examples = "fi") String locale,
            @Schema(description = "Empty for an account that signs in only through single sign-on")
            @Size(max = 1000, message = "must be at most 1000 characters") String password) {
    }

    @Schema(description = "What to change on an account; absent fields stay as they are")
    public record AccountChange(@Size(max = 200, message = "must be at most 200 characters") String displayName,
            @Email(message = "is not an email address") String email, @Schema(examples = "team-lead") String role,
            @Schema(examples = "sv") String locale,
            @Schema(description = "A disabled account cannot sign in, its sessions end and its tokens stop working")
            Boolean disabled) {
    }

    @Schema(description = "A password set by an administrator")
    public record NewPassword(@NotNull(message = "is required") @Size(max = 1000,
            message = "must be at most 1000 characters") String password) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD})
    @Operation(summary = "Every account")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AccountViews.Account> list() {
        return accounts.list().stream().map(AccountViews.Account::of).toList();
    }

    @GET
    @Path("/{username}")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_LEAD})
    @Operation(summary = "One account")
    @Transactional(Transactional.TxType.SUPPORTS)
    public AccountViews.Account get(@PathParam("username") String username) {
        return AccountViews.Account.of(accounts.get(username));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Make a local account")
    public Response create(@Valid @NotNull(message = "the body is empty") NewAccount account,
            @Context HttpServerRequest request) {
        var made = accounts.create(account.username(), account.displayName(), account.email(), account.role(),
                account.locale(), account.password() == null || account.password().isEmpty() ? null
                        : account.password(), actor(), ClientAddress.of(request));
        return Response.status(201).entity(AccountViews.Account.of(made)).build();
    }

    @PATCH
    @Path("/{username}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change an account's name, email, role, language, or disable it")
    public AccountViews.Account change(@PathParam("username") String username,
            @Valid @NotNull(message = "the body is empty") AccountChange change, @Context HttpServerRequest request) {
        return AccountViews.Account.of(accounts.change(username, new AgentAccounts.Change(change.displayName(),
                change.email(), change.role(), change.locale(), change.disabled()), actor(),
                ClientAddress.of(request)));
    }

    @PUT
    @Path("/{username}/password")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set an account's password; its sessions end and it is unlocked")
    public Response resetPassword(@PathParam("username") String username,
            @Valid @NotNull(message = "the body is empty") NewPassword password, @Context HttpServerRequest request) {
        accounts.resetPassword(username, password.password(), actor(), ClientAddress.of(request));
        return Response.noContent().build();
    }

    @POST
    @Path("/{username}/unlock")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Unlock an account locked after failed sign-ins")
    public AccountViews.Account unlock(@PathParam("username") String username, @Context HttpServerRequest request) {
        return AccountViews.Account.of(accounts.unlock(username, actor(), ClientAddress.of(request)));
    }

    @GET
    @Path("/{username}/tokens")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "An agent's API tokens (without secrets)")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AccountViews.Token> tokens(@PathParam("username") String username) {
        return tokens.of(username).stream().map(AccountViews.Token::of).toList();
    }

    @DELETE
    @Path("/{username}/tokens/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Revoke an agent's API token")
    public AccountViews.Token revoke(@PathParam("username") String username, @PathParam("id") UUID id,
            @Context HttpServerRequest request) {
        return AccountViews.Token.of(tokens.revoke(username, id, actor(), ClientAddress.of(request)));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
