package io.friendchat.adapter.rest.admin;

import io.friendchat.adapter.rest.internal.Json;
import io.friendchat.adapter.rest.internal.JsonFields;
import io.friendchat.adapter.rest.internal.QueryParams;
import io.friendchat.adapter.rest.internal.RequestBody;
import io.friendchat.application.directory.ManageAccounts;
import io.friendchat.domain.account.AccountNotFound;
import io.friendchat.domain.directory.AccountChanges;
import io.friendchat.domain.directory.AccountDraft;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /admin/accounts/}: creates, shows and changes accounts of the built-in directory. */
@Path("admin/accounts")
public final class AccountsResource {

    private final AdminGate gate;
    private final ManageAccounts accounts;

    public AccountsResource(AdminGate gate, ManageAccounts accounts) {
        this.gate = gate;
        this.accounts = accounts;
    }

    @POST
    public Response create(@Context HttpHeaders headers, @Context ContainerRequestContext request) {
        gate.check(headers);
        JsonFields body = RequestBody.read(request).json();
        // Read by no call here, the query is still refused when malformed (API.md), after the body's size and type.
        QueryParams.of(request.getUriInfo());
        AccountDraft draft = AccountFields.draft(body);
        return Json.response(201, AccountJson.of(accounts.create(draft)));
    }

    @GET
    @Path("{username}")
    public Response show(@Context HttpHeaders headers, @Context UriInfo uri, @PathParam("username") String username) {
        gate.check(headers);
        QueryParams.of(uri);
        return Json.ok(AccountJson.of(accounts.find(username).orElseThrow(() -> new AccountNotFound(username))));
    }

    @PATCH
    @Path("{username}")
    public Response change(@Context HttpHeaders headers, @Context ContainerRequestContext request,
                           @PathParam("username") String username) {
        gate.check(headers);
        JsonFields body = RequestBody.read(request).json();
        QueryParams.of(request.getUriInfo());
        AccountChanges changes = AccountFields.changes(body);
        return Json.ok(AccountJson.of(accounts.update(username, changes)
                .orElseThrow(() -> new AccountNotFound(username))));
    }
}
