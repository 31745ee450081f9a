using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;
using static FoccoCrm.Core.Tests.Persons.PersonServiceTests;

namespace FoccoCrm.Core.Tests.Persons;

/// <summary>The person list's speed devices (trigger-kept counts, trigram search, reading deep pages from the end) give the same answers as plain SQL.</summary>
public sealed class PersonListTests : DbTest
{
    private PersonService Service => t.Get<PersonService>();

    private async Task<CurrentUser> AdminWithPersonsAsync(int count)
    {
        var admin = await t.UserAsync("admin@x.test", Roles.Administrator);
        var cities = new[] { "Joinville", "São José", "Curitiba", null };
        for (var i = 1; i <= count; i++)
        {
            var roles = i % 3 == 0 ? PersonRoles.Customer | PersonRoles.Supplier : i % 3 == 1 ? PersonRoles.Customer : PersonRoles.Representative;
            // Repeated names so the Id tie-breaker matters.
            await Service.CreateAsync(admin, Legal($"Empresa {(char)('A' + i % 7)}", 1000 + i, roles, cities[i % 4]));
        }
        return admin;
    }

    private async Task<(int Active, int ActiveCustomers, int All)> SqlCountsAsync()
    {
        await using var db = await t.DbAsync();
        return (await db.Persons.CountAsync(p => p.IsActive),
                await db.Persons.CountAsync(p => p.IsActive && (p.Roles & PersonRoles.Customer) != 0),
                await db.Persons.CountAsync());
    }

    private async Task AssertCountsMatchAsync(CurrentUser admin)
    {
        var (active, customers, all) = await SqlCountsAsync();
        Assert.Equal(active, (await Service.ListAsync(admin, new PersonQuery())).TotalCount);
        Assert.Equal(customers, (await Service.ListAsync(admin, new PersonQuery { Role = PersonRoles.Customer })).TotalCount);
        Assert.Equal(all, (await Service.ListAsync(admin, new PersonQuery { IncludeInactive = true })).TotalCount);
    }

    [Fact]
    public async Task Counts_FollowCreateEditRoleChangeDeactivationAndDelete()
    {
        var admin = await AdminWithPersonsAsync(12);
        await AssertCountsMatchAsync(admin);

        var first = (await Service.ListAsync(admin, new PersonQuery { Take = 3 })).Items;
        await Service.UpdateAsync(admin, first[0].Id, first[0].ToInput() with { Roles = PersonRoles.Supplier }, first[0].Version);
        await Service.DeactivateAsync(admin, first[1].Id, first[1].Version);
        await Service.UpdateAsync(admin, first[2].Id, first[2].ToInput() with { Name = "Renomeada", City = "Blumenau" }, first[2].Version);
        await AssertCountsMatchAsync(admin);

        await using (var db = await t.DbAsync())
            await db.Persons.Where(p => p.Id == first[2].Id).ExecuteDeleteAsync();
        await AssertCountsMatchAsync(admin);
        Assert.Equal(11, (await SqlCountsAsync()).All);
    }

    [Theory]
    [InlineData(PersonSort.Name, false)]
    [InlineData(PersonSort.Name, true)]
    [InlineData(PersonSort.City, false)]
    [InlineData(PersonSort.City, true)]
    [InlineData(PersonSort.Document, true)]
    public async Task EveryPage_IsTheMatchingSliceOfTheWholeOrderedList_AlsoPastTheMiddle(PersonSort sort, bool descending)
    {
        var admin = await AdminWithPersonsAsync(23);
        var whole = (await Service.ListAsync(admin, new PersonQuery { Sort = sort, Descending = descending, Take = 100 })).Items.Select(p => p.Id).ToList();
        Assert.Equal(23, whole.Count);
        for (var skip = 0; skip < 25; skip += 5)
        {
            var page = await Service.ListAsync(admin, new PersonQuery { Sort = sort, Descending = descending, Skip = skip, Take = 5 });
            Assert.Equal(whole.Skip(skip).Take(5), page.Items.Select(p => p.Id));
            Assert.Equal(23, page.TotalCount);
        }
    }

