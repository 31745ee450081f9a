using FoccoCrm.Core.Identity;
using FoccoCrm.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FoccoCrm.Web.Tests.Http;

/// <summary>The circuits' revalidation: one read per user and age for all their circuits, and a deactivation or a new security stamp still ends them.</summary>
public class SignedInUsersTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AUserIsReadOncePerAge_ForAllCircuits_AndADeactivationOrNewStampEndsThemAfterIt()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var check = new SignedInUsers(app.Services.GetRequiredService<IServiceScopeFactory>(), clock);
        string id, stamp;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = "revalida@x.test", Email = "revalida@x.test", FullName = "Revalida", IsActive = true };
            Assert.True((await users.CreateAsync(user, "Senha#Forte2026")).Succeeded);
            id = user.Id;
            stamp = (await users.GetSecurityStampAsync(user))!;
        }

        Assert.True(await check.IsCurrentAsync(id, stamp));
        Assert.False(await check.IsCurrentAsync(id, "an old stamp"));
        Assert.False(await check.IsCurrentAsync("no such user", stamp));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(id))!;
            user.IsActive = false;
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }
        // Within the age every circuit of the user gets the answer read before (no query per circuit)...
        for (var i = 0; i < 100; i++) Assert.True(await check.IsCurrentAsync(id, stamp));
        // ... and after it the deactivation is seen.
        clock.Advance(SignedInUsers.MaxAge);
        Assert.False(await check.IsCurrentAsync(id, stamp));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(id))!;
            user.IsActive = true;
            Assert.True((await users.UpdateAsync(user)).Succeeded);
            await users.UpdateSecurityStampAsync(user); // e.g. a password reset
        }
        clock.Advance(SignedInUsers.MaxAge);
        Assert.False(await check.IsCurrentAsync(id, stamp));
    }
}
