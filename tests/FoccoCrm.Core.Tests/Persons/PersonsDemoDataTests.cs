using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core.Tests.Persons;

public sealed class PersonsDemoDataTests : IAsyncLifetime
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private ServiceProvider sp = default!;

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DemoData:Enabled"] = "true" }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddFoccoCore(configuration, o => o.UseSqlite(connection));
        sp = services.BuildServiceProvider();
        await sp.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await sp.DisposeAsync();
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task DemoPersons_HaveValidDocuments_AndTheRepresentativeLoginSeesItsThirtyCustomers()
    {
        await using var db = await sp.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync();
        var persons = await db.Persons.ToListAsync();
        Assert.InRange(persons.Count, 250, 350);
        Assert.All(persons, p => Assert.True(PersonDocuments.IsValid(p.Type, p.Document), p.Document));
        Assert.Equal(persons.Count, persons.Select(p => p.Document).Distinct().Count());
        Assert.Equal(20, persons.Count(p => p.Roles.HasFlag(PersonRoles.Consumer) && p.Type == PersonType.Individual));
        Assert.Equal(3, persons.Count(p => p.Roles.HasFlag(PersonRoles.Representative)));
        Assert.True(await db.Contacts.CountAsync() >= persons.Count(p => p.Roles.HasFlag(PersonRoles.Customer)));

        var login = await db.Users.SingleAsync(u => u.Email == PersonsDemoSeeder.RepresentativeLogin);
        var user = (await sp.GetRequiredService<UserAccessService>().LoadAsync(login.Id))!;
        var list = await sp.GetRequiredService<PersonService>().ListAsync(user, new PersonQuery { Role = PersonRoles.Customer });
        Assert.Equal(30, list.TotalCount);
    }
}
