using System.Collections.Concurrent;
using System.Security.Claims;
using FoccoCrm.Core.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FoccoCrm.Web.Infrastructure;

/// <summary>
/// Re-checks an open circuit's user every 60–90 s: a deactivated user, or one whose security stamp changed (password reset,
/// deactivation), loses the circuit's authentication. Each circuit waits its own interval (a thousand boards opened at 9:00
/// do not all check in the same second), and the user is read through <see cref="SignedInUsers"/>, once per user for all
/// their circuits.
/// </summary>
public sealed class RevalidatingAuthStateProvider(ILoggerFactory loggerFactory, SignedInUsers users, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly TimeSpan interval = TimeSpan.FromSeconds(60 + Random.Shared.Next(0, 30));

    protected override TimeSpan RevalidationInterval => interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        var claims = options.Value.ClaimsIdentity;
        var id = state.User.FindFirstValue(claims.UserIdClaimType);
        return id is null ? Task.FromResult(false) : users.IsCurrentAsync(id, state.User.FindFirstValue(claims.SecurityStampClaimType));
    }
}

/// <summary>
/// Whether a signed-in user is still current: the account exists, is active and has the security stamp the sign-in carried.
/// Read from the database at most once per <see cref="MaxAge"/> per user, whatever the number of circuits (tabs, boards) the
/// user has open; a deactivation or password reset reaches every circuit within the revalidation interval plus this age.
/// </summary>
public sealed class SignedInUsers(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, Task<Account> Read)> accounts = new();

    private sealed record Account(bool Active, bool UsesStamp, string? Stamp);

    public async Task<bool> IsCurrentAsync(string userId, string? stamp)
    {
        var now = clock.GetUtcNow();
        var entry = accounts.AddOrUpdate(userId, id => (now, ReadAsync(id)),
            (id, known) => now - known.At < MaxAge && !known.Read.IsFaulted ? known : (now, ReadAsync(id)));
        var account = await entry.Read.ConfigureAwait(false);
        return account.Active && (!account.UsesStamp || account.Stamp == stamp);
    }

    private async Task<Account> ReadAsync(string id)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(id);
        if (user is null || !user.IsActive) return new Account(false, false, null);
        return users.SupportsUserSecurityStamp ? new Account(true, true, await users.GetSecurityStampAsync(user)) : new Account(true, false, null);
    }
}
