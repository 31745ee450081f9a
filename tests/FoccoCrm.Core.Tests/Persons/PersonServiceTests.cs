using FluentValidation;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Tests.Persons;

public sealed class PersonServiceTests : DbTest
{
    private PersonService Service => t.Get<PersonService>();

    internal static string CnpjOf(int n) => Cnpj.WithCheckDigits(n.ToString("D8") + "0001");
    internal static string CpfOf(int n) => Cpf.WithCheckDigits(n.ToString("D9"));

    internal static PersonInput Legal(string name, int n, PersonRoles roles = PersonRoles.Customer, string? city = null) =>
        new() { Type = PersonType.Legal, Roles = roles, Name = name, Document = Cnpj.Format(CnpjOf(n)), City = city, State = "SC", ZipCode = "89201-000" };

    internal static PersonInput Individual(string name, int n, PersonRoles roles = PersonRoles.Consumer) =>
        new() { Type = PersonType.Individual, Roles = roles, Name = name, Document = Cpf.Format(CpfOf(n)) };

    private static async Task<string[]> Errors(Func<Task> act) =>
        (await Assert.ThrowsAsync<ValidationException>(act)).Errors.Select(e => e.ErrorMessage).ToArray();

    [Fact]
    public async Task Create_LegalPersonWithMaskedCnpj_StoresItNormalizedAndShowsTheMask()
    {
        var agent = await t.UserAsync("a@x.test", Roles.Agent);
        var id = await Service.CreateAsync(agent, Legal("Metal Sul Ltda.", 12345678) with { ZipCode = "89201-000", State = "sc" });
        var row = await Service.GetAsync(agent, id);
        Assert.Equal(CnpjOf(12345678), row.Document);
        Assert.Equal(Cnpj.Format(CnpjOf(12345678)), row.DocumentFormatted);
        Assert.Equal("89201000", row.ZipCode);
        Assert.Equal("89201-000", row.ZipCodeFormatted);
        Assert.Equal("SC", row.State);
        Assert.Equal("Brasil", row.Country);
    }

    [Fact]
    public async Task Create_AlphanumericCnpjInLowerCase_IsAcceptedAndUpperCased()
    {
        var agent = await t.UserAsync("a@x.test", Roles.Agent);
        var cnpj = Cnpj.WithCheckDigits("12ABC34501DE");
        var id = await Service.CreateAsync(agent, Legal("Nova Era S.A.", 1) with { Document = Cnpj.Format(cnpj).ToLowerInvariant() });
        Assert.Equal(cnpj, (await Service.GetAsync(agent, id)).Document);
    }

    [Fact]
    public async Task Create_DocumentNotMatchingType_IsRefused()
    {
        var agent = await t.UserAsync("a@x.test", Roles.Agent);
        Assert.Contains(Messages.InvalidCpf, await Errors(() => Service.CreateAsync(agent, Individual("Ana", 1) with { Document = CnpjOf(1) })));
        Assert.Contains(Messages.InvalidCnpj, await Errors(() => Service.CreateAsync(agent, Legal("X", 1) with { Document = CpfOf(1) })));
        Assert.Contains(Messages.InvalidCnpj, await Errors(() => Service.CreateAsync(agent, Legal("X", 1) with { Document = "12.345.678/0001-00" })));
    }

    [Fact]
    public async Task Create_ForeignPersonWithoutDocument_IsAccepted_ButBrazilianNeedsOne()
    {
        var agent = await t.UserAsync("a@x.test", Roles.Agent);
        var id = await Service.CreateAsync(agent, Legal("Acme Corp.", 1) with { Document = "", IsForeign = true, Country = "United States", State = null, ZipCode = null });
        var other = await Service.CreateAsync(agent, Legal("Globex Inc.", 2) with { Document = "", IsForeign = true, State = null, ZipCode = null });
        Assert.Equal("", (await Service.GetAsync(agent, id)).Document);
        Assert.NotEqual(id, other); // two foreign persons without document are not duplicates
        await Errors(() => Service.CreateAsync(agent, Legal("Local Ltda.", 3) with { Document = "" }));
    }

