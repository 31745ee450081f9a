using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FoccoCrm.E2E;

[Collection(AppCollection.Name)]
[Trait("Category", "E2E")]
public class TicketsTests(AppFixture app)
{
    /// <summary>Opens a ticket through the form (customer by the picker, first type and reason) and returns its page URL.</summary>
    private static async Task<string> OpenTicketAsync(IPage page, string situation)
    {
        await page.GotoAsync("/tickets/new");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByText("FCRM0200").First).ToBeVisibleAsync();
        await (await page.SearchFirstOptionAsync(page.GetByLabel("Cliente", new() { Exact = true }), "Ltda")).ClickAsync();
        await page.GetByTestId("ticket-type").ClickAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { Visible = true }).First.ClickAsync();
        await page.GetByTestId("ticket-reason").ClickAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { Visible = true }).First.ClickAsync();
        await page.GetByLabel("Situação relatada").FillAsync(situation);
        await page.GetByRole(AriaRole.Button, new() { Name = "Abrir chamado" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/tickets/\d+$"));
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(@"^Chamado \d+$") })).ToBeVisibleAsync();
        return page.Url;
    }

    [Fact]
    public async Task Agent_OpensATicket_SchedulesATask_AndClosesItWithASolution()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("agente1@foccocrm.demo");
        await page.GotoAsync("/tickets/new");
        await page.WaitForInteractiveAsync();
        await page.ScreenshotAsync("ticket-new");
        // Opening fields are required: saving an empty form says so and stays.
        await page.GetByRole(AriaRole.Button, new() { Name = "Abrir chamado" }).ClickAsync();
        await Expect(page.GetByText("Descreva a situação relatada pelo cliente.").First).ToBeVisibleAsync();

        await OpenTicketAsync(page, "Cliente relata entrega incompleta do pedido 123.");
        await Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("Aberto");

        // Execution: a task (agendamento).
        await page.GetByRole(AriaRole.Tab, new() { Name = "Agendamentos (0)" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Novo agendamento" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Descrição").FillAsync("Ligar para confirmar a reposição");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var tasks = page.Locator("[aria-label='Agendamentos'] tbody tr");
        await Expect(tasks.Filter(new() { HasText = "Ligar para confirmar a reposição" })).ToHaveCountAsync(1);
        await Expect(tasks.First).ToContainTextAsync("Pendente");
        await page.ScreenshotAsync("ticket-tasks");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Orçamento / pedido" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Criar orçamento" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("ticket-document");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Contas a receber do cliente" }).ClickAsync();
        await Expect(page.GetByTestId("receivable-totals")).ToBeVisibleAsync();
        await page.ScreenshotAsync("ticket-receivables");

        // Closing: the solution is required.
        await page.GetByRole(AriaRole.Button, new() { Name = "Fechar chamado" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Fechar chamado" }).ClickAsync();
        await Expect(dialog.GetByText("Obrigatório")).ToBeVisibleAsync();
        await dialog.GetByLabel("Solução").FillAsync("Reposição enviada por transportadora expressa.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Fechar chamado" }).ClickAsync();
        await Expect(page.GetByTestId("ticket-status")).ToHaveTextAsync("Fechado");
        await Expect(page.GetByTestId("ticket-solution")).ToHaveTextAsync("Reposição enviada por transportadora expressa.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reabrir" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Histórico" }).ClickAsync();
        var history = page.Locator("[aria-label='Histórico'] tbody tr");
        await Expect(history.Filter(new() { HasText = "Situação do chamado" }).Filter(new() { HasText = "Fechado" })).ToHaveCountAsync(1);
        await Expect(history.Filter(new() { HasText = "Agendamento incluído" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync("ticket-closed-history");
        var url = page.Url;

        // The list finds it by number; CCRM0400 lists it under its responsible.
        var number = Regex.Match(await page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(@"^Chamado \d+$") }).InnerTextAsync(), @"\d+").Value;
        await page.GotoAsync("/tickets");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Buscar por número, cliente ou situação").FillAsync(number);
        await Expect(page.Locator("[aria-label='Chamados'] tbody tr").First).ToContainTextAsync("#" + number);
        await page.ScreenshotAsync("tickets-list");
        await page.GotoAsync("/tickets/by-responsible");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByText("CCRM0400").First).ToBeVisibleAsync();
        await Expect(page.Locator("[aria-label='Chamados'] tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync("tickets-by-responsible");
        await page.Context.CloseAsync();

        var tablet = await app.NewPageAsync(width: 820, height: 1180);
        await tablet.LoginAsync("agente1@foccocrm.demo");
        await tablet.GotoAsync(url);
        await tablet.WaitForInteractiveAsync();
        await Expect(tablet.GetByTestId("ticket-status")).ToHaveTextAsync("Fechado");
        await tablet.ScreenshotAsync("ticket-closed");
        await tablet.GotoAsync("/tickets");
        await tablet.WaitForInteractiveAsync();
        await Expect(tablet.Locator("[aria-label='Chamados'] tbody tr").First).ToBeVisibleAsync();
        await tablet.ScreenshotAsync("tickets-list");
        await tablet.Context.CloseAsync();
    }

    [Fact]
    public async Task AConflictingEditInASecondContext_ShowsTheirsVersusYours()
    {
        var ana = await app.NewPageAsync();
        await ana.LoginAsync("gestor@foccocrm.demo");
        var url = await OpenTicketAsync(ana, "Situação original");

        var bia = await app.NewPageAsync(width: 820, height: 1180);
        await bia.LoginAsync("admin@foccocrm.demo");
        await bia.GotoAsync(url);
        await bia.WaitForInteractiveAsync();
        await Expect(bia.GetByLabel("Situação relatada")).ToHaveValueAsync("Situação original");

        // Ana saves first.
        await ana.GetByLabel("Situação relatada").FillAsync("Versão da Ana");
        await ana.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(ana.GetByText("Salvo").First).ToBeVisibleAsync();

        // Bia, who loaded before, is told live and, on saving, sees theirs vs yours.
        await Expect(bia.GetByTestId("remote-change")).ToBeVisibleAsync();
        await bia.GetByLabel("Situação relatada").FillAsync("Versão da Bia");
        await bia.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        var conflict = bia.GetByTestId("ticket-conflict");
        await Expect(conflict).ToBeVisibleAsync();
        await Expect(conflict).ToContainTextAsync("alterou o chamado");
        var row = conflict.GetByTestId("conflict-row").Filter(new() { HasText = "Situação relatada" });
        await Expect(row).ToContainTextAsync("Versão da Ana");
        await Expect(row).ToContainTextAsync("Versão da Bia");
        await bia.ScreenshotAsync("ticket-conflict");

        // Bia takes Ana's text: the form shows it and the conflict is gone; nothing was overwritten.
        await bia.GetByRole(AriaRole.Button, new() { Name = "Usar todos os valores atuais" }).ClickAsync();
        await Expect(conflict).ToHaveCountAsync(0);
        await Expect(bia.GetByLabel("Situação relatada")).ToHaveValueAsync("Versão da Ana");
        await ana.ReloadAsync();
        await ana.WaitForInteractiveAsync();
        await Expect(ana.GetByLabel("Situação relatada")).ToHaveValueAsync("Versão da Ana");
        await ana.Context.CloseAsync();
        await bia.Context.CloseAsync();
    }
}
