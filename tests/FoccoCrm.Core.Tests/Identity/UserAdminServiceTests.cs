using FluentValidation;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Demo;
using FoccoCrm.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core.Tests.Identity;

public class UserAdminServiceTests : DbTest
{
    private UserAdminService Admin => t.Get<UserAdminService>();

    private async Task<bool> PasswordWorks(string email, string password)
    {
        await using var scope = t.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        return user is not null && await users.CheckPasswordAsync(user, password);
    }

    [Fact]
    public async Task Create_WithRolesAndCompanies_CanSignIn()
    {
        var c1 = await t.CompanyAsync("01");
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator, c1);
        var id = await Admin.CreateAsync(admin, new UserInput { Email = "novo@x.test", FullName = "Novo Atendente", Password = "uma frase longa", Roles = [Roles.Agent], CompanyIds = [c1] });

        var loaded = await t.Get<UserAccessService>().LoadAsync(id);
        Assert.Equal([Roles.Agent], loaded!.Roles);
        Assert.Equal(c1, loaded.CurrentCompanyId);
        Assert.True(await PasswordWorks("novo@x.test", "uma frase longa"));
    }

    [Theory]
    [InlineData("curta")]
    [InlineData("elevenchars")]
    public async Task Create_WithPasswordUnder12Characters_IsRejected(string password)
    {
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator);
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Admin.CreateAsync(admin, new UserInput { Email = "n@x.test", FullName = "N", Password = password, Roles = [Roles.Agent] }));
        Assert.Contains(ex.Errors, e => e.PropertyName == nameof(UserInput.Password));
        Assert.DoesNotContain(await Admin.ListAsync(admin), u => u.Email == "n@x.test");
    }

    [Fact]
    public async Task Password_NeedsNoCompositionRules()
    {
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator);
        await Admin.CreateAsync(admin, new UserInput { Email = "n@x.test", FullName = "N", Password = "aaaaaaaaaaab", Roles = [Roles.Agent] });
        Assert.True(await PasswordWorks("n@x.test", "aaaaaaaaaaab"));
    }

    [Fact]
    public async Task Create_WithoutRoleOrWithUnknownRole_IsRejected()
    {
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator);
        await Assert.ThrowsAsync<ValidationException>(() => Admin.CreateAsync(admin, new UserInput { Email = "n@x.test", FullName = "N", Password = "uma frase longa", Roles = [] }));
        await Assert.ThrowsAsync<ValidationException>(() => Admin.CreateAsync(admin, new UserInput { Email = "n@x.test", FullName = "N", Password = "uma frase longa", Roles = ["Root"] }));
    }

    [Fact]
    public async Task Create_DuplicateEmail_IsRejected()
    {
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator);
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Admin.CreateAsync(admin, new UserInput { Email = "adm@x.test", FullName = "N", Password = "uma frase longa", Roles = [Roles.Agent] }));
        Assert.Contains(ex.Errors, e => e.PropertyName == nameof(UserInput.Email));
    }

    [Fact]
    public async Task NonAdministrator_CannotManageUsers()
    {
        var c1 = await t.CompanyAsync("01");
        var manager = await t.UserAsync("g@x.test", Roles.Manager, c1);
        var agent = await t.UserAsync("a@x.test", Roles.Agent, c1);
        await Assert.ThrowsAsync<ForbiddenException>(() => Admin.ListAsync(manager));
        await Assert.ThrowsAsync<ForbiddenException>(() => Admin.CreateAsync(manager, new UserInput { Email = "n@x.test", FullName = "N", Password = "uma frase longa", Roles = [Roles.Administrator] }));
        await Assert.ThrowsAsync<ForbiddenException>(() => Admin.ResetPasswordAsync(manager, agent.Id, "uma frase longa"));
    }

    [Fact]
    public async Task Update_ChangesRolesAndCompanies()
    {
        var c1 = await t.CompanyAsync("01");
        var c2 = await t.CompanyAsync("02");
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator, c1, c2);
        var agent = await t.UserAsync("a@x.test", Roles.Agent, c1);
        await Admin.UpdateAsync(admin, agent.Id, new UserInput { Email = agent.Email, FullName = "Promovido", Roles = [Roles.Manager], CompanyIds = [c2] });

        var loaded = await t.Get<UserAccessService>().LoadAsync(agent.Id);
        Assert.Equal("Promovido", loaded!.FullName);
        Assert.Equal([Roles.Manager], loaded.Roles);
        Assert.Equal([c2], loaded.CompanyIds);
        Assert.Equal(c2, loaded.CurrentCompanyId);
    }

    [Fact]
    public async Task Deactivate_RevokesApiTokens_AndSelfDeactivationIsRefused()
    {
        var c1 = await t.CompanyAsync("01");
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator, c1);
        var agent = await t.UserAsync("a@x.test", Roles.Agent, c1);
        var tokens = t.Get<ApiTokenService>();
        var token = await tokens.CreatePersonalTokenAsync(agent, "erp", null);
        Assert.Equal(agent.Id, await tokens.ValidateAsync(token.Token));

        await Admin.UpdateAsync(admin, agent.Id, new UserInput { Email = agent.Email, FullName = "x", Roles = [Roles.Agent], CompanyIds = [c1], IsActive = false });
        Assert.Null(await tokens.ValidateAsync(token.Token));

        await Assert.ThrowsAsync<BusinessRuleException>(() => Admin.UpdateAsync(admin, admin.Id, new UserInput { Email = admin.Email, FullName = "x", Roles = [Roles.Administrator], IsActive = false }));
    }

    [Fact]
    public async Task ResetPassword_SetsNewPasswordAndClearsLockout()
    {
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator);
        var agent = await t.UserAsync("a@x.test", Roles.Agent);
        await using (var scope = t.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var u = (await users.FindByIdAsync(agent.Id))!;
            for (var i = 0; i < 5; i++) await users.AccessFailedAsync(u);
            Assert.True(await users.IsLockedOutAsync(u));
        }
        await Admin.ResetPasswordAsync(admin, agent.Id, "outra frase secreta");
        Assert.True(await PasswordWorks("a@x.test", "outra frase secreta"));
        Assert.False(Assert.Single(await Admin.ListAsync(admin), u => u.Id == agent.Id).IsLockedOut);
    }

    [Fact]
    public async Task ChangeOwnPassword_NeedsTheCurrentOne()
    {
        var agent = await t.UserAsync("a@x.test", Roles.Agent);
        await Assert.ThrowsAsync<ValidationException>(() => Admin.ChangeOwnPasswordAsync(agent.Id, "wrong password!", "nova frase secreta"));
        await Admin.ChangeOwnPasswordAsync(agent.Id, FoundationDemoSeeder.Password, "nova frase secreta");
        Assert.True(await PasswordWorks("a@x.test", "nova frase secreta"));
    }

    [Fact]
    public async Task LinkedPerson_IsSavedAndListed_AndARepresentativeLoginNeedsARepresentativePerson()
    {
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator);
        var c1 = await t.CompanyAsync("01");
        var persons = t.Get<Core.Persons.PersonService>();
        var customer = await persons.CreateAsync(admin, Tests.Persons.PersonServiceTests.Legal("Cliente", 1));
        var rep = await persons.CreateAsync(admin, Tests.Persons.PersonServiceTests.Legal("Representações Sul", 2, Core.Persons.PersonRoles.Representative));
        var input = new UserInput { Email = "rep@x.test", FullName = "Rep", Password = "uma frase longa", Roles = [Roles.Representative], CompanyIds = [c1], PersonId = customer };

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Admin.CreateAsync(admin, input));
        Assert.Contains(ex.Errors, e => e.PropertyName == nameof(UserInput.PersonId) && e.ErrorMessage.Contains("Cliente"));
        await Assert.ThrowsAsync<ValidationException>(() => Admin.CreateAsync(admin, input with { PersonId = 999_999 }));
        Assert.DoesNotContain(await Admin.ListAsync(admin), u => u.Email == "rep@x.test"); // nothing half-written

        var id = await Admin.CreateAsync(admin, input with { PersonId = rep });
        var row = Assert.Single(await Admin.ListAsync(admin, "rep@"));
        Assert.Equal((rep, "Representações Sul"), (row.PersonId, row.PersonName));

        await Admin.UpdateAsync(admin, id, input with { PersonId = null });
        Assert.Null(Assert.Single(await Admin.ListAsync(admin, "rep@")).PersonId);
    }
}
