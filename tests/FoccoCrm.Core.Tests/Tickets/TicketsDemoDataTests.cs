using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Tickets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FoccoCrm.Core.Tests.Tickets;

public sealed class TicketsDemoDataTests : IAsyncLifetime
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private ServiceProvider sp = default!;

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DemoData:Enabled"] = "true" }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock);
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
    public async Task DemoTickets_CoverEveryStatus_WithTasksHistoryAndDocuments_AndNewTicketsContinueTheNumbers()
    {
        await using var db = await sp.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync();
        Assert.InRange(await db.Tickets.CountAsync(), 250, 350);
        foreach (var status in Enum.GetValues<TicketStatus>())
            Assert.True(await db.Tickets.CountAsync(x => x.Status == status) > 5, status.ToString());
        Assert.True(await db.TicketTasks.CountAsync() > 100);
        Assert.True(await db.TicketHistory.CountAsync() > await db.Tickets.CountAsync());
        Assert.True(await db.Tickets.CountAsync(x => x.QuoteId != null || x.SalesOrderId != null) > 10);
        Assert.True(await db.Tickets.CountAsync(x => x.Status == TicketStatus.Closed && x.Solution == null) == 0);

        var company = await db.Companies.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var admin = (await sp.GetRequiredService<UserAccessService>().LoadAsync(
            await db.Users.Where(u => u.Email == "admin@foccocrm.demo").Select(u => u.Id).FirstAsync()))!;
        var service = sp.GetRequiredService<TicketService>();
        var board = await service.BoardAsync(admin, company, new TicketBoardFilter { IncludeClosed = true }, TicketBoardGroupBy.Status);
        Assert.Equal(200, board.Columns.Sum(c => c.Total));
        Assert.Contains(board.Columns.SelectMany(c => c.Cards), c => c.IsLate);
        var sample = await service.GetAsync(admin, board.Columns[0].Cards[0].Id);
        var next = await service.CreateAsync(admin, company, sample.ToInput());
        Assert.Equal(await db.Tickets.Where(x => x.CompanyId == company).MaxAsync(x => x.Number), next.Number);
        Assert.Equal(201, next.Number);
    }
}
