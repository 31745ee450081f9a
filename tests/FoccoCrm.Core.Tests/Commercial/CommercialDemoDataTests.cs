using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core.Tests.Commercial;

public sealed class CommercialDemoDataTests() : DemoDataTest(new DateTimeOffset(2027, 3, 15, 12, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task DemoHistory_CoversTwoYearsUpToTheClock_WithSomeOverdue_AndTheRepresentativeSeesOnlyItsCustomers()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync();
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        var companies = await db.Companies.Select(c => c.Id).ToListAsync();
        Assert.Equal(2, companies.Count);
        foreach (var company in companies)
        {
            Assert.InRange(await db.Products.CountAsync(p => p.CompanyId == company), 50, 70);
            Assert.True(await db.Invoices.CountAsync(i => i.CompanyId == company) > 200);
            Assert.True(await db.Contracts.CountAsync(i => i.CompanyId == company) >= 10);
        }
        Assert.True(await db.Invoices.MinAsync(i => i.IssueDate) < today.AddMonths(-22));
        Assert.True(await db.Invoices.MaxAsync(i => i.IssueDate) <= today);
        Assert.All(await db.Invoices.Select(i => i.AccessKey).ToListAsync(), k => Assert.True(AccessKeys.IsValid(k), k));
        Assert.True(await db.Receivables.AsQueryable().CountAsync(Receivable.HasStatus(ReceivableStatus.Overdue, today)) > 5);
        Assert.True(await db.Receivables.AsQueryable().CountAsync(Receivable.HasStatus(ReceivableStatus.Open, today)) > 5);
        Assert.True(await db.Receivables.CountAsync(r => r.PaidDate > r.DueDate) > 20); // some paid late
        Assert.True(await db.Receivables.CountAsync(r => r.PaidDate > today) == 0);

        var login = await db.Users.SingleAsync(u => u.Email == PersonsDemoSeeder.RepresentativeLogin);
        var rep = (await Services.GetRequiredService<UserAccessService>().LoadAsync(login.Id))!;
        var company1 = rep.RequireCurrentCompany();
        var page = await Services.GetRequiredService<CommercialService>().ListReceivablesAsync(rep, company1, new CommercialQuery { Take = 10_000 });
        var allowed = await db.CustomerRepresentatives.Where(x => x.RepresentativeId == login.PersonId && x.CompanyId == company1).Select(x => x.CustomerId).ToListAsync();
        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, r => Assert.Contains(r.CustomerId, allowed));
        Assert.True(page.TotalCount < await db.Receivables.CountAsync(r => r.CompanyId == company1));
    }
}
