using Bunit;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Live;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tests.Tickets;
using FoccoCrm.Core.Tickets;
using FoccoCrm.Web.Features.Tickets.Board;
using FoccoCrm.Web.Infrastructure;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using CardData = FoccoCrm.Core.Tickets.TicketCard;

namespace FoccoCrm.Web.Tests.Tickets.Board;

/// <summary>The ticket board (FCRM0200): its card, live updates, conflicts, keyboard moves, presence and resync.</summary>
public class TicketBoardComponentTests : ComponentTestBase
{
    private TicketTestData d = default!;
    private readonly CircuitConnection connection = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        d = await new TicketTestData(Db).SetUpAsync();
        Services.AddSingleton(Db.Get<TicketService>());
        Services.AddSingleton(Db.Get<CatalogService<TicketType>>());
        Services.AddSingleton(Db.Get<PersonService>());
        Services.AddSingleton(Db.Get<BoardPresence>());
        Services.AddSingleton(Db.Get<TicketBoardFeed>());
        Services.AddSingleton<BoardCardMarkup>();
        Services.AddSingleton(Db.Get<TimeProvider>());
        Services.AddSingleton(connection);
    }

    private static string Ticket(int number) => $"[data-testid=board-card][data-number='{number}']";

    private static string InColumn(string column, int number) => $"[data-drop-column={column}] {Ticket(number)}";

    private IRenderedComponent<IComponent> RenderBoard(CurrentUser user, string url = "/tickets/board") => RenderAs<TicketBoardPage>(user, url: url);

    [Fact]
    public async Task Card_ShowsNumberCustomerTypePriorityResponsibleAgeAndLate_AndItsMenuOffersMovesAndAssignments()
    {
        var now = Db.Clock.GetUtcNow().UtcDateTime;
        var card = new CardData(7, 123, d.C1, "Cliente Um", "Reclamação", "Atraso na entrega", TicketPriority.Urgent, TicketStatus.Opened,
            d.Bia.Id, "Bia Souza", now.AddHours(-5), IsLate: true, Guid.NewGuid());
        var options = new BoardMenuOptions([TicketStatus.Opened, TicketStatus.InExecution, TicketStatus.Closed], [new(d.Ana.Id, "Ana Lima"), new(d.Bia.Id, "Bia Souza")],
            d.Ana.Id, CanEdit: true);
        CardCommand? received = null;
        var column = new TicketBoardColumn("Opened", "Aberto", 1, 1, [card]);
        var state = new BoardState
        {
            Model = new TicketBoardModel(TicketBoardGroupBy.Status, [column]), Options = options, NowUtc = now,
            OnCommand = EventCallback.Factory.Create<CardCommand>(this, c => received = c),
        };
        var cut = RenderAs<BoardColumn>(d.Ana, ("Board", state), ("Index", 0));

        var article = cut.Find("article.board-card");
        Assert.Contains("#123", article.TextContent);
        Assert.Contains("Cliente Um", article.TextContent);
        Assert.Contains("Reclamação · Atraso na entrega", article.TextContent);
        Assert.Contains("Urgente", article.TextContent);
        Assert.Contains("Bia Souza", article.TextContent);
        Assert.Equal("5 h", cut.Find(".board-age").TextContent);
        Assert.Equal("Atrasado", cut.Find(".board-late").TextContent);
        Assert.Contains("late", article.ClassList);
        Assert.Equal("#123", cut.Find("a.board-card-number").TextContent);
        Assert.Equal("/tickets/7", cut.Find("a.board-card-number").GetAttribute("href"));
        Assert.NotNull(cut.Find(".board-handle[draggable=true]"));
        Assert.Contains("Chamado #123, Cliente Um, prioridade Urgente, Bia Souza", article.GetAttribute("aria-label"));

        // The button is plain shared HTML: the board's script asks the page to open this card's menu (OpenMenu → MenuId).
        var button = cut.Find("button[aria-label='Ações do chamado #123']");
        Assert.Equal("7", button.GetAttribute("data-card-menu"));
        Assert.Equal("board-card-menu", button.GetAttribute("data-testid"));
        state.MenuId = 7;
        cut.FindComponent<BoardColumn>().Render(); // as BoardGrid passes it again
        Assert.Contains("menu-open", cut.Find("article.board-card").ClassList);
        var items = cut.WaitForElements(".mud-menu-item");
        var texts = items.Select(i => i.TextContent.Trim()).ToList();
        Assert.Contains("Em execução", texts);
        Assert.DoesNotContain("Aberto", texts); // where it already is
        Assert.Contains("Atribuir a mim", texts);
        Assert.Contains("Ana Lima", texts);
        Assert.DoesNotContain("Bia Souza", texts);
        Assert.Contains("Sem responsável", texts);

        await items.First(i => i.TextContent.Contains("Atribuir a mim")).ClickAsync(new());
        Assert.Equal(new CardCommand(card, Assign: true, ResponsibleId: d.Ana.Id), received);
    }

    [Fact]
    public async Task Card_OfAReadOnlyViewer_HasNoHandleNorMenu_AndWhatUsersTypedIsText()
    {
        var now = Db.Clock.GetUtcNow().UtcDateTime;
        var card = new CardData(7, 5, d.C1, "Cliente <b>&</b>", "T", "R<script>", TicketPriority.Normal, TicketStatus.Opened, null, null, now, false, Guid.NewGuid());
        var column = new TicketBoardColumn("Opened", "Aberto", 1, 1, [card]);
        var state = new BoardState
        {
            Model = new TicketBoardModel(TicketBoardGroupBy.Status, [column]), Options = new BoardMenuOptions([], [], d.Ana.Id, CanEdit: false), NowUtc = now,
        };
        var cut = RenderAs<BoardColumn>(d.Ana, ("Board", state), ("Index", 0));
        await Task.CompletedTask;
        Assert.Empty(cut.FindAll(".board-handle"));
        Assert.Empty(cut.FindAll("button"));
        Assert.Equal("false", cut.Find("article").GetAttribute("data-can-move"));
        Assert.Contains("Sem responsável", cut.Find(".board-card-responsible").TextContent);
        Assert.Equal("Cliente <b>&</b>", cut.Find(".board-card-customer").TextContent); // the card's HTML is shared markup: encoded
        Assert.Empty(cut.FindAll(".board-card-customer b"));
        Assert.Empty(cut.FindAll("script"));
        Assert.EndsWith("</div>", cut.Markup.TrimEnd()); // nothing stray after the column (a "}" once leaked out of its code)
    }

    [Fact]
    public async Task Board_ShowsAChangePublishedByAnotherUser_WithoutReload_HighlightedAndAnnounced()
    {
        var first = await d.OpenAsync(d.Admin, d.Ana.Id);
        var second = await d.OpenAsync(d.Admin, d.Bia.Id);
        var cut = RenderBoard(d.Ana);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-drop-column=Opened] [data-testid=board-card]").Count));
        Assert.Equal("2", cut.Find("[data-testid=board-count-Opened]").TextContent);
        Assert.Empty(cut.FindAll("[data-drop-column=InExecution] [data-testid=board-card]"));
        var page = cut.FindComponent<TicketBoardPage>();

        await d.Service.MoveAsync(d.Bia, second.Id, TicketStatus.InExecution, second.Version);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(InColumn("InExecution", second.Number))));
        Assert.Empty(cut.FindAll(InColumn("Opened", second.Number)));
        Assert.Contains("flash", cut.Find(Ticket(second.Number)).ClassList);
        Assert.DoesNotContain("flash", cut.Find(Ticket(first.Number)).ClassList);
        Assert.Equal("1", cut.Find("[data-testid=board-count-InExecution]").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=board-count-Opened]").TextContent);
        Assert.Contains($"bia alterou o chamado #{second.Number} (agora em Em execução)", cut.Find("[data-testid=board-announcement]").TextContent);
        Assert.Same(page.Instance, cut.FindComponent<TicketBoardPage>().Instance); // same board, not a reload

        // A field edit re-renders the card where it is; a new ticket appears in its column.
        await d.Service.UpdateAsync(d.Admin, first.Id, d.Input(d.Ana.Id) with { Priority = TicketPriority.Urgent }, first.Version);
        cut.WaitForAssertion(() => Assert.Contains("Urgente", cut.Find(Ticket(first.Number)).TextContent));
        var third = await d.OpenAsync(d.Manager, d.Ana.Id);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(InColumn("Opened", third.Number))));
        Assert.Equal("2", cut.Find("[data-testid=board-count-Opened]").TextContent);
    }

    [Fact]
    public async Task AHighlight_FadesWithoutARender_GoesAtTheNextRender_AndStartsOverWhenTheCardChangesAgain()
    {
        var first = await d.OpenAsync(d.Admin, d.Ana.Id);
        var second = await d.OpenAsync(d.Admin, d.Bia.Id);
        var cut = RenderBoard(d.Ana);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-drop-column=Opened] [data-testid=board-card]").Count));
        // The board's own presence join re-renders it once after the coalescing delay (0.5 s, real time); let that pass first,
        // or on a fast run it lands in the "no render" window below and takes the expired highlight off.
        await Task.Delay(700);

        await d.Service.MoveAsync(d.Bia, first.Id, TicketStatus.InExecution, (await d.Service.GetAsync(d.Bia, first.Id)).Version);
        cut.WaitForAssertion(() => Assert.Contains("flash", cut.Find(InColumn("InExecution", first.Number)).ClassList));
        // Changed again before the board rendered anything else: the other class name, so the animation restarts.
        await d.Service.MoveAsync(d.Bia, first.Id, TicketStatus.Opened, (await d.Service.GetAsync(d.Bia, first.Id)).Version);
        cut.WaitForAssertion(() => Assert.Contains("flash-b", cut.Find(InColumn("Opened", first.Number)).ClassList));

        // Time passes: no render is spent on it; the next change anywhere takes the old highlight off.
        Db.Clock.Advance(TimeSpan.FromSeconds(3));
        await Task.Delay(100);
        Assert.Contains("flash-b", cut.Find(Ticket(first.Number)).ClassList);
        await d.Service.MoveAsync(d.Bia, second.Id, TicketStatus.InExecution, (await d.Service.GetAsync(d.Bia, second.Id)).Version);
        cut.WaitForAssertion(() => Assert.Contains("flash", cut.Find(InColumn("InExecution", second.Number)).ClassList));
        Assert.DoesNotContain("flash", cut.Find(Ticket(first.Number)).ClassList);
        Assert.DoesNotContain("flash-b", cut.Find(Ticket(first.Number)).ClassList);
    }

    [Fact]
    public async Task Board_FiltersFromTheUrl_CountOfTotal_AndALiveChangeLeavingTheFilterRemovesTheCard()
    {
        var mine = await d.OpenAsync(d.Admin, d.Ana.Id);
        await d.OpenAsync(d.Admin, d.Bia.Id);
        var cut = RenderBoard(d.Ana, "/tickets/board?view=status&mine=1");
        cut.WaitForAssertion(() => Assert.Equal("1 de 2", cut.Find("[data-testid=board-count-Opened]").TextContent));
        Assert.Single(cut.FindAll("[data-testid=board-card]"));

        await d.Service.AssignAsync(d.Bia, mine.Id, d.Bia.Id, mine.Version);

        cut.WaitForAssertion(() => Assert.Equal("0 de 2", cut.Find("[data-testid=board-count-Opened]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=board-card]"));
    }

    [Fact]
    public async Task ABoardOf2000OpenTickets_Shows50PerColumn_LoadsMoreOnDemand_AndStillFollowsALiveMove()
    {
        await using (var db = await Db.DbAsync())
        {
            var now = Db.Clock.GetUtcNow().UtcDateTime;
            for (var n = 1; n <= 2000; n++)
                db.Tickets.Add(FoccoCrm.Core.Tickets.Ticket.Open(d.Company, n, d.Input(n % 2 == 0 ? d.Ana.Id : d.Bia.Id), d.Admin, now.AddMinutes(-n)));
            await db.SaveChangesAsync();
        }
        var cut = RenderBoard(d.Ana);
        cut.WaitForAssertion(() => Assert.Equal(50, cut.FindAll("[data-drop-column=Opened] [data-testid=board-card]").Count), TimeSpan.FromSeconds(30));
        Assert.Equal("2000", cut.Find("[data-testid=board-count-Opened]").TextContent);

        // The button is plain HTML whose click js/ticket-board.js hands to the page (E2E: TicketBoardTests); here the page is called.
        Assert.Equal("Opened", cut.Find("button[aria-label='Carregar mais chamados em Aberto']").GetAttribute("data-load-more"));
        await cut.InvokeAsync(() => cut.FindComponent<TicketBoardPage>().Instance.LoadMore("Opened"));
        cut.WaitForAssertion(() => Assert.Equal(100, cut.FindAll("[data-drop-column=Opened] [data-testid=board-card]").Count));
        Assert.Contains("Carregar mais (1900)", cut.Find(".board-more").TextContent);

        var card = (await d.Service.CardAsync(d.Ana, (await d.Service.ListAsync(d.Ana, d.Company, new TicketQuery { Take = 1, Descending = false })).Items[0].Id))!;
        await d.Service.MoveAsync(d.Bia, card.Id, TicketStatus.InExecution, card.Version);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(InColumn("InExecution", card.Number))));
        Assert.Equal("1999", cut.Find("[data-testid=board-count-Opened]").TextContent);
        // Placed in memory: the card left the 100 shown (no query), and "load more" goes on from where the column is now.
        Assert.Equal(99, cut.FindAll("[data-drop-column=Opened] [data-testid=board-card]").Count);
        Assert.Contains("Carregar mais (1900)", cut.Find(".board-more").TextContent);
        // The button is plain HTML whose click js/ticket-board.js hands to the page (E2E: TicketBoardTests); here the page is called.
        Assert.Equal("Opened", cut.Find("button[aria-label='Carregar mais chamados em Aberto']").GetAttribute("data-load-more"));
        await cut.InvokeAsync(() => cut.FindComponent<TicketBoardPage>().Instance.LoadMore("Opened"));
        cut.WaitForAssertion(() => Assert.Equal(149, cut.FindAll("[data-drop-column=Opened] [data-testid=board-card]").Count));
        var numbers = cut.FindAll("[data-drop-column=Opened] [data-testid=board-card]").Select(c => int.Parse(c.GetAttribute("data-number")!)).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Fact]
    public async Task MoveOfAStaleCard_SnapsBack_AndNamesWhoChangedIt_ThenApplyAnywayUsesTheNewVersion()
    {
        var ticket = await d.OpenAsync(d.Admin, d.Ana.Id);
        var cut = RenderBoard(d.Ana);
        var snackbars = Render<MudSnackbarProvider>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(InColumn("Opened", ticket.Number))));
        // Bia reassigns it and the event has not reached this board yet (written straight to the database, nothing published).
        await using (var db = await Db.DbAsync())
        {
            var row = await db.Tickets.AsTracking().SingleAsync(t => t.Id == ticket.Id);
            row.Assign(d.Bia.Id);
            row.Touch(d.Bia, Db.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }
        Db.Clock.Advance(TimeSpan.FromSeconds(10));
        var page = cut.FindComponent<TicketBoardPage>().Instance;

        await cut.InvokeAsync(() => page.OnCardKey(ticket.Id, " "));
        await cut.InvokeAsync(() => page.OnCardKey(ticket.Id, "ArrowRight"));
        Assert.Contains("drop-over", cut.Find("[data-drop-column=InExecution]").ClassList);
        await cut.InvokeAsync(() => page.OnCardKey(ticket.Id, " "));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(InColumn("Opened", ticket.Number))));
        Assert.Empty(cut.FindAll(InColumn("InExecution", ticket.Number)));
        var expected = $"bia atribuiu #{ticket.Number} a bia há 10 s — aplicar mesmo assim?";
        Assert.Equal(expected, cut.Find("[data-testid=board-announcement]").TextContent);
        Assert.Equal(expected, Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars).Message);
        Assert.Equal(TicketStatus.Opened, (await d.Service.GetAsync(d.Admin, ticket.Id)).Status);

        // "Aplicar mesmo assim" moves it with the version the ticket has now.
        var action = snackbars.WaitForElement(".mud-snackbar button:not(.mud-snackbar-close-button)");
        Assert.Equal("Aplicar mesmo assim", action.TextContent.Trim());
        await action.ClickAsync(new());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(InColumn("InExecution", ticket.Number))));
        var now = await d.Service.GetAsync(d.Admin, ticket.Id);
        Assert.Equal((TicketStatus.InExecution, d.Bia.Id), (now.Status, now.ResponsibleId));
    }

    [Fact]
    public async Task Keyboard_MovesFocusLiftsChoosesTheColumnAndDrops_AnnouncingTheMove_AndEscCancels()
    {
        var a = await d.OpenAsync(d.Admin, d.Ana.Id);
        var b = await d.OpenAsync(d.Admin, d.Ana.Id);
        var cut = RenderBoard(d.Ana);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=board-card]").Count));
        var page = cut.FindComponent<TicketBoardPage>().Instance;
        Assert.Equal("0", cut.Find(Ticket(a.Number)).GetAttribute("tabindex"));

        await cut.InvokeAsync(() => page.OnCardKey(a.Id, "ArrowDown"));
        Assert.Equal("0", cut.Find(Ticket(b.Number)).GetAttribute("tabindex"));
        Assert.Equal("-1", cut.Find(Ticket(a.Number)).GetAttribute("tabindex"));

        await cut.InvokeAsync(() => page.OnCardKey(b.Id, " "));
        Assert.Contains("lifted", cut.Find(Ticket(b.Number)).ClassList);
        Assert.Contains($"Chamado #{b.Number} levantado", cut.Find("[data-testid=board-announcement]").TextContent);
        await cut.InvokeAsync(() => page.OnCardKey(b.Id, "ArrowRight"));
        Assert.Equal("Destino: Em execução", cut.Find("[data-testid=board-announcement]").TextContent);
        await cut.InvokeAsync(() => page.OnCardKey(b.Id, "Escape"));
        Assert.DoesNotContain("lifted", cut.Find(Ticket(b.Number)).ClassList);
        Assert.Equal(TicketStatus.Opened, (await d.Service.GetAsync(d.Admin, b.Id)).Status);

        await cut.InvokeAsync(() => page.OnCardKey(b.Id, " "));
        await cut.InvokeAsync(() => page.OnCardKey(b.Id, "ArrowRight"));
        await cut.InvokeAsync(() => page.OnCardKey(b.Id, " "));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(InColumn("InExecution", b.Number))));
        Assert.Equal($"Chamado #{b.Number} movido para Em execução.", cut.Find("[data-testid=board-announcement]").TextContent);
        Assert.Equal(TicketStatus.InExecution, (await d.Service.GetAsync(d.Admin, b.Id)).Status);
    }

    [Fact]
    public async Task DropOnASwimlaneCell_ChangesStatusAndResponsible_WithTheSeenVersion()
    {
        var ticket = await d.OpenAsync(d.Admin, d.Ana.Id);
        var cut = RenderBoard(d.Ana, "/tickets/board?view=status&lanes=1");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"[data-drop-column=Opened][data-drop-lane='{d.Ana.Id}'] {Ticket(ticket.Number)}")));
        Assert.Contains(cut.FindAll(".board-lane-head"), h => h.TextContent.Contains("Sem responsável"));
        var page = cut.FindComponent<TicketBoardPage>().Instance;

        await cut.InvokeAsync(() => page.OnDragStart(ticket.Id));
        await cut.InvokeAsync(() => page.OnDrop(ticket.Id, "InExecution", d.Bia.Id));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"[data-drop-column=InExecution][data-drop-lane='{d.Bia.Id}'] {Ticket(ticket.Number)}")));
        var now = await d.Service.GetAsync(d.Admin, ticket.Id);
        Assert.Equal((TicketStatus.InExecution, d.Bia.Id), (now.Status, now.ResponsibleId));
    }

    [Fact]
    public async Task ARemoteChangeToTheCardBeingDragged_CancelsTheDragWithAReason_AndTheDropIsIgnored()
    {
        var ticket = await d.OpenAsync(d.Admin, d.Ana.Id);
        var cut = RenderBoard(d.Ana);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(InColumn("Opened", ticket.Number))));
        var page = cut.FindComponent<TicketBoardPage>().Instance;
        await cut.InvokeAsync(() => page.OnDragStart(ticket.Id));

        await d.Service.AssignAsync(d.Bia, ticket.Id, d.Bia.Id, ticket.Version);

        cut.WaitForAssertion(() => Assert.Equal($"bia acabou de alterar o chamado #{ticket.Number}: movimento cancelado.",
            Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars).Message));
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "cancelDrag");
        await cut.InvokeAsync(() => page.OnDrop(ticket.Id, "InExecution", null));
        Assert.Equal(TicketStatus.Opened, (await d.Service.GetAsync(d.Admin, ticket.Id)).Status);
    }

    [Fact]
    public async Task Presence_ShowsWhoIsViewing_AndAReconnectReloadsTheSnapshotAndSaysSo_AndDisposeLeaves()
    {
        var presence = Db.Get<BoardPresence>();
        var feed = Db.Get<IChangeFeed>();
        var topic = LiveTopics.Tickets(d.Company);
        var cut = RenderBoard(d.Ana);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".board-avatar.presence")));
        using (presence.Join(topic, d.Bia.Id, "Bia Souza"))
        {
            cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".board-avatar.presence").Count));
            Assert.Contains("Bia Souza", cut.Find("[data-testid=board-presence]").GetAttribute("aria-label"));
        }
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".board-avatar.presence")));

        // Changed while the connection was down (nothing published reaches this board): the reconnect re-reads everything.
        var ticket = await d.OpenAsync(d.Admin, d.Ana.Id);
        await using (var db = await Db.DbAsync())
        {
            var row = await db.Tickets.AsTracking().SingleAsync(t => t.Id == ticket.Id);
            row.MoveTo(TicketStatus.InExecution, null, Db.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }
        await cut.InvokeAsync(connection.RaiseConnectionUpAsync);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(InColumn("InExecution", ticket.Number))));
        Assert.Equal("Quadro atualizado", cut.Find("[data-testid=board-announcement]").TextContent);

        var boards = Db.Get<TicketBoardFeed>();
        Assert.Equal(1, boards.SubscriberCount(d.Company));
        Assert.Equal(1, feed.SubscriberCount(LiveTopics.Presence(topic)));
        await DisposeComponentsAsync();
        Assert.Equal(0, boards.SubscriberCount(d.Company));
        Assert.Equal(0, feed.SubscriberCount(LiveTopics.Presence(topic)));
        Assert.Empty(presence.Viewers(topic));
    }
}
