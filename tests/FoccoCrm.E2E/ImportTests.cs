using System.Text;
using FoccoCrm.Core.Common;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FoccoCrm.E2E;

[Collection(AppCollection.Name)]
[Trait("Category", "E2E")]
public class ImportTests(AppFixture app)
{
    /// <summary>A persons CSV as an ERP exports it (';', Latin-1); with <paramref name="bad"/> the second row has a wrong CNPJ.</summary>
    private static string WriteCsv(string token, bool bad)
    {
        var root = Random.Shared.Next(10_000_000, 99_999_999);
        string Cnpj(int i) => Core.Common.Cnpj.Format(Core.Common.Cnpj.WithCheckDigits((root + i).ToString("D8")[..8] + "0001"));
        var sb = new StringBuilder("Código;Razão social;Nome fantasia;CNPJ/CPF;Cidade;UF;CEP\r\n");
        for (var i = 1; i <= 3; i++)
        {
            var document = bad && i == 2 ? "12.345.678/0001-00" : Cnpj(i);
            sb.Append($"{token}-{i};Importada {token} {i} Ltda;Fantasia {i};{document};São José;SC;88101-000\r\n");
        }
        var path = Path.Combine(Path.GetTempPath(), $"{token}-{(bad ? "bad" : "ok")}.csv");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(sb.ToString()));
        return path;
    }

    /// <summary>Like the shared helper, with CSS transitions finished first (MudBlazor buttons fade from disabled to enabled).</summary>
    private static Task ShotAsync(IPage page, string name) => page.ScreenshotAsync(new PageScreenshotOptions
    {
        Path = Path.Combine(AppFixture.ScreenshotDir, $"{name}-{page.ViewportSize?.Width ?? 0}.png"), FullPage = true,
        Animations = ScreenshotAnimations.Disabled,
    });

    private static async Task UploadAsync(IPage page, string path)
    {
        await page.GotoAsync("/import");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Importação de dados" })).ToBeVisibleAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(path);
        await Expect(page.GetByText("Prévia das primeiras 3 linhas, como serão lidas")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(1280, 860)]
    [InlineData(820, 1180)]
    public async Task Admin_ImportsACsvWithABadRow_NothingWritten_ThenTheFixedFile(int width, int height)
    {
        var token = "IMP" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var page = await app.NewPageAsync(width, height);
        await page.LoginAsync("admin@foccocrm.demo");

        await page.GotoAsync("/import");
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator(".page-header .program-code")).ToHaveTextAsync("FUTL0130");
        await ShotAsync(page, "import-1-upload");

        // The bad file: the mapping is automatic, validation lists the row error, the commit is refused.
        await UploadAsync(page, WriteCsv(token, bad: true));
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = $"Importada {token} 2 Ltda" })).ToBeVisibleAsync(); // Latin-1 read right
        await ShotAsync(page, "import-2-mapping");
        await page.GetByRole(AriaRole.Button, new() { Name = "Validar todas as linhas" }).ClickAsync();
        await Expect(page.GetByText("Erros: 1, em 1 linha(s).", new() { Exact = false })).ToBeVisibleAsync();
        var errorRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "CNPJ inválido" });
        await Expect(errorRow).ToContainTextAsync("3"); // file line 3 = second data row
        await Expect(errorRow).ToContainTextAsync("CNPJ/CPF");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Importar", Exact = true })).ToBeDisabledAsync();
        await ShotAsync(page, "import-3-errors");

        await page.GotoAsync("/persons");
        await page.WaitForInteractiveAsync();
        await page.GetByPlaceholder("Buscar nome, documento, cidade, código").FillAsync(token);
        await Expect(page.GetByText("Nada encontrado.")).ToBeVisibleAsync();

        // The fixed file: 3 new rows, imported in one go, then found in the persons list.
        await UploadAsync(page, WriteCsv(token, bad: false));
        await page.GetByRole(AriaRole.Button, new() { Name = "Validar todas as linhas" }).ClickAsync();
        await Expect(page.GetByText("3 linhas prontas: 3 novas, 0 atualizações.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Importar", Exact = true })).ToBeEnabledAsync();
        await ShotAsync(page, "import-3-ready");
        await page.GetByRole(AriaRole.Button, new() { Name = "Importar", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Importação concluída: 3 novos, 0 atualizados.")).ToBeVisibleAsync();
        await ShotAsync(page, "import-4-done");

        await page.GetByRole(AriaRole.Link, new() { Name = "Abrir pessoas" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await page.GetByPlaceholder("Buscar nome, documento, cidade, código").FillAsync(token);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Importada {token} 1 Ltda" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(4); // header + 3
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Agent_CannotOpenTheImport()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("agente1@foccocrm.demo");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Importação de dados" })).ToHaveCountAsync(0);
        await page.GotoAsync("/import");
        await Expect(page.GetByText("Acesso negado: seu papel não permite abrir esta tela.").First).ToBeVisibleAsync();
        await Expect(page.Locator("input[type=file]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
