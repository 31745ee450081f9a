using FluentValidation;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Parameters;

namespace FoccoCrm.Core.Tests.Parameters;

public class ParameterServiceTests : DbTest
{
    private ParameterService Service => t.Get<ParameterService>();

    private static Dictionary<string, string?> A(params (string Number, string? Value)[] answers) => answers.ToDictionary(a => a.Number, a => a.Value);

    private async Task<(int Company, CurrentUser Manager, CurrentUser Agent)> SetupAsync()
    {
        var c1 = await t.CompanyAsync("01");
        return (c1, await t.UserAsync("g@x.test", Roles.Manager, c1), await t.UserAsync("a@x.test", Roles.Agent, c1));
    }

    private async Task SaveCompanyAsync(CurrentUser user, int company, params (string, string?)[] answers)
    {
        var sheet = await Service.GetSheetAsync(user, company);
        await Service.SaveCompanyAnswersAsync(user, company, A(answers), sheet.CompanyVersions);
    }

    [Fact]
    public async Task Effective_IsUserThenCompanyThenDefault()
    {
        var (c1, manager, agent) = await SetupAsync();
        Assert.Equal(new ParameterValue("0", ParameterSource.Default), await Service.GetEffectiveAsync(agent, c1, "09"));

        await SaveCompanyAsync(manager, c1, ("09", "2"));
        Assert.Equal(new ParameterValue("2", ParameterSource.Company), await Service.GetEffectiveAsync(agent, c1, "09"));

        await Service.SaveUserAnswersAsync(agent, c1, A(("09", "5")));
        Assert.Equal(new ParameterValue("5", ParameterSource.User), await Service.GetEffectiveAsync(agent, c1, "09"));
        Assert.Equal(5, await Service.GetIntAsync(agent, c1, "09"));
        // The manager has no answer of their own: the company's applies to them.
        Assert.Equal(2, await Service.GetIntAsync(manager, c1, "09"));
        Assert.Equal(new ParameterValue("5", ParameterSource.User), await Service.GetEffectiveForUserAsync(manager, c1, agent.Id, "09"));
    }

    [Fact]
    public async Task Sheet_ShowsDefaultCompanyUserAndWhichWins()
    {
        var (c1, manager, agent) = await SetupAsync();
        await SaveCompanyAsync(manager, c1, ("10", "N"), ("03", "S"));
        await Service.SaveUserAnswersAsync(agent, c1, A(("10", "S")));

        var sheet = await Service.GetSheetAsync(agent, c1);
        Assert.Equal(10, sheet.Rows.Count);
        Assert.False(sheet.CanEditCompany);
        var r10 = sheet["10"];
        Assert.Equal(("N", "N", "S", "S", ParameterSource.User), (r10.Definition.Default, r10.CompanyValue, r10.UserValue, r10.Effective.Value, r10.Effective.Source));
        Assert.Equal(("S", ParameterSource.Company), (sheet["03"].Effective.Value, sheet["03"].Effective.Source));
        Assert.Equal(("S", ParameterSource.Default), (sheet["04"].Effective.Value, sheet["04"].Effective.Source));
        Assert.Null(sheet["04"].CompanyValue);
        Assert.Contains(sheet.Users, u => u.Id == agent.Id);
    }

    [Fact]
    public async Task ClearingAnAnswer_DeletesIt_AndTheNextLevelApplies()
    {
        var (c1, manager, agent) = await SetupAsync();
        await SaveCompanyAsync(manager, c1, ("10", "S"));
        await Service.SaveUserAnswersAsync(agent, c1, A(("10", "N")));

        await Service.SaveUserAnswersAsync(agent, c1, A(("10", "")));
        Assert.Equal(new ParameterValue("S", ParameterSource.Company), await Service.GetEffectiveAsync(agent, c1, "10"));

        await SaveCompanyAsync(manager, c1, ("10", null));
        Assert.Equal(new ParameterValue("N", ParameterSource.Default), await Service.GetEffectiveAsync(agent, c1, "10"));
        await using var db = await t.DbAsync();
        Assert.Empty(db.ParameterAnswers);
    }

