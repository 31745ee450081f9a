using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;

namespace FoccoCrm.Core.Tests.Identity;

public class UserAccessServiceTests : DbTest
{
    private UserAccessService Access => t.Get<UserAccessService>();

    private sealed record Ticket(int Id, int CompanyId) : ICompanyOwned;

    [Fact]
    public async Task Load_GivesRolesCompaniesAndFirstCompanyAsCurrent()
    {
        var c1 = await t.CompanyAsync("01");
        var c2 = await t.CompanyAsync("02");
        var user = await t.UserAsync("g@x.test", Roles.Manager, c2, c1);

        Assert.Equal([Roles.Manager], user.Roles);
        Assert.Equal(["01", "02"], user.Companies.Select(c => c.Code));
        Assert.True(user.CanAccess(c1) && user.CanAccess(c2));
        Assert.Equal(c1, user.CurrentCompanyId);
    }

    [Fact]
    public async Task SwitchCompany_IsRemembered()
    {
        var c1 = await t.CompanyAsync("01");
        var c2 = await t.CompanyAsync("02");
        var user = await t.UserAsync("g@x.test", Roles.Manager, c1, c2);
        await Access.SetCurrentCompanyAsync(user, c2);
        Assert.Equal(c2, (await Access.LoadAsync(user.Id))!.CurrentCompanyId);
    }

    [Fact]
    public async Task SwitchCompany_ToACompanyWithoutAccess_IsForbidden()
    {
        var c1 = await t.CompanyAsync("01");
        var c2 = await t.CompanyAsync("02");
        var user = await t.UserAsync("a@x.test", Roles.Agent, c1);
        await Assert.ThrowsAsync<ForbiddenException>(() => Access.SetCurrentCompanyAsync(user, c2));
        Assert.Equal(c1, (await Access.LoadAsync(user.Id))!.CurrentCompanyId);
    }

    [Fact]
    public async Task InactiveCompany_IsNotAccessible()
    {
        var c1 = await t.CompanyAsync("01");
        var off = await t.CompanyAsync("09", active: false);
        var user = await t.UserAsync("a@x.test", Roles.Agent, c1, off);
        Assert.False(user.CanAccess(off));
        Assert.Throws<ForbiddenException>(() => user.EnsureAccess(off));
    }

    [Fact]
    public async Task VisibleTo_KeepsOnlyRecordsOfAccessibleCompanies()
    {
        var c1 = await t.CompanyAsync("01");
        var c2 = await t.CompanyAsync("02");
        var user = await t.UserAsync("a@x.test", Roles.Agent, c1);
        var tickets = new[] { new Ticket(1, c1), new Ticket(2, c2), new Ticket(3, c1) }.AsQueryable();
        Assert.Equal([1, 3], tickets.VisibleTo(user).Select(x => x.Id));
    }

    [Fact]
    public async Task DeactivatedUser_LoadsAsNobody()
    {
        var c1 = await t.CompanyAsync("01");
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator, c1);
        var agent = await t.UserAsync("a@x.test", Roles.Agent, c1);
        await t.Get<UserAdminService>().UpdateAsync(admin, agent.Id,
            new UserInput { Email = agent.Email, FullName = "x", Roles = [Roles.Agent], CompanyIds = [c1], IsActive = false });
        Assert.Null(await Access.LoadAsync(agent.Id));
    }

    [Fact]
    public async Task Culture_OnlySupportedOnesAreKept()
    {
        var user = await t.UserAsync("a@x.test", Roles.Agent);
        await Access.SetCultureAsync(user.Id, "en-US");
        Assert.Equal("en-US", (await Access.LoadAsync(user.Id))!.Culture);
        await Assert.ThrowsAsync<BusinessRuleException>(() => Access.SetCultureAsync(user.Id, "xx-YY"));
    }
}
