using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;

namespace FoccoCrm.Core.Tests.Persons;

public sealed class ContactServiceTests : DbTest
{
    private ContactService Contacts => t.Get<ContactService>();
    private CatalogService<ContactType> Types => t.Get<CatalogService<ContactType>>();

    private async Task<(CurrentUser Manager, CurrentUser Agent, int Person, int Buyer, int Sales)> ArrangeAsync()
    {
        var c1 = await t.CompanyAsync("01");
        var manager = await t.UserAsync("g@x.test", Roles.Manager, c1);
        var agent = await t.UserAsync("a@x.test", Roles.Agent, c1);
        var buyer = await Types.CreateAsync(manager, new CatalogEntryInput { Kind = CatalogKind.ContactType, Code = 1, Description = "Comprador" });
        var sales = await Types.CreateAsync(manager, new CatalogEntryInput { Kind = CatalogKind.ContactType, Code = 2, Description = "Vendas" });
        var person = await t.Get<PersonService>().CreateAsync(agent, PersonServiceTests.Legal("Cliente", 1));
        return (manager, agent, person, buyer, sales);
    }

    [Fact]
    public async Task Agent_AddsEditsAndDeactivatesContacts()
    {
        var (_, agent, person, buyer, sales) = await ArrangeAsync();
        var id = await Contacts.CreateAsync(agent, person, new ContactInput { Name = "Ana Souza", ContactTypeId = buyer, Email = "ana@cliente.com.br", BirthDate = new DateOnly(1990, 5, 1) });
        var row = Assert.Single(await Contacts.ListAsync(agent, person));
        Assert.Equal(("Ana Souza", 1, "Comprador"), (row.Name, row.ContactTypeCode, row.ContactTypeDescription));

        await Contacts.UpdateAsync(agent, id, row.ToInput() with { ContactTypeId = sales }, row.Version);
        Assert.Equal("Vendas", (await Contacts.ListAsync(agent, person)).Single().ContactTypeDescription);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Contacts.UpdateAsync(agent, id, row.ToInput(), row.Version));

        await Contacts.DeactivateAsync(agent, id);
        Assert.Empty(await Contacts.ListAsync(agent, person));
        Assert.Single(await Contacts.ListAsync(agent, person, includeInactive: true));
    }

    [Fact]
    public async Task Contact_WithInactiveContactType_IsRefused_ButAnExistingOneKeepsIt()
    {
        var (manager, agent, person, buyer, sales) = await ArrangeAsync();
        var id = await Contacts.CreateAsync(agent, person, new ContactInput { Name = "Ana", ContactTypeId = buyer });
        await Types.DeactivateAsync(manager, buyer);

        var ex = await Assert.ThrowsAsync<BusinessRuleException>(() => Contacts.CreateAsync(agent, person, new ContactInput { Name = "Bia", ContactTypeId = buyer }));
        Assert.Contains("Comprador", ex.Message);

        var row = (await Contacts.ListAsync(agent, person)).Single();
        await Contacts.UpdateAsync(agent, id, row.ToInput() with { Phone = "(47) 3333-4444" }, row.Version); // type unchanged: fine
        await Types.DeactivateAsync(manager, sales);
        row = (await Contacts.ListAsync(agent, person)).Single();
        await Assert.ThrowsAsync<BusinessRuleException>(() => Contacts.UpdateAsync(agent, id, row.ToInput() with { ContactTypeId = sales }, row.Version));
    }

    [Fact]
    public async Task ContactTypeUsedByAContact_CannotBeDeleted()
    {
        var (manager, agent, person, buyer, sales) = await ArrangeAsync();
        await Contacts.CreateAsync(agent, person, new ContactInput { Name = "Ana Souza", ContactTypeId = buyer });

        var ex = await Assert.ThrowsAsync<CatalogEntryInUseException>(() => Types.DeleteAsync(manager, buyer));
        Assert.Contains("Ana Souza", ex.Use);
        await Types.DeleteAsync(manager, sales);
    }

    [Fact]
    public async Task Representative_CannotChangeContacts()
    {
        var (_, agent, person, buyer, _) = await ArrangeAsync();
        var rep = await t.UserAsync("r@x.test", Roles.Representative);
        await Assert.ThrowsAsync<ForbiddenException>(() => Contacts.CreateAsync(rep, person, new ContactInput { Name = "X", ContactTypeId = buyer }));
        var id = await Contacts.CreateAsync(agent, person, new ContactInput { Name = "Ana", ContactTypeId = buyer });
        await Assert.ThrowsAsync<ForbiddenException>(() => Contacts.DeactivateAsync(rep, id));
        await Assert.ThrowsAsync<NotFoundException>(() => Contacts.ListAsync(rep, person));
    }
}
