using System.Net.Http.Json;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FoccoCrm.E2E;

/// <summary>
/// The live ticket board (FCRM0200 /tickets/board) with two agents at once: agent 1 on a desktop drags by the handle, agent 2 on a
/// touch tablet (820 px) moves by keyboard and by the card menu; each sees the other's moves and a new ticket without reloading.
/// </summary>
[Collection(AppCollection.Name)]
[Trait("Category", "E2E")]
public class TicketBoardTests(AppFixture app)
{
    private async Task<CurrentUser> UserAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        return (await app.Services.GetRequiredService<UserAccessService>().LoadAsync(user!.Id))!;
    }

    /// <summary>A ticket of company 01 like an existing demo one (customer, type, reason), with our marker as the situation.</summary>
    private async Task<TicketRef> CreateTicketAsync(CurrentUser admin, string marker, string responsibleId)
    {
        var tickets = app.Services.GetRequiredService<TicketService>();
        var company = admin.Companies.Single(c => c.Code == "01").Id;
        var sample = (await tickets.ListAsync(admin, company, new TicketQuery { Take = 1 })).Items.Single();
        var input = (await tickets.GetAsync(admin, sample.Id)).ToInput();
        input.Situation = marker + " — cliente pede retorno";
        input.Priority = TicketPriority.High;
        input.ResponsibleId = responsibleId;
        input.ScheduledCallback = false;
        input.CallbackAtUtc = null;
        return await tickets.CreateAsync(admin, company, input);
    }

    /// <summary>Opens a ticket like an integration would: token from /api/auth/token, then POST /api/companies/{id}/tickets.</summary>
    private async Task<(long Id, int Number)> CreateTicketThroughApiAsync(CurrentUser admin, string marker, string responsibleId)
    {
        var tickets = app.Services.GetRequiredService<TicketService>();
        var company = admin.Companies.Single(c => c.Code == "01").Id;
        var sample = (await tickets.ListAsync(admin, company, new TicketQuery { Take = 1 })).Items.Single();
        var input = (await tickets.GetAsync(admin, sample.Id)).ToInput();
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var tokenResponse = await http.PostAsJsonAsync("/api/auth/token", new { email = "admin@foccocrm.demo", password = "FoccoDemo#2026" });
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var response = await http.PostAsJsonAsync($"/api/companies/{company}/tickets", new
        {
            customerId = input.CustomerId, typeId = input.TypeId, reasonId = input.ReasonId, origin = "Active",
            situation = marker + " — aberto pela API", priority = "Urgent", responsibleId,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return (created.GetProperty("id").GetInt64(), created.GetProperty("number").GetInt32());
    }

    private static async Task<IPage> OpenBoardAsync(IPage page, string email, string marker)
    {
        await page.LoginAsync(email);
        await page.UseCompanyAsync("01");
        await page.GotoAsync("/tickets/board?view=status&q=" + Uri.EscapeDataString(marker));
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator(".mud-main-content .program-code")).ToHaveTextAsync("FCRM0200");
        return page;
    }

    private static ILocator Card(IPage page, string column, int number) =>
        page.Locator($"[data-drop-column={column}] [data-testid=board-card][data-number='{number}']");

    [Fact]
    public async Task TwoAgents_SeeEachOthersMoves_ByDragKeyboardAndMenu_AndANewTicket_WithoutReload()
    {
        var marker = "Quadro E2E " + Guid.NewGuid().ToString("N")[..8];
        var admin = await UserAsync("admin@foccocrm.demo");
        var agent1 = await UserAsync("agente1@foccocrm.demo");
        var agent2 = await UserAsync("agente2@foccocrm.demo");
        var ticket = await CreateTicketAsync(admin, marker, agent1.Id);

        var desk = await OpenBoardAsync(await app.NewPageAsync(), "agente1@foccocrm.demo", marker);
        var tablet = await OpenBoardAsync(await app.NewPageAsync(width: 820, height: 1180), "agente2@foccocrm.demo", marker);
        await Expect(Card(desk, "Opened", ticket.Number)).ToBeVisibleAsync();
        await Expect(Card(tablet, "Opened", ticket.Number)).ToBeVisibleAsync();
        await Expect(desk.GetByTestId("board-count-Opened")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^1 de \d+$"));
        // Presence: each sees the other in the header.
        await Expect(desk.GetByTestId("board-presence")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(agent2.FullName));
        await Expect(tablet.GetByTestId("board-presence")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(agent1.FullName));

        // Agent 1 drags the card by its handle to "Em execução": agent 2's board follows.
        await Card(desk, "Opened", ticket.Number).Locator(".board-handle").DragToAsync(desk.Locator("[data-drop-column=InExecution]"));
        await Expect(Card(desk, "InExecution", ticket.Number)).ToBeVisibleAsync();
        await Expect(Card(tablet, "InExecution", ticket.Number)).ToBeVisibleAsync();
        await Expect(Card(tablet, "Opened", ticket.Number)).ToHaveCountAsync(0);
        await Expect(tablet.GetByTestId("board-announcement")).ToContainTextAsync($"#{ticket.Number}");
        Assert.Equal(TicketStatus.InExecution, (await app.Services.GetRequiredService<TicketService>().GetAsync(admin, ticket.Id)).Status);

        // Agent 2 (touch tablet) moves it back by keyboard: Space lifts, ← chooses "Aberto", Space drops.
        var onTablet = Card(tablet, "InExecution", ticket.Number);
        await onTablet.FocusAsync();
        await tablet.Keyboard.PressAsync(" ");
        await Expect(tablet.GetByTestId("board-announcement")).ToContainTextAsync("levantado");
        await tablet.Keyboard.PressAsync("ArrowLeft");
        await Expect(tablet.GetByTestId("board-announcement")).ToHaveTextAsync("Destino: Aberto");
        await tablet.Keyboard.PressAsync(" ");
        await Expect(tablet.GetByTestId("board-announcement")).ToHaveTextAsync($"Chamado #{ticket.Number} movido para Aberto.");
        await Expect(Card(tablet, "Opened", ticket.Number)).ToBeVisibleAsync();
        await Expect(Card(desk, "Opened", ticket.Number)).ToBeVisibleAsync();
        await Expect(Card(desk, "Opened", ticket.Number)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("flash"));
        await tablet.ScreenshotAsync("ticket-board-keyboard");

        // ... and by the card menu, tapped: "Mover para… Em execução", then "Atribuir a mim".
        await Card(tablet, "Opened", ticket.Number).GetByRole(AriaRole.Button, new() { Name = $"Ações do chamado #{ticket.Number}" }).TapAsync();
        var toExecution = tablet.GetByRole(AriaRole.Menuitem, new() { Name = "Em execução", Exact = true });
        await Expect(toExecution).ToBeVisibleAsync();
        await tablet.ScreenshotAsync("ticket-board-menu");
        await toExecution.TapAsync();
        await Expect(Card(desk, "InExecution", ticket.Number)).ToBeVisibleAsync();
        await Card(tablet, "InExecution", ticket.Number).GetByRole(AriaRole.Button, new() { Name = $"Ações do chamado #{ticket.Number}" }).TapAsync();
        await tablet.GetByRole(AriaRole.Menuitem, new() { Name = "Atribuir a mim" }).TapAsync();
        await Expect(Card(desk, "InExecution", ticket.Number)).ToContainTextAsync(agent2.FullName);

        // A ticket opened elsewhere (through the service, as the API does) appears on both open boards.
        var created = await CreateTicketAsync(admin, marker, agent1.Id);
        await Expect(Card(desk, "Opened", created.Number)).ToBeVisibleAsync();
        await Expect(Card(tablet, "Opened", created.Number)).ToBeVisibleAsync();

        // ... and one opened through the HTTP API (a real request with a bearer token) too.
        var viaApi = await CreateTicketThroughApiAsync(admin, marker, agent1.Id);
        await Expect(Card(desk, "Opened", viaApi.Number)).ToBeVisibleAsync();
        await Expect(Card(tablet, "Opened", viaApi.Number)).ToBeVisibleAsync();

        // Agent 2 opens that ticket: agent 1's card shows who has it open.
        var ticketTab = await tablet.Context.NewPageAsync();
        await ticketTab.GotoAsync($"/tickets/{viaApi.Id}");
        await ticketTab.WaitForInteractiveAsync();
        await Expect(Card(desk, "Opened", viaApi.Number).Locator(".board-avatar.viewing")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex(agent2.FullName));
        await ticketTab.CloseAsync();
        await Expect(Card(desk, "Opened", viaApi.Number).Locator(".board-avatar.viewing")).ToHaveCountAsync(0);

        await desk.ScreenshotAsync("ticket-board");
        await tablet.ScreenshotAsync("ticket-board");
        await desk.Context.CloseAsync();
        await tablet.Context.CloseAsync();
    }

    [Fact]
    public async Task AColumnShows50Cards_AndLoadMoreBringsTheRest_ByMouseAndKeyboard()
    {
        var marker = "Quadro mais " + Guid.NewGuid().ToString("N")[..8];
        var admin = await UserAsync("admin@foccocrm.demo");
        for (var i = 0; i < 53; i++) await CreateTicketAsync(admin, marker, admin.Id);
        var page = await OpenBoardAsync(await app.NewPageAsync(), "admin@foccocrm.demo", marker);
        var opened = page.Locator("[data-drop-column=Opened] [data-testid=board-card]");
        await Expect(opened).ToHaveCountAsync(50);
        await Expect(page.Locator("[data-testid=board-count-Opened]")).ToContainTextAsync("53 de");
        var more = page.GetByRole(AriaRole.Button, new() { Name = "Carregar mais chamados em Aberto" });
        await Expect(more).ToHaveTextAsync("Carregar mais (3)");
        await more.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(opened).ToHaveCountAsync(53);
        await Expect(more).ToHaveCountAsync(0); // nothing more to load: the button goes
        await Expect(page.GetByTestId("board-announcement")).ToHaveTextAsync("3 chamados a mais em Aberto");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OnATouchTablet_ALongPressLiftsTheCard_AndDraggingTheFingerMovesIt()
    {
        var marker = "Quadro toque " + Guid.NewGuid().ToString("N")[..8];
        var admin = await UserAsync("admin@foccocrm.demo");
        var agent2 = await UserAsync("agente2@foccocrm.demo");
        var ticket = await CreateTicketAsync(admin, marker, agent2.Id);
        var tablet = await OpenBoardAsync(await app.NewPageAsync(width: 820, height: 1180), "agente2@foccocrm.demo", marker);
        var card = Card(tablet, "Opened", ticket.Number);
        await Expect(card).ToBeVisibleAsync();
        Assert.Equal("pan-y", await card.EvaluateAsync<string>("c => getComputedStyle(c).touchAction"));
        var from = (await card.Locator(".board-card-customer").BoundingBoxAsync())!;
        var to = (await tablet.Locator("[data-drop-column=InExecution]").BoundingBoxAsync())!;

        // Real touch input (Chromium's DevTools protocol): press and hold on the card, then slide to "Em execução".
        var cdp = await tablet.Context.NewCDPSessionAsync(tablet);
        Task TouchAsync(string type, double x = 0, double y = 0) => cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
        {
            ["type"] = type,
            ["touchPoints"] = type == "touchEnd" ? Array.Empty<object>() : new object[] { new Dictionary<string, object> { ["x"] = x, ["y"] = y } },
        });
        double x0 = from.X + 20, y0 = from.Y + from.Height / 2, x1 = to.X + to.Width / 2, y1 = to.Y + 60;
        await TouchAsync("touchStart", x0, y0);
        await Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("lifted-touch")); // after the 400 ms press
        for (var i = 1; i <= 10; i++) await TouchAsync("touchMove", x0 + (x1 - x0) * i / 10, y0 + (y1 - y0) * i / 10);
        await Expect(tablet.Locator("[data-drop-column=InExecution]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("drop-over-pointer"));
        await tablet.ScreenshotAsync("ticket-board-touch-drag");
        await TouchAsync("touchEnd");

        await Expect(Card(tablet, "InExecution", ticket.Number)).ToBeVisibleAsync();
        await Expect(tablet.GetByTestId("board-announcement")).ToHaveTextAsync($"Chamado #{ticket.Number} movido para Em execução.");
        Assert.Equal(TicketStatus.InExecution, (await app.Services.GetRequiredService<TicketService>().GetAsync(admin, ticket.Id)).Status);
        await tablet.Context.CloseAsync();
    }

    [Fact]
    public async Task Board_Unfiltered_WithSwimlanesAndShortcuts_AtBothWidths()
    {
        foreach (var width in new[] { 1280, 820 })
        {
            var page = await app.NewPageAsync(width: width, height: width == 820 ? 1180 : 860);
            await page.LoginAsync("gestor@foccocrm.demo");
            await page.UseCompanyAsync("01");
            await page.GotoAsync("/tickets/board");
            await page.WaitForInteractiveAsync();
            await Expect(page.Locator("[data-testid=board-card]").First).ToBeVisibleAsync();
            var cards = await page.Locator("[data-drop-column=Opened] [data-testid=board-card]").CountAsync();
            Assert.InRange(cards, 1, 50); // 50 per column, then "Carregar mais"
            await page.ScreenshotAsync("ticket-board-full");
            if (cards == 50)
            {
                var more = page.GetByRole(AriaRole.Button, new() { Name = "Carregar mais chamados em Aberto" });
                await more.ClickAsync();
                await Expect(page.Locator("[data-drop-column=Opened] [data-testid=board-card]").Nth(50)).ToBeAttachedAsync();
            }

            // "/" goes to the search from anywhere on the board.
            await page.Locator("[data-testid=board-card]").First.FocusAsync();
            await page.Keyboard.PressAsync("/");
            await Expect(page.GetByLabel("Buscar (/)")).ToBeFocusedAsync();

            await page.Locator("[data-testid=board-card]").First.FocusAsync();
            await page.Keyboard.PressAsync("?");
            await Expect(page.GetByTestId("board-shortcuts")).ToBeVisibleAsync();
            await page.ScreenshotAsync("ticket-board-shortcuts");
            await page.GetByTestId("board-shortcuts").GetByRole(AriaRole.Button, new() { Name = "Fechar" }).ClickAsync();

            // A filter chip goes into the URL ("12 de 40" counts) and is remembered: /tickets/board alone brings it back.
            await page.GetByRole(AriaRole.Button, new() { Name = "Atrasado", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("late=1"));
            await Expect(page.GetByTestId("board-count-InExecution")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ de \d+$"));
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Atrasado", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
            await page.GotoAsync("/tickets/board");
            await page.WaitForInteractiveAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("late=1"));
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Atrasado", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");

            await page.GotoAsync("/tickets/board?view=responsible&lanes=1");
            await page.WaitForInteractiveAsync();
            await Expect(page.Locator(".board-lane-head").First).ToBeVisibleAsync();
            await Expect(page.Locator($"[data-drop-column='{TicketService.UnassignedColumn}']").First).ToBeAttachedAsync();
            await page.ScreenshotAsync("ticket-board-lanes");
            await page.Context.CloseAsync();
        }
    }
}
