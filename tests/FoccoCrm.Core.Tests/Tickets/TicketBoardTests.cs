using FoccoCrm.Core.Tickets;

namespace FoccoCrm.Core.Tests.Tickets;

public sealed class TicketBoardTests : DbTest
{
    private async Task<TicketTestData> DataAsync() => await new TicketTestData(t).SetUpAsync();

    [Fact]
    public async Task ByStatus_GivesTotalsFilteredCountsAndCardsPerColumn()
    {
        var d = await DataAsync();
        var urgent = await d.Service.CreateAsync(d.Admin, d.Company, d.Input(d.Bia.Id) with { Priority = TicketPriority.Urgent });
        for (var i = 0; i < 3; i++) await d.OpenAsync(d.Admin, d.Ana.Id);
        var moving = await d.OpenAsync(d.Admin, d.Ana.Id);
        await d.Service.MoveAsync(d.Ana, moving.Id, TicketStatus.InExecution, moving.Version);

        var board = await d.Service.BoardAsync(d.Ana, d.Company, new TicketBoardFilter(), TicketBoardGroupBy.Status, perColumnTake: 2);
        Assert.Equal(["Opened", "InExecution", "Closed"], board.Columns.Select(c => c.Key));
        var opened = board.Columns[0];
        Assert.Equal((4, 4, 2), (opened.Total, opened.Count, opened.Cards.Count));
        Assert.Equal(urgent.Id, opened.Cards[0].Id); // urgent first
        Assert.True(opened.HasMore(0));
        Assert.Equal(1, board.Columns[1].Total);

        var mine = await d.Service.BoardAsync(d.Ana, d.Company, new TicketBoardFilter { Mine = true }, TicketBoardGroupBy.Status);
        Assert.Equal((4, 3), (mine.Columns[0].Total, mine.Columns[0].Count)); // "3 de 4"
        Assert.All(mine.Columns.SelectMany(c => c.Cards), c => Assert.Equal(d.Ana.Id, c.ResponsibleId));

        var more = await d.Service.BoardAsync(d.Ana, d.Company, new TicketBoardFilter(), TicketBoardGroupBy.Status, perColumnTake: 2, column: "Opened", skip: 2);
        var col = Assert.Single(more.Columns);
        Assert.Equal(2, col.Cards.Count);
        Assert.Empty(col.Cards.Select(c => c.Id).Intersect(opened.Cards.Select(c => c.Id)));
    }

    [Fact]
    public async Task ByResponsible_HasAnUnassignedColumnAndOneColumnPerPossibleResponsible()
    {
        var d = await DataAsync();
        var a = await d.OpenAsync(d.Admin, d.Ana.Id);
        await d.OpenAsync(d.Admin, d.Bia.Id);
        await d.Service.AssignAsync(d.Admin, a.Id, null, a.Version);
        var closed = await d.OpenAsync(d.Admin, d.Bia.Id);
        await d.Service.CloseAsync(d.Admin, closed.Id, "ok", closed.Version);

        var board = await d.Service.BoardAsync(d.Manager, d.Company, new TicketBoardFilter(), TicketBoardGroupBy.Responsible);
        Assert.Equal(TicketService.UnassignedColumn, board.Columns[0].Key);
        Assert.Equal(1, board.Columns[0].Total);
        var bia = board.Columns.Single(c => c.Key == d.Bia.Id);
        Assert.Equal(1, bia.Total); // the closed one is not on the board by responsible
        Assert.Contains(board.Columns, c => c.Key == d.Ana.Id && c.Total == 0);
        Assert.Contains(board.Columns, c => c.Key == d.Manager.Id);
    }

    [Fact]
    public async Task Filters_LateTextAndPriority_NarrowTheCards()
    {
        var d = await DataAsync();
        var late = await d.OpenAsync();
        await d.Service.AddTaskAsync(d.Ana, late.Id, new TicketTaskInput { DueAtUtc = t.Clock.GetUtcNow().UtcDateTime.AddHours(-3), ResponsibleId = d.Ana.Id, Description = "Ligar" });
        var other = await d.Service.CreateAsync(d.Admin, d.Company, d.Input() with { Situation = "Nota fiscal incorreta", Priority = TicketPriority.High });

        var lateBoard = await d.Service.BoardAsync(d.Ana, d.Company, new TicketBoardFilter { LateOnly = true }, TicketBoardGroupBy.Status);
        var card = Assert.Single(lateBoard.Columns.SelectMany(c => c.Cards));
        Assert.Equal(late.Id, card.Id);
        Assert.True(card.IsLate);

        var text = await d.Service.BoardAsync(d.Ana, d.Company, new TicketBoardFilter { Text = "nota fiscal" }, TicketBoardGroupBy.Status);
        Assert.Equal(other.Id, Assert.Single(text.Columns.SelectMany(c => c.Cards)).Id);
        var byNumber = await d.Service.BoardAsync(d.Ana, d.Company, new TicketBoardFilter { Text = "#" + other.Number }, TicketBoardGroupBy.Status);
        Assert.Equal(other.Id, Assert.Single(byNumber.Columns.SelectMany(c => c.Cards)).Id);
        var high = await d.Service.BoardAsync(d.Ana, d.Company, new TicketBoardFilter { Priority = TicketPriority.High }, TicketBoardGroupBy.Status);
        Assert.Equal(other.Id, Assert.Single(high.Columns.SelectMany(c => c.Cards)).Id);
        Assert.Equal(other.Id, (await d.Service.CardAsync(d.Ana, other.Id))!.Id);
    }

    [Fact]
    public async Task List_FiltersByResponsibleStatusAndPeriod_AndPagesInTheDatabase()
    {
        var d = await DataAsync();
        for (var i = 0; i < 5; i++) await d.OpenAsync(d.Admin, d.Ana.Id);
        t.Clock.Advance(TimeSpan.FromDays(10));
        var late = await d.OpenAsync(d.Admin, d.Bia.Id);
        await d.Service.MoveAsync(d.Admin, late.Id, TicketStatus.InExecution, late.Version);

        var ana = await d.Service.ListAsync(d.Manager, d.Company, new TicketQuery { ResponsibleId = d.Ana.Id, Take = 2 });
        Assert.Equal(5, ana.TotalCount);
        Assert.Equal(2, ana.Items.Count);
        var inExecution = await d.Service.ListAsync(d.Manager, d.Company, new TicketQuery { Statuses = [TicketStatus.InExecution] });
        Assert.Equal(late.Id, Assert.Single(inExecution.Items).Id);
        var recent = await d.Service.ListAsync(d.Manager, d.Company, new TicketQuery { FromUtc = t.Clock.GetUtcNow().UtcDateTime.AddDays(-1) });
        Assert.Equal(late.Id, Assert.Single(recent.Items).Id);
        var page2 = await d.Service.ListAsync(d.Manager, d.Company, new TicketQuery { Sort = TicketSort.Number, Descending = false, Skip = 2, Take = 2 });
        Assert.Equal([3, 4], page2.Items.Select(x => x.Number));
    }
}
