using FoccoCrm.Core.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace FoccoCrm.Web.Infrastructure;

/// <summary>
/// The signed-in user of this circuit (or prerender request), loaded once through Core's
/// <see cref="UserAccessService"/> and reloaded after a change (company switch).
/// </summary>
public sealed class UserSession(AuthenticationStateProvider auth, UserAccessService access)
{
    private CurrentUser? user;

    public async Task<CurrentUser?> GetAsync(CancellationToken ct = default)
    {
        if (user is not null) return user;
        var state = await auth.GetAuthenticationStateAsync();
        var id = state.User.UserId();
        return user = id is null ? null : await access.LoadAsync(id, ct);
    }

    public async Task SwitchCompanyAsync(int companyId, CancellationToken ct = default)
    {
        var current = await GetAsync(ct) ?? throw new InvalidOperationException("Not signed in.");
        await access.SetCurrentCompanyAsync(current, companyId, ct);
        user = null;
    }
}
