using System.Text.RegularExpressions;
using FoccoCrm.Core.Common;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FoccoCrm.E2E;

[Collection(AppCollection.Name)]
[Trait("Category", "E2E")]
public class OccurrencesTests(AppFixture app)
{
    [Fact]
    public async Task Agent_RegistersAConsumersOccurrenceWithTheChecklist_ForwardsIt_TheOtherAgentsBellRisesLive_AndTheQueryExportsIt()
    {
        // agente2 is signed in in a second browser (own context and cookies) and keeps a page open
        var agent2 = await app.NewPageAsync(width: 820, height: 1180);

        await agent2.LoginAsync("agente2@foccocrm.demo");
        await agent2.GotoAsync("/occurrences");
        await agent2.WaitForInteractiveAsync();
        var bell = agent2.GetByTestId("notification-bell");
        var before = UnreadOf(await bell.GetAttributeAsync("aria-label"));

        // agente1 creates a consumer and, from its page's Ocorrências tab, registers an occurrence
        var page = await app.NewPageAsync();
        await page.LoginAsync("agente1@foccocrm.demo");
        await page.UseCompanyAsync("01");
        await page.GotoAsync("/persons/new?preset=consumer");
        await page.WaitForInteractiveAsync();
        var name = "Consumidora Ocorrência " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Nome", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("CPF", new() { Exact = true }).FillAsync(Cpf.Format(Cpf.WithCheckDigits(Random.Shared.Next(100_000_000, 999_999_999).ToString())));
        await page.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/persons/\d+$"), Committed);
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Ocorrências" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nova ocorrência" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/occurrences/new\?person=\d+$"), Committed);
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("person-picker")).ToHaveValueAsync(new Regex(Regex.Escape(name)));

        await page.GetByTestId("occurrence-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "2 · Troca" }).ClickAsync();
        await page.GetByTestId("occurrence-reason").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "1 · Produto com defeito" }).ClickAsync();
        var text = "Caneta riscada " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Descrição").FillAsync(text);
        // the type's checklist (DEF-CANETA) is filled with the shared component
        var fill = page.GetByTestId("checklist-fill");
        var riscado = fill.GetByRole(AriaRole.Group, new() { Name = "Produto está riscado?" });
        await riscado.GetByRole(AriaRole.Button, new() { Name = "Sim" }).ClickAsync();
        var onde = fill.GetByRole(AriaRole.Group, new() { Name = "Onde está o risco?" });
        await Expect(onde).ToBeVisibleAsync();
        await onde.GetByText("Corpo").ClickAsync();
        await page.ScreenshotAsync("occurrence-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/occurrences/\d+$"), Committed);
        await page.WaitForInteractiveAsync();
        var occurrenceUrl = page.Url;
        await Expect(page.GetByTestId("occurrence-status")).ToContainTextAsync("Aberta");
        await Expect(page.GetByTestId("occurrence-history")).ToContainTextAsync("Checklist");

        // forward to agente2 with a message
        await page.GetByRole(AriaRole.Button, new() { Name = "Encaminhar" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("forward-to").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("agente2@foccocrm\\.demo") }).ClickAsync();
        await dialog.GetByLabel("Mensagem").FillAsync("Pode ligar para a cliente hoje?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Encaminhar" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("occurrence-history")).ToContainTextAsync("Pode ligar para a cliente hoje?");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Encaminhar" })).ToHaveCountAsync(0); // agente1 is no longer the responsible
        await page.ScreenshotAsync("occurrence-forwarded");

        // agente2's bell rises without a reload, and the notification opens the occurrence
        await Expect(bell).ToHaveAttributeAsync("aria-label", $"Notificações: {before + 1} não lidas");
        await bell.ClickAsync();
        await Expect(agent2.GetByTestId("notification-panel")).ToBeVisibleAsync();
        await agent2.ScreenshotAsync("notification-panel");
        await agent2.Locator(".notification-item").Filter(new() { HasTextRegex = new Regex("encaminhou a ocorrência \\d+ para você") }).First.ClickAsync();
        await agent2.WaitForURLAsync(occurrenceUrl, Committed);
        await agent2.WaitForInteractiveAsync();
        await Expect(agent2.GetByRole(AriaRole.Button, new() { Name = "Encerrar" })).ToBeVisibleAsync();
        await agent2.ScreenshotAsync("occurrence-received");

        // FERM0401: the criteria are in the URL; the result exports
        await agent2.GotoAsync("/occurrences/query");
        await agent2.WaitForInteractiveAsync();
        await agent2.GetByLabel("Texto").FillAsync(text);
        await agent2.GetByRole(AriaRole.Button, new() { Name = "Consultar" }).ClickAsync();
        await agent2.WaitForURLAsync(new Regex("/occurrences/query\\?text="), Committed);
        var rows = agent2.GetByTestId("occurrence-grid").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(name);
        await Expect(rows.First).ToContainTextAsync("Consumidor");
        await agent2.ScreenshotAsync("occurrence-query");
        await agent2.GetByTestId("export-menu").Locator("button").First.ClickAsync();
        var download = await agent2.RunAndWaitForDownloadAsync(() => agent2.GetByText("CSV (separado por ponto e vírgula)").ClickAsync());
        Assert.Equal("consulta-ocorrencias.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Where(l => l.Length > 0).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains(name, lines[1]);

        await page.SetViewportSizeAsync(1280, 860);
        await page.GotoAsync("/occurrences/query?status=Open");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("occurrence-grid").Locator("tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync("occurrence-query");
        await page.Context.CloseAsync();
        await agent2.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(820, 1180)]
    public async Task Manager_SeesTheTypesChecklist_InFERM0100_AndTheOccurrenceList(int width, int height)
    {
        var page = await app.NewPageAsync(width: width, height: height);
        await page.LoginAsync("gestor@foccocrm.demo");
        await page.UseCompanyAsync("01");
        await page.GotoAsync("/catalogs/occurrence-types");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Editar 2 · Troca" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("type-checklist")).ToHaveValueAsync("DEF-CANETA · Defeito — Caneta");
        await page.ScreenshotAsync("occurrence-type-checklist");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancelar" }).ClickAsync();

        await page.GotoAsync("/occurrences");
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator(".program-code")).ToHaveTextAsync("FERM0200");
        var rows = page.GetByTestId("occurrence-grid").Locator("tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(rows.Filter(new() { HasText = "Encerrada" })).ToHaveCountAsync(0); // the list opens on the open ones
        await page.ScreenshotAsync("occurrences-list");
        await page.Context.CloseAsync();
    }

    // Blazor navigates inside the page (history API): wait for the new address, not for a load event
    private static readonly PageWaitForURLOptions Committed = new() { WaitUntil = WaitUntilState.Commit };

    private static int UnreadOf(string? label) => label is not null && Regex.Match(label, @"(\d+) não lidas") is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;
}
