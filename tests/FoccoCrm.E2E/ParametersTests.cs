using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FoccoCrm.E2E;

[Collection(AppCollection.Name)]
[Trait("Category", "E2E")]
public class ParametersTests(AppFixture app)
{
    [Fact]
    public async Task Manager_SetsACompanyAnswer_AgentOverridesItForThemselves_ThenClearsIt()
    {
        // The manager answers parameter 09 for company 01.
        var manager = await app.NewPageAsync();
        await manager.LoginAsync("gestor@foccocrm.demo");
        await manager.UseCompanyAsync("01"); // agente1 works in company 01 only
        await manager.GotoAsync("/parameters");
        await manager.WaitForInteractiveAsync();
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Parâmetros" })).ToBeVisibleAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Editar empresa" }).ClickAsync();
        await manager.GetByLabel("09 · Resposta da empresa").FillAsync("6");
        await manager.TopScreenshotAsync("parameters-company-form");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(manager.GetByTestId("effective-09")).ToContainTextAsync("6 h");
        await Expect(manager.GetByTestId("effective-09")).ToContainTextAsync("Empresa");
        await manager.TopScreenshotAsync("parameters");
        await manager.Context.CloseAsync();

        // The agent (tablet) sees it, answers 09 for themselves and their value wins.
        var agent = await app.NewPageAsync(width: 820, height: 1180);
        await agent.LoginAsync("agente1@foccocrm.demo");
        await agent.GotoAsync("/parameters");
        await agent.WaitForInteractiveAsync();
        await Expect(agent.GetByTestId("effective-09")).ToContainTextAsync("Empresa");
        await Expect(agent.GetByRole(AriaRole.Button, new() { Name = "Editar empresa" })).ToHaveCountAsync(0);
        await agent.TopScreenshotAsync("parameters-agent");

        await agent.GetByRole(AriaRole.Button, new() { Name = "Meus valores" }).ClickAsync();
        await Expect(agent.GetByLabel("07 · Minha resposta")).ToHaveCountAsync(0); // company-only
        await agent.GetByLabel("09 · Minha resposta").FillAsync("1");
        await agent.TopScreenshotAsync("parameters-my-values");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(agent.GetByTestId("effective-09")).ToContainTextAsync("1 h");
        await Expect(agent.GetByTestId("effective-09")).ToContainTextAsync("Usuário");
        await Expect(agent.GetByTestId("company-09")).ToContainTextAsync("6 h");

        // Clearing the agent's answer brings the company's back.
        await agent.GetByRole(AriaRole.Button, new() { Name = "Meus valores" }).ClickAsync();
        await agent.GetByLabel("09 · Minha resposta").FillAsync("");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(agent.GetByTestId("effective-09")).ToContainTextAsync("6 h");
        await Expect(agent.GetByTestId("effective-09")).ToContainTextAsync("Empresa");
        await Expect(agent.GetByTestId("mine-09")).ToHaveTextAsync("—");
        await agent.Context.CloseAsync();
    }

    [Fact]
    public async Task CompanyForm_Refuses04N_WithoutTheMailSettings()
    {
        var page = await app.NewPageAsync(width: 820, height: 1180);
        await page.LoginAsync("admin@foccocrm.demo");
        await page.GotoAsync("/parameters");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Editar empresa" }).ClickAsync();
        await page.GetByTestId("edit-04").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Não (N)" }).ClickAsync();
        // The form marks 05 and 06 as required at once; the service refuses the save.
        await Expect(page.GetByLabel("05 · Servidor (host)")).ToHaveAttributeAsync("required", "");
        await Expect(page.GetByLabel("06 · E-mail do remetente")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("parâmetro 05 (servidor de e-mail) precisa ser preenchido");
        await page.TopScreenshotAsync("parameters-rule");
        await page.Context.CloseAsync();
    }
}

internal static class TopScreenshot
{
    /// <summary>A full-page screenshot from the top, so the fixed app bar does not land mid-page.</summary>
    public static async Task TopScreenshotAsync(this IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(name);
    }
}