    [Fact]
    public async Task Company04N_WithoutMailSettings_IsRefusedNamingWhatIsMissing()
    {
        var (c1, manager, _) = await SetupAsync();
        var sheet = await Service.GetSheetAsync(manager, c1);
        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            Service.SaveCompanyAnswersAsync(manager, c1, A(("04", "N"), ("05", "smtp.empresa.com.br:587 TLS")), sheet.CompanyVersions));
        var failure = Assert.Single(ex.Errors);
        Assert.Equal("06", failure.PropertyName);
        Assert.Contains("06", failure.ErrorMessage);
        Assert.Contains("remetente", failure.ErrorMessage);
        // All or nothing: 05 was not saved either.
        Assert.Null((await Service.GetSheetAsync(manager, c1))["05"].CompanyValue);
    }

    [Fact]
    public async Task Company04N_WithMailSettings_IsAccepted_AndClearing05LaterIsRefused()
    {
        var (c1, manager, agent) = await SetupAsync();
        await SaveCompanyAsync(manager, c1, ("04", "n"), ("05", "SMTP.Empresa.com.br:587 tls"), ("06", "Atendimento <atendimento@empresa.com.br>"));
        var sheet = await Service.GetSheetAsync(agent, c1);
        Assert.Equal("N", sheet["04"].Effective.Value);
        Assert.Equal("smtp.empresa.com.br:587 TLS", sheet["05"].CompanyValue);
        Assert.Equal("Atendimento <atendimento@empresa.com.br>", sheet["06"].Effective.Value);
        Assert.False(await Service.GetBoolAsync(agent, c1, "04"));

        var ex = await Assert.ThrowsAsync<ValidationException>(() => SaveCompanyAsync(manager, c1, ("05", "")));
        Assert.Equal("05", Assert.Single(ex.Errors).PropertyName);
    }

    [Fact]
    public async Task User04N_NeedsUserOrCompanyMailSettings()
    {
        var (c1, manager, agent) = await SetupAsync();
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Service.SaveUserAnswersAsync(agent, c1, A(("04", "N"))));
        Assert.Equal(["05", "06"], ex.Errors.Select(e => e.PropertyName));
        Assert.Null((await Service.GetSheetAsync(agent, c1))["04"].UserValue);

        // The company's 06 counts for the user; the user brings their own 05.
        await SaveCompanyAsync(manager, c1, ("06", "crm@empresa.com.br"));
        await Service.SaveUserAnswersAsync(agent, c1, A(("04", "N"), ("05", "mail.agente.com:25")));
        var sheet = await Service.GetSheetAsync(agent, c1);
        Assert.Equal((ParameterSource.User, ParameterSource.User, ParameterSource.Company),
            (sheet["04"].Effective.Source, sheet["05"].Effective.Source, sheet["06"].Effective.Source));

        // Now the company cannot clear the 06 the agent relies on.
        var refused = await Assert.ThrowsAsync<ValidationException>(() => SaveCompanyAsync(manager, c1, ("06", "")));
        Assert.Contains(agent.FullName, Assert.Single(refused.Errors).ErrorMessage);
    }

    [Theory]
    [InlineData("03")]
    [InlineData("07")]
    [InlineData("08")]
    public async Task User_CannotAnswerCompanyOnlyParameters(string number)
    {
        var (c1, _, agent) = await SetupAsync();
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Service.SaveUserAnswersAsync(agent, c1, A((number, number == "08" ? "America/Manaus" : "S"))));
        Assert.Contains(number, Assert.Single(ex.Errors).ErrorMessage);
        Assert.Equal(ParameterSource.Default, (await Service.GetEffectiveAsync(agent, c1, "03")).Source);
    }

    [Fact]
    public async Task Agent_CannotSaveCompanyAnswers()
    {
        var (c1, _, agent) = await SetupAsync();
        var sheet = await Service.GetSheetAsync(agent, c1);
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.SaveCompanyAnswersAsync(agent, c1, A(("09", "3")), sheet.CompanyVersions));
        Assert.Null((await Service.GetSheetAsync(agent, c1))["09"].CompanyValue);
    }

    [Fact]
    public async Task NoAccessToAnotherCompany_ForReadsAndWrites()
    {
        var (c1, manager, agent) = await SetupAsync();
        var c2 = await t.CompanyAsync("02");
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator, c1);
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.GetSheetAsync(agent, c2));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.GetEffectiveAsync(agent, c2, "09"));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.SaveUserAnswersAsync(agent, c2, A(("09", "1"))));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.SaveCompanyAnswersAsync(manager, c2, A(("09", "1")), new Dictionary<string, Guid?>()));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.SaveCompanyAnswersAsync(admin, c2, A(("09", "1")), new Dictionary<string, Guid?>()));
    }

    [Fact]
    public async Task Parameter08_IsTheCompanysTimeZone()
    {
        var (c1, manager, agent) = await SetupAsync();
        Assert.Equal(new ParameterValue("America/Sao_Paulo", ParameterSource.Company), await Service.GetEffectiveAsync(agent, c1, "08"));

        await SaveCompanyAsync(manager, c1, ("08", "America/Manaus"));
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator, c1);
        Assert.Equal("America/Manaus", (await t.Get<CompanyService>().GetAsync(admin, c1)).TimeZoneId);
        Assert.Equal("America/Manaus", (await Service.GetSheetAsync(agent, c1))["08"].Effective.Value);
        await using (var db = await t.DbAsync()) Assert.Empty(db.ParameterAnswers); // no second copy

        // A company edit shows up as parameter 08.
        var row = await t.Get<CompanyService>().GetAsync(admin, c1);
        await t.Get<CompanyService>().UpdateAsync(admin, c1, row.ToInput() with { TimeZoneId = "America/Recife" }, row.Version);
        Assert.Equal("America/Recife", (await Service.GetEffectiveAsync(agent, c1, "08")).Value);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => SaveCompanyAsync(manager, c1, ("08", "Mars/Olympus")));
        Assert.Equal("08", Assert.Single(ex.Errors).PropertyName);
    }

    [Theory]
    [InlineData("01", "0")]
    [InlineData("01", "abc")]
    [InlineData("02", "no-such-user")]
    [InlineData("03", "talvez")]
    [InlineData("05", "smtp.empresa.com.br")]
    [InlineData("05", "smtp.empresa.com.br:70000")]
    [InlineData("05", "smtp empresa:25")]
    [InlineData("06", "Atendimento <não é e-mail>")]
    [InlineData("06", "atendimento@")]
    [InlineData("09", "-1")]
    [InlineData("09", "1.5")]
    [InlineData("99", "S")]
    public async Task InvalidValues_AreRejectedPerType_AndNothingIsSaved(string number, string value)
    {
        var (c1, manager, _) = await SetupAsync();
        var sheet = await Service.GetSheetAsync(manager, c1);
        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            Service.SaveCompanyAnswersAsync(manager, c1, A(("10", "S"), (number, value)), sheet.CompanyVersions));
        Assert.Equal(number, Assert.Single(ex.Errors).PropertyName);
        Assert.Null((await Service.GetSheetAsync(manager, c1))["10"].CompanyValue);
    }

    [Fact]
    public async Task Parameter02_AcceptsOnlyActiveUsersWithAccess()
    {
        var (c1, manager, agent) = await SetupAsync();
        var c2 = await t.CompanyAsync("02");
        var outsider = await t.UserAsync("o@x.test", Roles.Agent, c2);
        await Assert.ThrowsAsync<ValidationException>(() => SaveCompanyAsync(manager, c1, ("02", outsider.Id)));
        await SaveCompanyAsync(manager, c1, ("02", agent.Id));
        Assert.Equal(agent.Id, (await Service.GetEffectiveAsync(manager, c1, "02")).Value);
    }

    [Fact]
    public async Task CompanySave_WithStaleVersion_IsAConflictWithTheFreshSheet()
    {
        var (c1, manager, _) = await SetupAsync();
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator, c1);
        var seen = await Service.GetSheetAsync(manager, c1);
        await SaveCompanyAsync(admin, c1, ("09", "4"));

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Service.SaveCompanyAnswersAsync(manager, c1, A(("09", "8")), seen.CompanyVersions));
        Assert.Equal("4", Assert.IsType<ParameterSheet>(ex.Current)["09"].CompanyValue);
        Assert.Equal(4, await Service.GetIntAsync(manager, c1, "09"));

        // Saving an unchanged stale answer alongside a new one is no conflict.
        await Service.SaveCompanyAnswersAsync(manager, c1, A(("09", "4"), ("10", "S")), seen.CompanyVersions);
        Assert.True(await Service.GetBoolAsync(manager, c1, "10"));
    }

    [Fact]
    public async Task DefaultTicketType_MustBeAnActiveTicketType_AndShowsInTheSheet()
    {
        var (c1, manager, _) = await SetupAsync();
        var types = t.Get<FoccoCrm.Core.Catalogs.CatalogService<FoccoCrm.Core.Catalogs.TicketType>>();
        var active = await types.CreateAsync(manager, new FoccoCrm.Core.Catalogs.CatalogEntryInput { Kind = FoccoCrm.Core.Catalogs.CatalogKind.TicketType, Code = 1, Description = "Cancelamento" });
        var retired = await types.CreateAsync(manager, new FoccoCrm.Core.Catalogs.CatalogEntryInput { Kind = FoccoCrm.Core.Catalogs.CatalogKind.TicketType, Code = 2, Description = "Antigo" });
        await types.DeactivateAsync(manager, retired);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => SaveCompanyAsync(manager, c1, ("01", retired.ToString())));
        Assert.Contains(ex.Errors, e => e.PropertyName == "01");
        await Assert.ThrowsAsync<ValidationException>(() => SaveCompanyAsync(manager, c1, ("01", "9999")));

        await SaveCompanyAsync(manager, c1, ("01", active.ToString()));
        Assert.Equal(active, await Service.GetIntAsync(manager, c1, "01"));
        var sheet = await Service.GetSheetAsync(manager, c1);
        Assert.Equal(["1 · Cancelamento"], sheet.TicketTypes.Select(o => o.ToString()));
    }
}
