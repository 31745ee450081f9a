using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Identity;
using FoccoCrm.Web.Features.Account;
using FoccoCrm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace FoccoCrm.Web.Api;

public sealed record TokenRequest(string Email, string Password);
public sealed record TokenResponse(string Token, DateTime ExpiresAt);
public sealed record MeResponse(string Email, string Name, IReadOnlyList<string> Roles, IReadOnlyList<CompanyRef> Companies, int? CurrentCompanyId);
public sealed record PersonalTokenRequest(string Name, int? ValidDays);

/// <summary>/api: minimal endpoints with bearer tokens. Every call goes through the same Core services as the UI.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapFoccoApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithOpenApi_();

        // An address under /api that no endpoint serves answers like the API does (problem details), not with the
        // app's HTML "page not found".
        app.MapFallback("/api/{**path}", () => Results.Problem(statusCode: 404, title: "Not Found",
            detail: "No API endpoint at this address and method; the reference is at /scalar.")).ExcludeFromDescription();

        api.MapPost("/auth/token", async (TokenRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn, ApiTokenService tokens) =>
        {
            var user = string.IsNullOrWhiteSpace(request.Email) ? null : await users.FindByEmailAsync(request.Email.Trim());
            if (user is null || !user.IsActive)
                return Results.Problem(statusCode: 401, title: "Unauthorized", detail: "Invalid e-mail or password.");
            var check = await signIn.CheckPasswordSignInAsync(user, request.Password ?? "", lockoutOnFailure: true);
            if (check.IsLockedOut) return Results.Problem(statusCode: 423, title: "Locked", detail: "Too many failed attempts; try again later.");
            if (!check.Succeeded) return Results.Problem(statusCode: 401, title: "Unauthorized", detail: "Invalid e-mail or password.");
            var issued = await tokens.IssueSessionTokenAsync(user.Id);
            return Results.Ok(new TokenResponse(issued.Token, issued.ExpiresAtUtc));
        })
        .AllowAnonymous().RequireRateLimiting(AccountEndpoints.LoginRateLimitPolicy)
        .WithSummary("Exchange e-mail and password for a short-lived bearer token (30 minutes).")
        .Produces<TokenResponse>().ProducesProblem(401);

        var secured = app.MapSecuredApi("/api");

        secured.MapGet("/me", async (HttpContext http, UserAccessService access) =>
        {
            var me = await http.CurrentUserAsync(access);
            return Results.Ok(new MeResponse(me.Email, me.FullName, me.Roles, me.Companies, me.CurrentCompanyId));
        }).WithSummary("The authenticated user, roles and accessible companies.").Produces<MeResponse>().ProducesProblem(401);

        secured.MapGet("/companies", async (HttpContext http, UserAccessService access, CompanyService companies) =>
            Results.Ok(await companies.ListAsync(await http.CurrentUserAsync(access))))
            .WithSummary("Companies the user can access (administrators: all).").Produces<IReadOnlyList<CompanyRow>>();

        secured.MapGet("/companies/{id:int}", async (int id, HttpContext http, UserAccessService access, CompanyService companies) =>
            Results.Ok(await companies.GetAsync(await http.CurrentUserAsync(access), id)))
            .WithSummary("One company; 403 when the user has no access to it.").Produces<CompanyRow>().ProducesProblem(403).ProducesProblem(404);

        secured.MapGet("/me/tokens", async (HttpContext http, UserAccessService access, ApiTokenService tokens) =>
            Results.Ok(await tokens.ListPersonalTokensAsync(await http.CurrentUserAsync(access))))
            .WithSummary("Personal API tokens of the user (secrets are never returned).");

        secured.MapPost("/me/tokens", async (PersonalTokenRequest request, HttpContext http, UserAccessService access, ApiTokenService tokens) =>
        {
            var issued = await tokens.CreatePersonalTokenAsync(await http.CurrentUserAsync(access), request.Name, request.ValidDays);
            return Results.Ok(new TokenResponse(issued.Token, issued.ExpiresAtUtc));
        }).WithSummary("Create a personal API token; the secret is returned once.");

        secured.MapDelete("/me/tokens/{id:int}", async (int id, HttpContext http, UserAccessService access, ApiTokenService tokens) =>
        {
            await tokens.RevokeAsync(await http.CurrentUserAsync(access), id);
            return Results.NoContent();
        }).WithSummary("Revoke a personal API token.");

        return app;
    }

    private static RouteGroupBuilder WithOpenApi_(this RouteGroupBuilder group) => group.WithTags("FoccoCrm API");
}
