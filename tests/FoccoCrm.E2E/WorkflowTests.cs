using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FoccoCrm.E2E;

[Collection(AppCollection.Name)]
[Trait("Category", "E2E")]
public class WorkflowTests(AppFixture app)
{
    [Fact]
    public async Task Admin_SchedulesADigest_SendsItNow_AndReadsItInTheMailViewer()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("admin@foccocrm.demo");
        await page.GotoAsync("/workflow");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByText("FCRM0201").First).ToBeVisibleAsync();
        var schedules = page.Locator("[aria-label='Agendamentos'] tbody tr");
        await Expect(schedules.Filter(new() { HasText = "Resumo diário" })).ToHaveCountAsync(1); // demo data

        // configure a schedule
        await page.GetByRole(AriaRole.Button, new() { Name = "Novo agendamento" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Descrição").FillAsync("Resumo do fim da tarde");
        await dialog.GetByLabel("Hora", new() { Exact = true }).FillAsync("17");
        await dialog.GetByLabel("Minuto", new() { Exact = true }).FillAsync("30");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var row = schedules.Filter(new() { HasText = "Resumo do fim da tarde" });
        await Expect(row).ToContainTextAsync("Diariamente às 17:30");
        await Expect(row).ToContainTextAsync("Ativo");

        // send now: the digests are queued and, with no SMTP server configured, captured
        await row.GetByRole(AriaRole.Button, new() { Name = "Enviar agora Resumo do fim da tarde" }).ClickAsync();
        await Expect(page.GetByText(new Regex(@"[1-9]\d* e-mail\(s\) enfileirado\(s\)"))).ToBeVisibleAsync();
        var run = page.Locator("[aria-label='Execuções'] tbody tr").First;
        await Expect(run).ToContainTextAsync("Resumo do fim da tarde");
        await Expect(run).ToContainTextAsync("Enviar agora");
        await page.ScreenshotAsync("workflow");

        // read the digest in the mail viewer
        await page.GetByRole(AriaRole.Link, new() { Name = "E-mails do workflow" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/workflow/mail"));
        await page.WaitForInteractiveAsync();
        var messages = page.Locator("[aria-label='Mensagens'] tbody tr");
        await Expect(messages.First).ToContainTextAsync("Capturado");
        await messages.First.GetByRole(AriaRole.Link).ClickAsync();
        var message = page.GetByRole(AriaRole.Region, new() { Name = "Mensagem" });
        await Expect(message).ToContainTextAsync("Message-ID");
        var html = page.FrameLocator("iframe[title='Parte HTML do e-mail']");
        await Expect(html.GetByText(new Regex("^(Novos para você|Alterados) \\(\\d+\\)$")).First).ToBeVisibleAsync();
        await Expect(html.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^Abrir #\d+$") }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync("workflow-mail");
        await message.GetByRole(AriaRole.Tab, new() { Name = "Texto" }).ClickAsync();
        await Expect(message.Locator("pre.mail-text")).ToContainTextAsync("Olá,");
        await Expect(message.Locator("pre.mail-text")).ToContainTextAsync("/tickets/");
        await page.Context.CloseAsync();

        // the tablet width
        var tablet = await app.NewPageAsync(width: 820, height: 1180);
        await tablet.LoginAsync("admin@foccocrm.demo");
        await tablet.GotoAsync("/workflow");
        await tablet.WaitForInteractiveAsync();
        await Expect(tablet.Locator("[aria-label='Agendamentos'] tbody tr").Filter(new() { HasText = "Resumo do fim da tarde" })).ToHaveCountAsync(1);
        await tablet.ScreenshotAsync("workflow");
        await tablet.GotoAsync("/workflow/mail");
        await tablet.WaitForInteractiveAsync();
        await tablet.Locator("[aria-label='Mensagens'] tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(tablet.GetByRole(AriaRole.Region, new() { Name = "Mensagem" })).ToContainTextAsync("Message-ID");
        await tablet.ScreenshotAsync("workflow-mail");
        await tablet.Context.CloseAsync();
    }

    [Fact]
    public async Task Manager_CannotOpenTheWorkflowScreens()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("gestor@foccocrm.demo");
        await page.GotoAsync("/workflow/mail");
        await Expect(page.GetByText("Acesso negado: seu papel não permite abrir esta tela.")).ToBeVisibleAsync();
        await Expect(page.GetByText("FCRM0201")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
