using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Import;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Tests.Import;

public sealed class ContactImportTests : DbTest
{
    private ContactImportTarget Target => t.Get<ContactImportTarget>();

    private async Task<(CurrentUser Manager, int Person)> ArrangeAsync()
    {
        var manager = await t.UserAsync("g@x.test", Roles.Manager, await t.CompanyAsync("01"));
        var types = t.Get<CatalogService<ContactType>>();
        await types.CreateAsync(manager, new CatalogEntryInput { Kind = CatalogKind.ContactType, Code = 1, Description = "Comprador" });
        await types.CreateAsync(manager, new CatalogEntryInput { Kind = CatalogKind.ContactType, Code = 2, Description = "Vendas" });
        await types.CreateAsync(manager, new CatalogEntryInput { Kind = CatalogKind.ContactType, Code = 4, Description = "Secretária", IsActive = false });
        var person = await t.Get<PersonService>().CreateAsync(manager, new PersonInput { Name = "Cliente", Document = PersonImportTests.CnpjOf(1), ExternalCode = "C1" });
        return (manager, person);
    }

    [Fact]
    public async Task Contacts_AreAddedByPersonCode_AndUpdatedByNameIgnoringCase()
    {
        var (manager, person) = await ArrangeAsync();
        var first = PersonImportTests.Csv("""
            Código cliente;Nome do contato;Tipo de contato;E-mail;Nascimento
            C1;Ana Souza;1;ana@cliente.com.br;01/05/1990
            C1;Bruno Lima;2;;
            """);
        var outcome = await Target.CommitAsync(manager, first, ImportService.AutoMap(Target, first.Headers));
        Assert.True(outcome.Written, string.Join("; ", outcome.Errors));
        Assert.Equal(2, outcome.Inserted);

        var second = PersonImportTests.Csv("Código cliente;Nome do contato;Tipo de contato\nC1;ANA SOUZA;2\n");
        outcome = await Target.CommitAsync(manager, second, ImportService.AutoMap(Target, second.Headers));
        Assert.Equal((0, 1), (outcome.Inserted, outcome.Updated));

        var ana = (await t.Get<ContactService>().ListAsync(manager, person)).Single(c => c.Name == "ANA SOUZA"); // the file's spelling wins
        Assert.Equal((2, "ana@cliente.com.br", new DateOnly(1990, 5, 1)), (ana.ContactTypeCode, ana.Email, ana.BirthDate));
        // Written with a version stamp the contact service accepts for the next edit.
        await t.Get<ContactService>().UpdateAsync(manager, ana.Id, ana.ToInput() with { Department = "Compras" }, ana.Version);
    }

    [Fact]
    public async Task UnknownPerson_UnknownOrInactiveType_AndBadDate_AreRowErrors_AndNothingIsWritten()
    {
        var (manager, _) = await ArrangeAsync();
        var table = PersonImportTests.Csv("""
            Código cliente;Nome do contato;Tipo de contato;Nascimento
            C1;Ok;1;
            ZZ;Sem pessoa;1;
            C1;Tipo 9;9;
            C1;Tipo inativo;4;
            C1;Data ruim;1;32/13/2020
            """);
        var outcome = await Target.CommitAsync(manager, table, ImportService.AutoMap(Target, table.Headers));
        Assert.Equal([(3, "PersonExternalCode"), (4, "ContactTypeCode"), (5, "ContactTypeCode"), (6, "BirthDate")],
            outcome.Errors.Select(e => (e.Line, e.Field)).ToArray());
        await using var db = await t.DbAsync();
        Assert.Equal(0, await db.Contacts.CountAsync());
    }

    [Fact]
    public void Templates_HaveEveryField_AndMapBackAutomatically()
    {
        foreach (var target in t.Get<ImportService>().TargetsFor(new CurrentUser("x", "x@x", "x", [Roles.Administrator], [], null, null)))
        {
            var table = ImportReader.ReadCsv(ImportService.Template(target), "modelo.csv");
            Assert.Equal(target.Fields.Count, table.Headers.Count);
            Assert.Equal(target.Fields.Select(f => f.Name), ImportService.AutoMap(target, table.Headers).OrderBy(kv => kv.Value).Select(kv => kv.Key));
        }
        Assert.Equal(["persons", "contacts", "products", "quotes", "orders", "invoices", "receivables", "contracts"], t.Get<ImportService>().TargetsFor(new CurrentUser("x", "x@x", "x", [Roles.Manager], [], null, null)).Select(x => x.Name));
    }
}
