using System.Security.Claims;
using System.Text.Encodings.Web;
using FoccoCrm.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FoccoCrm.Web.Infrastructure;

/// <summary>"Authorization: Bearer fcrm_…" for /api: session tokens and personal tokens (see ApiTokenService).</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokenService tokens, UserAccessService access)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var userId = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        var user = userId is null ? null : await access.LoadAsync(userId, Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("Invalid, expired or revoked token.");
        Context.Items[typeof(CurrentUser)] = user; // the endpoint's acting user, without reading it again (ApiAccess)
        var identity = new ClaimsIdentity(UserClaims.For(user), SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "Unauthorized", detail: "A valid bearer token is required (POST /api/auth/token).").ExecuteAsync(Context);
    }
}

public static class UserClaims
{
    public static IEnumerable<Claim> For(CurrentUser user) =>
        new[] { new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Email), new Claim(ClaimTypes.Email, user.Email) }
            .Concat(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));

    public static string? UserId(this ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.NameIdentifier);
}
