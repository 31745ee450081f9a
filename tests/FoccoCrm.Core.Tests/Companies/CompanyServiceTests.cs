using FluentValidation;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Identity;

namespace FoccoCrm.Core.Tests.Companies;

public class CompanyServiceTests : DbTest
{
    private CompanyService Service => t.Get<CompanyService>();

    private static CompanyInput Valid(string code = "10") => new() { Code = code, Name = "Indústria Teste", Cnpj = "11.222.333/0001-81", TimeZoneId = "America/Sao_Paulo" };

    [Fact]
    public async Task Create_ByAdministrator_StoresNormalizedCnpj()
    {
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator);
        var id = await Service.CreateAsync(admin, Valid() with { Cnpj = "12.abc.345/01de-35" });
        var row = await Service.GetAsync(admin, id);
        Assert.Equal("12ABC34501DE35", row.Cnpj);
        Assert.Equal("12.ABC.345/01DE-35", row.CnpjFormatted);
    }

    [Fact]
    public async Task Create_ByNonAdministrator_IsForbidden()
    {
        var c1 = await t.CompanyAsync("01");
        var manager = await t.UserAsync("g@x.test", Roles.Manager, c1);
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.CreateAsync(manager, Valid()));
    }

    [Theory]
    [InlineData("11.222.333/0001-82", nameof(CompanyInput.Cnpj))]
    [InlineData("", nameof(CompanyInput.Cnpj))]
    public async Task Create_WithBadCnpj_IsRejectedAndNothingSaved(string cnpj, string property)
    {
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator);
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Service.CreateAsync(admin, Valid() with { Cnpj = cnpj }));
        Assert.Contains(ex.Errors, e => e.PropertyName == property);
        Assert.Empty(await Service.ListAsync(admin));
    }

    [Fact]
    public async Task Create_WithUnknownTimeZone_IsRejected()
    {
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator);
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Service.CreateAsync(admin, Valid() with { TimeZoneId = "Mars/Olympus" }));
        Assert.Contains(ex.Errors, e => e.PropertyName == nameof(CompanyInput.TimeZoneId));
    }

    [Fact]
    public async Task Create_DuplicateCode_IsRejected()
    {
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator);
        await Service.CreateAsync(admin, Valid("10"));
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Service.CreateAsync(admin, Valid("10") with { Cnpj = "12.ABC.345/01DE-35" }));
        Assert.Contains(ex.Errors, e => e.PropertyName == nameof(CompanyInput.Code));
    }

    [Fact]
    public async Task Update_WithStaleVersion_IsAConflictShowingTheirValues()
    {
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator);
        var id = await Service.CreateAsync(admin, Valid());
        var seen = await Service.GetAsync(admin, id);
        await Service.UpdateAsync(admin, id, seen.ToInput() with { Name = "Saved first" }, seen.Version);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service.UpdateAsync(admin, id, seen.ToInput() with { Name = "Saved second" }, seen.Version));
        Assert.Equal("Saved first", Assert.IsType<CompanyRow>(ex.Current).Name);
        Assert.Equal("Saved first", (await Service.GetAsync(admin, id)).Name);
    }

    [Fact]
    public async Task Delete_CompanyWithUsers_IsRefused_AndDeactivateIsOffered()
    {
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator);
        var id = await Service.CreateAsync(admin, Valid());
        await t.UserAsync("a@x.test", Roles.Agent, id);
        var ex = await Assert.ThrowsAsync<BusinessRuleException>(() => Service.DeleteAsync(admin, id));
        Assert.Contains("desative", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(await Service.ListAsync(admin));
    }

    [Fact]
    public async Task Delete_UnusedCompany_Works()
    {
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator);
        var id = await Service.CreateAsync(admin, Valid());
        await Service.DeleteAsync(admin, id);
        Assert.Empty(await Service.ListAsync(admin));
    }

    [Fact]
    public async Task User_CannotReadACompanyTheyHaveNoAccessTo()
    {
        var c1 = await t.CompanyAsync("01");
        var c2 = await t.CompanyAsync("02");
        var agent = await t.UserAsync("a@x.test", Roles.Agent, c1);

        Assert.Equal("01", (await Service.GetAsync(agent, c1)).Code);
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.GetAsync(agent, c2));
        Assert.Equal(["01"], (await Service.ListAsync(agent)).Select(c => c.Code));
    }

    [Fact]
    public async Task User_CannotWriteAnotherCompany()
    {
        var c1 = await t.CompanyAsync("01");
        var c2 = await t.CompanyAsync("02");
        var manager = await t.UserAsync("g@x.test", Roles.Manager, c1);
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator, c1, c2);
        var other = await Service.GetAsync(admin, c2);

        await Assert.ThrowsAsync<ForbiddenException>(() => Service.UpdateAsync(manager, c2, other.ToInput() with { Name = "hacked" }, other.Version));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.DeleteAsync(manager, c2));
        Assert.Equal(other.Name, (await Service.GetAsync(admin, c2)).Name);
    }
}