    [Fact]
    public async Task Create_DuplicateDocumentOrExternalCode_IsRefused()
    {
        var agent = await t.UserAsync("a@x.test", Roles.Agent);
        await Service.CreateAsync(agent, Legal("A", 1) with { ExternalCode = "C1" });
        Assert.Equal([Messages.PersonDocumentTaken], await Errors(() => Service.CreateAsync(agent, Legal("B", 1))));
        Assert.Equal([Messages.PersonExternalCodeTaken], await Errors(() => Service.CreateAsync(agent, Legal("B", 2) with { ExternalCode = "C1" })));
    }

    [Fact]
    public async Task Create_BadStateZipCodeEmailOrNoRole_IsRefusedWithEachMessage()
    {
        var agent = await t.UserAsync("a@x.test", Roles.Agent);
        var errors = await Errors(() => Service.CreateAsync(agent, Legal("A", 1) with
        {
            State = "XX", ZipCode = "8920", Email = "not-an-email", SecondaryEmail = "x@", Roles = PersonRoles.None,
        }));
        Assert.Contains(Messages.InvalidState, errors);
        Assert.Contains(Messages.InvalidZipCode, errors);
        Assert.Equal(2, errors.Count(e => e == Messages.InvalidEmail));
        Assert.Contains(Messages.PersonRoleRequired, errors);
    }

    [Fact]
    public async Task List_PagesSortsSearchesAndFiltersInSqlWithTotalCount()
    {
        var agent = await t.UserAsync("a@x.test", Roles.Agent);
        for (var i = 1; i <= 30; i++)
            await Service.CreateAsync(agent, Legal($"Cliente {i:D2}", i, city: i % 2 == 0 ? "Joinville" : "Blumenau"));
        await Service.CreateAsync(agent, Individual("Zélia Consumidora", 99));
        var inactive = await Service.CreateAsync(agent, Legal("Antiga Ltda.", 98) with { IsActive = false });

        var page = await Service.ListAsync(agent, new PersonQuery { Skip = 10, Take = 10 });
        Assert.Equal(31, page.TotalCount);
        Assert.Equal(Enumerable.Range(11, 10).Select(i => $"Cliente {i:D2}"), page.Items.Select(p => p.Name));

        var desc = await Service.ListAsync(agent, new PersonQuery { Descending = true, Take = 1 });
        Assert.Equal("Zélia Consumidora", desc.Items.Single().Name);

        var byCity = await Service.ListAsync(agent, new PersonQuery { Sort = PersonSort.City, Role = PersonRoles.Customer, Take = 100 });
        Assert.Equal(30, byCity.TotalCount);
        Assert.Equal("Blumenau", byCity.Items[0].City);
        Assert.Equal("Joinville", byCity.Items[^1].City);

        Assert.Equal(15, (await Service.ListAsync(agent, new PersonQuery { Search = "joinv" })).TotalCount);
        Assert.Equal(1, (await Service.ListAsync(agent, new PersonQuery { Role = PersonRoles.Consumer })).TotalCount);
        var byDoc = await Service.ListAsync(agent, new PersonQuery { Search = Cnpj.Format(CnpjOf(7)) });
        Assert.Equal(["Cliente 07"], byDoc.Items.Select(p => p.Name));
        Assert.Equal(32, (await Service.ListAsync(agent, new PersonQuery { IncludeInactive = true })).TotalCount);
        Assert.Contains(inactive, (await Service.ListAsync(agent, new PersonQuery { IncludeInactive = true, Search = "Antiga" })).Items.Select(p => p.Id));
    }

