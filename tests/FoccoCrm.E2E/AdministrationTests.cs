using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FoccoCrm.E2E;

[Collection(AppCollection.Name)]
[Trait("Category", "E2E")]
public class AdministrationTests(AppFixture app)
{
    [Fact]
    public async Task Administrator_CreatesACompany_WithCnpjValidation()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("admin@foccocrm.demo");
        await page.GotoAsync("/admin/companies");
        await page.WaitForInteractiveAsync();
        await page.ScreenshotAsync("companies");

        await page.GetByRole(AriaRole.Button, new() { Name = "Nova empresa" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Código").FillAsync("77");
        await dialog.GetByLabel("Nome").FillAsync("Filial Joinville");
        await dialog.GetByLabel("CNPJ").FillAsync("11.222.333/0001-82");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(dialog.GetByText("CNPJ inválido: confira os dígitos verificadores.")).ToBeVisibleAsync();
        await page.ScreenshotAsync("company-dialog-error");

        await dialog.GetByLabel("CNPJ").FillAsync("12.abc.345/01de-35");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Filial Joinville" });
        await Expect(row).ToContainTextAsync("12.ABC.345/01DE-35");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Administrator_CreatesAUser_WhoCanThenSignIn()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("admin@foccocrm.demo");
        await page.GotoAsync("/admin/users");
        await page.WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Novo usuário" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("E-mail").FillAsync("nova.atendente@foccocrm.demo");
        await dialog.GetByLabel("Nome completo").FillAsync("Nova Atendente");
        await dialog.GetByLabel("Senha").FillAsync("curta");
        await dialog.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^01 ·") }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(dialog.GetByText("A senha deve ter pelo menos 12 caracteres.")).ToBeVisibleAsync();
        await page.ScreenshotAsync("user-dialog");

        await dialog.GetByLabel("Senha").FillAsync("uma senha bem comprida");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "nova.atendente@foccocrm.demo" })).ToBeVisibleAsync();

        var other = await app.NewPageAsync();
        await other.LoginAsync("nova.atendente@foccocrm.demo", "uma senha bem comprida");
        await Expect(other.GetByTestId("home-current-company")).ToContainTextAsync("01 ·");
        await other.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Administrator_LinksALoginToItsPerson()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("admin@foccocrm.demo");
        await page.GotoAsync("/admin/users");
        await page.WaitForInteractiveAsync();

        // The demo representative login is linked to its representative person: the list and the dialog say so.
        var repRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "representante@foccocrm.demo" });
        await Expect(repRow).ToContainTextAsync("Pessoa vinculada:");

        var managerRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "gestor@foccocrm.demo" });
        await managerRow.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Editar") }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var option = await page.SearchFirstOptionAsync(dialog.GetByLabel("Pessoa vinculada"), "Ltda");
        var chosen = (await option.InnerTextAsync()).Split('\n')[0].Split(" (")[0].Trim(); // first line: the name
        await option.ClickAsync();
        await page.ScreenshotAsync("user-dialog-person");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(managerRow).ToContainTextAsync($"Pessoa vinculada: {chosen}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Profile_CreatesAPersonalApiToken_ThatTheApiAccepts()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("gestor@foccocrm.demo");
        await page.GotoAsync("/profile");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Nome do token").FillAsync("Integração ERP");
        await page.GetByRole(AriaRole.Button, new() { Name = "Criar token" }).ClickAsync();
        var secret = (await page.GetByTestId("token-secret").TextContentAsync())!.Trim();
        await page.ScreenshotAsync("profile");

        var response = await page.APIRequest.GetAsync("/api/me", new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + secret } });
        Assert.Equal(200, response.Status);
        Assert.Contains("gestor@foccocrm.demo", await response.TextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Revogar" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revogar" }).ClickAsync();
        await Expect(page.GetByText("Revogado", new() { Exact = true })).ToBeVisibleAsync();
        var after = await page.APIRequest.GetAsync("/api/me", new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + secret } });
        Assert.Equal(401, after.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ApiReference_RendersTheOpenApiDocument()
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.GotoAsync("/scalar");
        await Expect(page.GetByText("FoccoCrm API").First).ToBeVisibleAsync();
        await Expect(page.GetByText("/api/auth/token").First).ToBeVisibleAsync();
        await page.ScreenshotAsync("api-reference");
        Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Companies_ExportToCsvAndExcel()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("admin@foccocrm.demo");
        await page.GotoAsync("/admin/companies");
        await page.WaitForInteractiveAsync();

        foreach (var (item, extension, magic) in new[] { ("CSV (separado por ponto e vírgula)", ".csv", "\uFEFFCódigo;"), ("Excel (XLSX)", ".xlsx", "PK") })
        {
            await page.GetByTestId("export-menu").Locator("button").First.ClickAsync();
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByText(item).ClickAsync());
            Assert.Equal("empresas" + extension, download.SuggestedFilename);
            var path = await download.PathAsync();
            var head = File.ReadAllBytes(path!).Take(16).ToArray();
            var expected = System.Text.RegularExpressions.Regex.Unescape(magic);
            Assert.StartsWith(expected, System.Text.Encoding.UTF8.GetString(head));
        }
        await page.Context.CloseAsync();
    }
}
