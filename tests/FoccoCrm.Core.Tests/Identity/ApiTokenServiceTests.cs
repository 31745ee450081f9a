using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;

namespace FoccoCrm.Core.Tests.Identity;

public class ApiTokenServiceTests : DbTest
{
    private ApiTokenService Tokens => t.Get<ApiTokenService>();

    [Fact]
    public async Task SessionToken_WorksUntilItExpires()
    {
        var user = await t.UserAsync("a@x.test", Roles.Agent);
        var issued = await Tokens.IssueSessionTokenAsync(user.Id);
        Assert.Equal(t.Clock.GetUtcNow().UtcDateTime + ApiTokenService.SessionLifetime, issued.ExpiresAtUtc);
        Assert.Equal(user.Id, await Tokens.ValidateAsync(issued.Token));

        t.Clock.Advance(ApiTokenService.SessionLifetime + TimeSpan.FromSeconds(1));
        Assert.Null(await Tokens.ValidateAsync(issued.Token));
    }

    [Fact]
    public async Task PersonalToken_IsStoredHashed_AndRevocable()
    {
        var user = await t.UserAsync("a@x.test", Roles.Agent);
        var issued = await Tokens.CreatePersonalTokenAsync(user, "Integração ERP", 30);
        await using (var db = await t.DbAsync())
            Assert.DoesNotContain(db.ApiTokens, x => x.TokenHash == issued.Token || x.Prefix == issued.Token);

        var row = Assert.Single(await Tokens.ListPersonalTokensAsync(user));
        Assert.Equal("Integração ERP", row.Name);
        Assert.StartsWith(row.Prefix, issued.Token);

        await Tokens.RevokeAsync(user, row.Id);
        Assert.Null(await Tokens.ValidateAsync(issued.Token));
        Assert.True(Assert.Single(await Tokens.ListPersonalTokensAsync(user)).IsRevoked);
    }

    [Fact]
    public async Task PersonalToken_CannotBeRevokedByAnotherUser()
    {
        var owner = await t.UserAsync("a@x.test", Roles.Agent);
        var other = await t.UserAsync("b@x.test", Roles.Agent);
        var issued = await Tokens.CreatePersonalTokenAsync(owner, "erp", null);
        var id = Assert.Single(await Tokens.ListPersonalTokensAsync(owner)).Id;
        await Assert.ThrowsAsync<NotFoundException>(() => Tokens.RevokeAsync(other, id));
        Assert.Equal(owner.Id, await Tokens.ValidateAsync(issued.Token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("fcrm_nope")]
    [InlineData("Bearer something")]
    public async Task UnknownTokens_AreRejected(string token) => Assert.Null(await Tokens.ValidateAsync(token));

    [Fact]
    public async Task PersonalToken_WithoutName_IsRejected()
    {
        var user = await t.UserAsync("a@x.test", Roles.Agent);
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => Tokens.CreatePersonalTokenAsync(user, "  ", null));
    }
}