    [Fact]
    public async Task Search_FindsPartsOfNameTradeNameAndCity_IgnoringCaseAndAccents_AndDocumentPrefixAndErpCode()
    {
        var admin = await t.UserAsync("admin@x.test", Roles.Administrator);
        var joao = await Service.CreateAsync(admin, Legal("João Ferragens Ltda", 11111111, city: "Joinville") with { TradeName = "Casa do Parafuso" });
        var sao = await Service.CreateAsync(admin, Legal("Metalúrgica Norte", 22222222, city: "São José") with { ExternalCode = "ERP-77" });
        await Service.CreateAsync(admin, Legal("Outra Empresa", 33333333, city: "Curitiba"));

        async Task<int[]> Find(string s) => (await Service.ListAsync(admin, new PersonQuery { Search = s })).Items.Select(p => p.Id).Order().ToArray();

        Assert.Equal([joao], await Find("joao ferr"));      // accents and case ignored
        Assert.Equal([joao], await Find("PARAFUSO"));        // trade name
        Assert.Equal([sao], await Find("sao jose"));          // city
        Assert.Equal([sao], await Find("talurg"));            // inside a word
        Assert.Equal([sao], await Find("ERP-77"));            // exact ERP code
        Assert.Equal([joao], await Find(CnpjOf(11111111)[..8]));    // document prefix
        Assert.Equal([joao], await Find(Core.Common.Cnpj.Format(CnpjOf(11111111))[..6])); // masked prefix "00.000"
        Assert.Equal([sao], await Find("RT"));                // two letters: plain LIKE fallback (no trigram)
        Assert.Empty(await Find("\"zzz\" OR x")); // FTS syntax in the text is searched as text, not run
        Assert.Equal(1, (await Service.ListAsync(admin, new PersonQuery { Search = "Joinville" })).TotalCount);
    }

    [Fact]
    public async Task LostTriggers_AreRecreatedAtStartup_AndIndexAndCountsRebuilt()
    {
        var admin = await AdminWithPersonsAsync(5);
        await using (var db = await t.DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER TR_Persons_AfterInsert; DROP TRIGGER TR_Persons_AfterUpdate;");
            await db.Database.ExecuteSqlRawAsync("INSERT INTO Persons (Type, Roles, IsForeign, Document, Name, Country, IsActive, CreatedAtUtc, Version) VALUES (1, 1, 1, '', 'Sem Gatilho', 'Brasil', 1, '2026-01-01', randomblob(16))");
        }
        Assert.Equal(0, (await Service.ListAsync(admin, new PersonQuery { Search = "Gatilho" })).TotalCount);

        await t.Get<Core.Data.DatabaseInitializer>().InitializeAsync();

        Assert.Equal(1, (await Service.ListAsync(admin, new PersonQuery { Search = "Gatilho" })).TotalCount);
        await AssertCountsMatchAsync(admin);
        await Service.CreateAsync(admin, Legal("Depois", 99));
        await AssertCountsMatchAsync(admin);
    }

    [Fact]
    public async Task LargeImport_WithTriggersOffForTheWrite_LeavesSearchIndexAndCountsExact()
    {
        var admin = await AdminWithPersonsAsync(3);
        var first = (await Service.ListAsync(admin, new PersonQuery { Take = 1 })).Items[0];
        await Service.UpdateAsync(admin, first.Id, first.ToInput() with { ExternalCode = "KEEP-1", Name = "Nome Antigo Xyzzy" }, first.Version);

        var rows = Enumerable.Range(1, PersonListSchema.BulkThreshold)
            .Select(i => $"N-{i};Importada {i} Quuxcorp;{Import.PersonImportTests.CnpjOf(i)};SC;89201-000")
            .Prepend($"KEEP-1;Nome Novo Plughmetal;{Import.PersonImportTests.CnpjOf(99_999)};SC;89201-000");
        var table = Import.PersonImportTests.Csv("Código;Razão social;CNPJ/CPF;UF;CEP\n" + string.Join("\n", rows));
        var target = t.Get<PersonImportTarget>();
        var outcome = await target.CommitAsync(admin, table, Core.Import.ImportService.AutoMap(target, table.Headers));
        Assert.True(outcome.Written, string.Join("; ", outcome.Errors));
        Assert.Equal((PersonListSchema.BulkThreshold, 1), (outcome.Inserted, outcome.Updated));

        async Task<int> Found(string s) => (await Service.ListAsync(admin, new PersonQuery { Search = s })).TotalCount;
        Assert.Equal(PersonListSchema.BulkThreshold, await Found("quuxcorp"));
        Assert.Equal(1, await Found("plughmetal"));
        Assert.Equal(0, await Found("xyzzy"));        // the updated row's old name left the index
        await AssertCountsMatchAsync(admin);

        await Service.CreateAsync(admin, Legal("Depois Frobnitz", 77)); // triggers are back
        Assert.Equal(1, await Found("frobnitz"));
        await AssertCountsMatchAsync(admin);
    }
}
