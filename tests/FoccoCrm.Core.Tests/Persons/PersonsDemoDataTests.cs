using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core.Tests.Persons;

public sealed class PersonsDemoDataTests() : DemoDataTest()
{
    [Fact]
    public async Task DemoPersons_HaveValidDocuments_AndTheRepresentativeLoginSeesItsThirtyCustomers()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync();
        var persons = await db.Persons.ToListAsync();
        Assert.InRange(persons.Count, 250, 350);
        Assert.All(persons, p => Assert.True(PersonDocuments.IsValid(p.Type, p.Document), p.Document));
        Assert.Equal(persons.Count, persons.Select(p => p.Document).Distinct().Count());
        Assert.Equal(20, persons.Count(p => p.Roles.HasFlag(PersonRoles.Consumer) && p.Type == PersonType.Individual));
        Assert.Equal(3, persons.Count(p => p.Roles.HasFlag(PersonRoles.Representative)));
        Assert.True(await db.Contacts.CountAsync() >= persons.Count(p => p.Roles.HasFlag(PersonRoles.Customer)));

        var login = await db.Users.SingleAsync(u => u.Email == PersonsDemoSeeder.RepresentativeLogin);
        var user = (await Services.GetRequiredService<UserAccessService>().LoadAsync(login.Id))!;
        var list = await Services.GetRequiredService<PersonService>().ListAsync(user, new PersonQuery { Role = PersonRoles.Customer });
        Assert.Equal(30, list.TotalCount);
    }
}
