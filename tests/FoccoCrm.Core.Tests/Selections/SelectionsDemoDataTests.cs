using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Selections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core.Tests.Selections;

public sealed class SelectionsDemoDataTests() : DemoDataTest(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task Demo_HasTwoCompanySelectionsPerCompany_ThatAreValid_AndSelectSomeButNotAllCustomers()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync();
        var companies = await db.Companies.Where(c => c.IsActive).Select(c => c.Id).ToListAsync();
        var agentId = await db.Users.Where(u => u.Email == "agente1@foccocrm.demo").Select(u => u.Id).SingleAsync();
        var agent = (await Services.GetRequiredService<UserAccessService>().LoadAsync(agentId))!;
        var selections = Services.GetRequiredService<SelectionService>();

        // visible to the company (an agent sees them), owned by the manager
        var listed = await selections.ListSavedAsync(agent with { CurrentCompanyId = companies[0] });
        Assert.Equal([SelectionsDemoSeeder.OpenTicketsInSouth, SelectionsDemoSeeder.NoPurchaseIn90Days], listed.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2 * companies.Count, await db.SavedSelections.CountAsync());

        var customers = await db.Persons.CountAsync(p => (p.Roles & Core.Persons.PersonRoles.Customer) != 0);
        foreach (var row in listed)
        {
            var definition = await selections.DefinitionOfAsync(agent with { CurrentCompanyId = companies[0] }, row.Id);
            Assert.DoesNotContain(await selections.ValidateAsync(agent with { CurrentCompanyId = companies[0] }, definition), i => i.Severity == SelectionIssueSeverity.Invalid);
            var count = await selections.CountAsync(agent with { CurrentCompanyId = companies[0] }, definition);
            Assert.InRange(count, 1, customers - 1); // examples that actually select, and select
        }
    }
}
