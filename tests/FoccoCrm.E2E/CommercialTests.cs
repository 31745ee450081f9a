using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FoccoCrm.E2E;

[Collection(AppCollection.Name)]
[Trait("Category", "E2E")]
public class CommercialTests(AppFixture app)
{
    [Fact]
    public async Task Receivables_FilterOverdue_Export_AndOpenTheCustomersCommercialTab()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("gestor@foccocrm.demo");
        await page.UseCompanyAsync("01");
        await page.GotoAsync("/commercial/receivables");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contas a receber" })).ToBeVisibleAsync();
        await Expect(page.GetByText("FFIN0100").First).ToBeVisibleAsync();
        var rows = page.Locator("[aria-label='Contas a receber'] tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(rows.Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("Em aberto|Pago") }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync("receivables");

        await page.GetByTestId("status-filter").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Vencido" }).ClickAsync();
        await Expect(rows.Filter(new() { HasText = "Pago" })).ToHaveCountAsync(0);
        await Expect(rows.Filter(new() { HasText = "Em aberto" })).ToHaveCountAsync(0);
        await Expect(rows.Filter(new() { HasText = "Vencido" }).First).ToBeVisibleAsync();
        Assert.True(await rows.CountAsync() > 0);
        await page.ScreenshotAsync("receivables-overdue");

        await page.GetByTestId("export-menu").Locator("button").First.ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByText("CSV (separado por ponto e vírgula)").ClickAsync());
        Assert.Equal("contas-a-receber.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Skip(1).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.EndsWith(";Vencido", l));

        // The first overdue customer's page, tab "Comercial": its summary shows what it owes.
        var customer = rows.First.Locator("a").First;
        var name = (await customer.InnerTextAsync()).Trim();
        await customer.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/persons/\d+$"));
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Comercial" }).ClickAsync();
        var summary = page.GetByTestId("commercial-summary");
        await Expect(summary).ToContainTextAsync("Comprado nos últimos 12 meses");
        await Expect(summary).ToContainTextAsync("parcelas vencidas");
        await Expect(page.Locator("[aria-label='Contas a receber'] tbody tr").Filter(new() { HasText = "Vencido" }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync("person-commercial-tab");
        var url = page.Url;
        await page.Context.CloseAsync();

        // Tablet width: the same two screens must stay readable.
        var tablet = await app.NewPageAsync(width: 820, height: 1180);
        await tablet.LoginAsync("gestor@foccocrm.demo");
        await tablet.GotoAsync("/commercial/receivables?status=overdue");
        await tablet.WaitForInteractiveAsync();
        await Expect(tablet.Locator("[aria-label='Contas a receber'] tbody tr").First).ToContainTextAsync("Vencido");
        await tablet.ScreenshotAsync("receivables-overdue");
        await tablet.GotoAsync(url);
        await tablet.WaitForInteractiveAsync();
        await tablet.GetByRole(AriaRole.Tab, new() { Name = "Comercial" }).ClickAsync();
        await Expect(tablet.GetByTestId("commercial-summary")).ToBeVisibleAsync();
        await tablet.ScreenshotAsync("person-commercial-tab");
        await tablet.Context.CloseAsync();
    }

    [Fact]
    public async Task Invoices_ClickOpensTheItems()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("admin@foccocrm.demo");
        await page.GotoAsync("/commercial/invoices");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByText("FFAT0200").First).ToBeVisibleAsync();
        var first = page.Locator("[aria-label='Nota fiscal'] tbody tr").First;
        await Expect(first).ToBeVisibleAsync();
        await page.ScreenshotAsync("invoices");
        await first.Locator("a").First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Chave de acesso");
        await Expect(dialog.Locator("tbody tr").Nth(1)).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(400); // the dialog's fade-in, for the screenshot only
        await page.ScreenshotAsync("invoice-items");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Fechar" }).Last.ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await page.GetByTestId("export-menu").Locator("button").First.ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByText("Excel (XLSX)").ClickAsync());
        Assert.Equal("notas-fiscais.xlsx", download.SuggestedFilename);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Products_SearchNarrowsTheList()
    {
        foreach (var width in new[] { 1280, 820 })
        {
            var page = await app.NewPageAsync(width: width, height: width == 820 ? 1180 : 860);
            await page.LoginAsync("agente1@foccocrm.demo");
            await page.GotoAsync("/commercial/products");
            await page.WaitForInteractiveAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Produtos" })).ToBeVisibleAsync();
            var rows = page.Locator("[aria-label='Produtos'] tbody tr");
            await Expect(rows.First).ToBeVisibleAsync();
            await page.GetByLabel("Buscar por código, descrição ou grupo").FillAsync("parafuso");
            await Expect(rows.Filter(new() { HasNotText = "Parafuso" })).ToHaveCountAsync(0);
            await Expect(rows.First).ToContainTextAsync("Parafuso");
            await page.ScreenshotAsync("products-search");
            await page.Context.CloseAsync();
        }
    }
}
