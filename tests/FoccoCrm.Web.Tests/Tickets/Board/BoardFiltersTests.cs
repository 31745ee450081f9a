using Bunit;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tests.Tickets;
using FoccoCrm.Core.Tickets;
using FoccoCrm.Web.Features.Tickets.Board;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Web.Tests.Tickets.Board;

/// <summary>The board's filter bar: native controls that turn every choice into the board's query (its URL).</summary>
public class BoardFiltersTests : ComponentTestBase
{
    private TicketTestData d = default!;
    private readonly List<BoardQuery> changes = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        d = await new TicketTestData(Db).SetUpAsync();
        Services.AddSingleton(Db.Get<PersonService>());
        Services.AddSingleton(TimeProvider.System); // the search waits for a real pause in typing
    }

    private IRenderedComponent<IComponent> Render(BoardQuery query) =>
        RenderAs<BoardFilters>(d.Ana, ("Query", query), ("Types", (IReadOnlyList<CatalogOption>)[new(5, 1, "Reclamação"), new(6, 2, "Cancelamento")]),
            ("QueryChanged", EventCallback.Factory.Create<BoardQuery>(this, q => changes.Add(q))));

    [Fact]
    public void TypeAndPrioritySelects_ChipsViewAndLanes_BecomeTheQuery()
    {
        var cut = Render(BoardQuery.Default);

        cut.Find("[data-testid=board-filter-type]").Change("6");
        Assert.Equal(6, changes[^1].Filter.TypeId);
        cut.Find("[data-testid=board-filter-priority]").Change(nameof(TicketPriority.Urgent));
        Assert.Equal(TicketPriority.Urgent, changes[^1].Filter.Priority);
        cut.Find("[data-testid=board-filter-priority]").Change("");
        Assert.Null(changes[^1].Filter.Priority);

        var late = cut.FindAll("button.lean-chip").Single(b => b.TextContent.Contains("Atrasado"));
        Assert.Equal("false", late.GetAttribute("aria-pressed"));
        late.Click();
        Assert.True(changes[^1].Filter.LateOnly);
        cut.FindAll("button.lean-segment").Single(b => b.TextContent.Contains("Por responsável")).Click();
        Assert.Equal(TicketBoardGroupBy.Responsible, changes[^1].View);
        cut.Find("input[role=switch]").Change(true);
        Assert.True(changes[^1].Lanes);
    }

    [Fact]
    public void AFilteredQuery_ShowsItsChoices_AndClearKeepsOnlyClosed()
    {
        var query = BoardQuery.Default with { Filter = new TicketBoardFilter { TypeId = 5, Priority = TicketPriority.High, LateOnly = true, IncludeClosed = true } };
        var cut = Render(query);

        Assert.NotNull(cut.Find("[data-testid=board-filter-type] option[value='5'][selected]"));
        Assert.NotNull(cut.Find($"[data-testid=board-filter-priority] option[value='{TicketPriority.High}'][selected]"));
        Assert.Equal("true", cut.FindAll("button.lean-chip").Single(b => b.TextContent.Contains("Atrasado")).GetAttribute("aria-pressed"));

        cut.FindAll("button.lean-chip").Single(b => b.TextContent.Contains("Limpar")).Click();
        Assert.Equal(new TicketBoardFilter { IncludeClosed = true }, changes[^1].Filter);
    }

    [Fact]
    public async Task Search_WaitsForAPauseInTyping_ThenFiltersByTheTrimmedText()
    {
        var cut = Render(BoardQuery.Default);
        var box = cut.Find("[data-board-search] input");

        // Each handler completes after the pause; the first is cut short by the second key.
        var first = box.InputAsync(new ChangeEventArgs { Value = "rec" });
        var second = cut.Find("[data-board-search] input").InputAsync(new ChangeEventArgs { Value = "recl " });
        Assert.Empty(changes); // still typing
        await Task.WhenAll(first, second);
        Assert.Equal("recl", Assert.Single(changes).Filter.Text);
        // The box keeps what was typed (the trailing space): the filter text does not write back into it.
        Assert.Null(cut.Find("[data-board-search] input").GetAttribute("value"));
    }

    [Fact]
    public void TheCustomerPicker_IsRenderedOnFirstUse()
    {
        var cut = Render(BoardQuery.Default);
        Assert.Empty(cut.FindAll("[data-testid=person-picker]"));

        cut.Find("[data-testid=board-filter-customer]").Focus();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".board-filter-customer input")));
        Assert.Empty(cut.FindAll("[data-testid=board-filter-customer]"));
    }
}
