using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core.Tests.Tickets;

public sealed class TicketsDemoDataTests() : DemoDataTest(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task DemoTickets_CoverEveryStatus_WithTasksHistoryAndDocuments_AndNewTicketsContinueTheNumbers()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync();
        Assert.InRange(await db.Tickets.CountAsync(), 250, 350);
        foreach (var status in Enum.GetValues<TicketStatus>())
            Assert.True(await db.Tickets.CountAsync(x => x.Status == status) > 5, status.ToString());
        Assert.True(await db.TicketTasks.CountAsync() > 100);
        Assert.True(await db.TicketHistory.CountAsync() > await db.Tickets.CountAsync());
        Assert.True(await db.Tickets.CountAsync(x => x.QuoteId != null || x.SalesOrderId != null) > 10);
        Assert.True(await db.Tickets.CountAsync(x => x.Status == TicketStatus.Closed && x.Solution == null) == 0);

        var company = await db.Companies.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var admin = (await Services.GetRequiredService<UserAccessService>().LoadAsync(
            await db.Users.Where(u => u.Email == "admin@foccocrm.demo").Select(u => u.Id).FirstAsync()))!;
        var service = Services.GetRequiredService<TicketService>();
        var board = await service.BoardAsync(admin, company, new TicketBoardFilter { IncludeClosed = true }, TicketBoardGroupBy.Status);
        Assert.Equal(200, board.Columns.Sum(c => c.Total));
        Assert.Contains(board.Columns.SelectMany(c => c.Cards), c => c.IsLate);
        var sample = await service.GetAsync(admin, board.Columns[0].Cards[0].Id);
        var next = await service.CreateAsync(admin, company, sample.ToInput());
        Assert.Equal(await db.Tickets.Where(x => x.CompanyId == company).MaxAsync(x => x.Number), next.Number);
        Assert.Equal(201, next.Number);
    }
}
