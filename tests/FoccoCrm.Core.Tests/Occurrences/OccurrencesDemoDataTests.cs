using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Occurrences;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core.Tests.Occurrences;

public sealed class OccurrencesDemoDataTests() : DemoDataTest(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task Demo_HasAFewHundredOccurrences_AcrossCompaniesTypesStatusesAndRoles_AndTrocaLinksTheDefectChecklist()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync();
        Assert.Equal(OccurrencesDemoSeeder.Count, await db.Occurrences.CountAsync());
        Assert.Equal(2, await db.Occurrences.Select(o => o.CompanyId).Distinct().CountAsync());
        Assert.True(await db.Occurrences.Select(o => o.TypeId).Distinct().CountAsync() >= 2);
        Assert.True(await db.Occurrences.CountAsync(o => o.Status == OccurrenceStatus.Closed) > 50);
        Assert.True(await db.Occurrences.CountAsync(o => o.Status == OccurrenceStatus.Open) > 50);
        Assert.True(await db.Occurrences.Select(o => o.PersonId).Distinct().CountAsync() > 50);
        // numbers are 1..n per company
        foreach (var company in await db.Occurrences.Select(o => o.CompanyId).Distinct().ToListAsync())
            Assert.Equal(await db.Occurrences.CountAsync(o => o.CompanyId == company), await db.Occurrences.Where(o => o.CompanyId == company).MaxAsync(o => o.Number));
        var troca = await db.OccurrenceTypes.SingleAsync(t => t.Description == "Troca");
        Assert.Equal("DEF-CANETA", await db.Checklists.Where(c => c.Id == troca.ChecklistId).Select(c => c.Code).SingleAsync());

        var agent = (await Services.GetRequiredService<UserAccessService>().LoadAsync(await db.Users.Where(u => u.Email == "agente1@foccocrm.demo").Select(u => u.Id).SingleAsync()))!;
        var page = await Services.GetRequiredService<OccurrenceService>().QueryAsync(agent, new OccurrenceQuery { Take = 10 });
        Assert.Equal(10, page.Items.Count);
        Assert.True(page.TotalCount >= 150);
    }
}
