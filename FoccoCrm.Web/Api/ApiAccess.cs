using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace FoccoCrm.Web.Api;

/// <summary>What every /api endpoint file shares: the bearer-secured group and the acting user.</summary>
public static class ApiAccess
{
    /// <summary>A group under <paramref name="prefix"/> that needs an API token, tagged for the OpenAPI document.</summary>
    public static RouteGroupBuilder MapSecuredApi(this IEndpointRouteBuilder app, string prefix) =>
        app.MapGroup(prefix).WithTags("FoccoCrm API")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiTokenAuthenticationHandler.SchemeName });

    /// <summary>
    /// The token's user as the Core services see it (loaded once per request, by the token's authentication); an inactive
    /// user is refused.
    /// </summary>
    public static async Task<CurrentUser> CurrentUserAsync(this HttpContext http, UserAccessService access)
    {
        if (http.Items.TryGetValue(typeof(CurrentUser), out var known) && known is CurrentUser user && user.Id == http.User.UserId()) return user;
        return await access.LoadAsync(http.User.UserId() ?? "", http.RequestAborted) ?? throw new ForbiddenException("Inactive user.");
    }
}