    [Fact]
    public async Task Update_WithStaleVersion_IsAConflictCarryingTheCurrentRow()
    {
        var agent = await t.UserAsync("a@x.test", Roles.Agent);
        var id = await Service.CreateAsync(agent, Legal("Original", 1));
        var read = await Service.GetAsync(agent, id);
        await Service.UpdateAsync(agent, id, read.ToInput() with { Name = "Theirs" }, read.Version);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service.UpdateAsync(agent, id, read.ToInput() with { Name = "Mine" }, read.Version));
        Assert.Equal("Theirs", Assert.IsType<PersonRow>(ex.Current).Name);
    }

    [Fact]
    public async Task Deactivate_HidesThePersonFromTheDefaultList()
    {
        var agent = await t.UserAsync("a@x.test", Roles.Agent);
        var id = await Service.CreateAsync(agent, Legal("A", 1));
        await Service.DeactivateAsync(agent, id, (await Service.GetAsync(agent, id)).Version);
        Assert.Equal(0, (await Service.ListAsync(agent, new PersonQuery())).TotalCount);
        Assert.False((await Service.GetAsync(agent, id)).IsActive);
    }

    [Fact]
    public async Task Representative_SeesOnlyCustomersAssignedInItsCompanies_AndCannotEdit()
    {
        var c1 = await t.CompanyAsync("01");
        var c2 = await t.CompanyAsync("02");
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator, c1, c2);
        var rep = await Service.CreateAsync(admin, Individual("Rep Um", 1, PersonRoles.Representative));
        var otherRep = await Service.CreateAsync(admin, Individual("Rep Dois", 2, PersonRoles.Representative));
        var mine = await Service.CreateAsync(admin, Legal("Meu Cliente", 10));
        var otherCompany = await Service.CreateAsync(admin, Legal("Cliente da 02", 11));
        var others = await Service.CreateAsync(admin, Legal("Cliente de outro", 12));
        await Service.CreateAsync(admin, Legal("Sem representante", 13));
        await Service.AssignAsync(admin, c1, mine, rep);
        await Service.AssignAsync(admin, c2, otherCompany, rep);
        await Service.AssignAsync(admin, c1, others, otherRep);

        var login = await t.UserAsync("rep@x.test", Roles.Representative, c1);
        await t.Get<UserAdminService>().UpdateAsync(admin, login.Id,
            new UserInput { Email = login.Email, FullName = login.FullName, Roles = [Roles.Representative], CompanyIds = [c1], PersonId = rep });

        var list = await Service.ListAsync(login, new PersonQuery { Role = PersonRoles.Customer });
        Assert.Equal(["Meu Cliente"], list.Items.Select(p => p.Name));
        Assert.Equal(1, list.TotalCount);
        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAsync(login, others));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAsync(login, otherCompany));
        Assert.Equal([mine], (await Service.ListAssignedCustomersAsync(login, rep, c1)).Select(c => c.CustomerId));

        var row = await Service.GetAsync(login, mine);
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.UpdateAsync(login, mine, row.ToInput() with { Name = "X" }, row.Version));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.CreateAsync(login, Legal("Novo", 20)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.AssignAsync(login, c1, others, rep));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.UnassignAsync(login, c1, mine));
    }

    [Fact]
    public async Task RepresentativeWithoutLinkedPerson_SeesNobody()
    {
        var c1 = await t.CompanyAsync("01");
        var admin = await t.UserAsync("adm@x.test", Roles.Administrator, c1);
        await Service.CreateAsync(admin, Legal("Cliente", 10));
        var login = await t.UserAsync("rep@x.test", Roles.Representative, c1);
        Assert.Equal(0, (await Service.ListAsync(login, new PersonQuery())).TotalCount);
    }

    [Fact]
    public async Task Assignments_AreEditedByManagersOfTheCompany_OneRepresentativePerCustomer()
    {
        var c1 = await t.CompanyAsync("01");
        var c2 = await t.CompanyAsync("02");
        var manager = await t.UserAsync("g@x.test", Roles.Manager, c1);
        var agent = await t.UserAsync("a@x.test", Roles.Agent, c1);
        var rep1 = await Service.CreateAsync(agent, Individual("Rep Um", 1, PersonRoles.Representative));
        var rep2 = await Service.CreateAsync(agent, Individual("Rep Dois", 2, PersonRoles.Representative));
        var customer = await Service.CreateAsync(agent, Legal("Cliente", 10));
        var supplier = await Service.CreateAsync(agent, Legal("Fornecedor", 11, PersonRoles.Supplier));

        await Service.AssignAsync(manager, c1, customer, rep1);
        await Service.AssignAsync(manager, c1, customer, rep2); // re-assigns
        Assert.Empty(await Service.ListAssignedCustomersAsync(manager, rep1, c1));
        Assert.Single(await Service.ListAssignedCustomersAsync(manager, rep2, c1));

        await Assert.ThrowsAsync<ForbiddenException>(() => Service.AssignAsync(agent, c1, customer, rep1));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.AssignAsync(manager, c2, customer, rep1));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.AssignAsync(manager, c1, supplier, rep1));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.AssignAsync(manager, c1, customer, customer));

        await Service.UnassignAsync(manager, c1, customer);
        await using var db = await t.DbAsync();
        Assert.Equal(0, await db.CustomerRepresentatives.CountAsync());
    }
}
