using FoccoCrm.Core.Common;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FoccoCrm.E2E;

[Collection(AppCollection.Name)]
[Trait("Category", "E2E")]
public class ChecklistsTests(AppFixture app)
{
    [Fact]
    public async Task Agent_FillsAPersonsAdditionalData_AFollowerAppears_AndTheAnswersAreKept()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("agente1@foccocrm.demo");
        await page.UseCompanyAsync("01");
        await page.GotoAsync("/persons/new");
        await page.WaitForInteractiveAsync();
        var name = "Cliente Checklist " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Razão social").FillAsync(name);
        await page.GetByLabel("CNPJ", new() { Exact = true }).FillAsync(Cnpj.Format(Cnpj.WithCheckDigits("E3" + Random.Shared.Next(100000, 999999) + "0001")));
        await page.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/persons/\d+$"));
        await page.WaitForInteractiveAsync();
        var personUrl = page.Url;

        await page.GetByRole(AriaRole.Tab, new() { Name = "Dados adicionais" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Perfil do cliente" });
        await Expect(row).ToContainTextAsync("Não preenchido");
        await row.GetByRole(AriaRole.Button, new() { Name = "Abrir Perfil do cliente" }).ClickAsync();

        var fill = page.GetByTestId("checklist-fill");
        await Expect(fill.GetByText("Quantos veículos?")).ToHaveCountAsync(0);
        var fleet = fill.GetByRole(AriaRole.Group, new() { Name = "Possui frota própria?" });
        await fleet.GetByRole(AriaRole.Button, new() { Name = "Sim" }).ClickAsync();
        var vehicles = fill.GetByRole(AriaRole.Group, new() { Name = "Quantos veículos?" }).GetByRole(AriaRole.Textbox);
        await Expect(vehicles).ToBeVisibleAsync();

        // saving without the required answers shows the messages under the questions
        await page.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(fill.GetByTestId("checklist-error").First).ToBeVisibleAsync();

        await fill.GetByRole(AriaRole.Group, new() { Name = "Porte da empresa" }).GetByText("Média").ClickAsync();
        await vehicles.FillAsync("12");
        await vehicles.PressAsync("Tab");
        await Expect(page.GetByTestId("checklist-progress")).ToContainTextAsync("2 de 2 obrigatórias");
        await page.ScreenshotAsync("person-additional-data-fill");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(row).ToContainTextAsync("3 respostas · versão");

        await page.GotoAsync(personUrl);
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Dados adicionais" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Abrir Perfil do cliente" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Quantos veículos?" }).GetByRole(AriaRole.Textbox)).ToHaveValueAsync("12");
        await Expect(page.GetByTestId("checklist-fill").GetByRole(AriaRole.Group, new() { Name = "Possui frota própria?" })
            .GetByRole(AriaRole.Button, new() { Name = "Sim" })).ToHaveAttributeAsync("aria-pressed", "true");
        await page.SetViewportSizeAsync(820, 1180);
        await page.ScreenshotAsync("person-additional-data-saved");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(820, 1180)]
    public async Task Manager_PreviewsAChecklist_ABranchAppearsAndDisappears(int width, int height)
    {
        var page = await app.NewPageAsync(width: width, height: height);
        await page.LoginAsync("gestor@foccocrm.demo");
        await page.GotoAsync("/checklists");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Checklists" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "DEF-CANETA" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("checklists-list");

        await page.GetByRole(AriaRole.Link, new() { Name = "DEF-CANETA", Exact = true }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "DEF-CANETA · Defeito — Caneta" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Versões publicadas")).ToBeVisibleAsync();
        await page.ScreenshotAsync("checklist-detail");

        await page.GetByRole(AriaRole.Button, new() { Name = "Pré-visualizar" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var scratched = dialog.GetByRole(AriaRole.Group, new() { Name = "Produto está riscado?" });
        await Expect(dialog.GetByText("Onde está o risco?")).ToHaveCountAsync(0);
        await scratched.GetByRole(AriaRole.Button, new() { Name = "Sim" }).ClickAsync();
        await Expect(dialog.GetByText("Onde está o risco?")).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Group, new() { Name = "Onde está o risco?" }).GetByText("Ponta").ClickAsync();
        await Expect(dialog.GetByText("A ponta escreve normalmente?")).ToBeVisibleAsync();
        await page.ScreenshotAsync("checklist-preview");
        await scratched.GetByRole(AriaRole.Button, new() { Name = "Não" }).ClickAsync();
        await Expect(dialog.GetByText("Onde está o risco?")).ToHaveCountAsync(0);
        await Expect(dialog.GetByText("A ponta escreve normalmente?")).ToHaveCountAsync(0);
        await Expect(dialog.GetByText("Qual defeito foi encontrado?")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Manager_CreatesABankQuestionWithOrderedOptions()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("gestor@foccocrm.demo");
        await page.GotoAsync("/checklists/questions");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Perguntas" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Perguntas FERM0104" })).ToBeVisibleAsync(); // in the menu under Checklists
        await page.ScreenshotAsync("questions-list");
        await page.SetViewportSizeAsync(820, 1180);
        await page.ScreenshotAsync("questions-list");
        await page.SetViewportSizeAsync(1280, 900);

        await page.GetByRole(AriaRole.Button, new() { Name = "Nova pergunta" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var text = "Qual a cor preferida " + Guid.NewGuid().ToString("N")[..6] + "?";
        await dialog.GetByLabel("Pergunta").FillAsync(text);
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Opção 1", Exact = true }).FillAsync("Azul");
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Opção 2", Exact = true }).FillAsync("Verde");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Adicionar opção" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Opção 3", Exact = true }).FillAsync("Amarelo");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Mover a opção 3 para cima" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Textbox, new() { Name = "Opção 2", Exact = true })).ToHaveValueAsync("Amarelo");
        await page.ScreenshotAsync("question-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await page.GetByPlaceholder("Buscar pergunta").FillAsync(text);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });
        await Expect(row).ToContainTextAsync("0 checklists");
        await Expect(row).ToContainTextAsync("(3)");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Manager_CreatesAChecklist_AndPublishingAnEmptyOneIsRefusedWithTheReason()
    {
        var page = await app.NewPageAsync(width: 820, height: 1180);
        await page.LoginAsync("gestor@foccocrm.demo");
        await page.UseCompanyAsync("01");
        await page.GotoAsync("/checklists");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Novo checklist" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var code = "E2E-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Código" }).FillAsync(code);
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Descrição" }).FillAsync("Checklist de teste");
        await dialog.GetByTestId("checklist-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new System.Text.RegularExpressions.Regex("Defeito") }).ClickAsync();
        await Expect(dialog.GetByText("Sem empresa vinculada")).ToHaveCountAsync(0); // the current company comes checked
        await page.ScreenshotAsync("checklist-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = code + " · Checklist de teste" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Não publicado").First).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Publicar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Ainda não é possível publicar" }))
            .ToContainTextAsync("Adicione ao menos uma pergunta antes de publicar.");
        await page.ScreenshotAsync("checklist-publish-refused");
        await page.Context.CloseAsync();
    }
}
