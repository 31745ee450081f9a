using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FoccoCrm.E2E;

[Collection(AppCollection.Name)]
[Trait("Category", "E2E")]
public class CatalogTests(AppFixture app)
{
    [Fact]
    public async Task Manager_CreatesTicketTypeWithReason_DeleteIsRefused_AndDeactivatesInstead()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("gestor@foccocrm.demo");
        await page.GotoAsync("/catalogs/ticket-types");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tipos e motivos de chamados" })).ToBeVisibleAsync();
        var types = page.GetByTestId("catalog-types");
        await Expect(types.GetByRole(AriaRole.Row).Filter(new() { HasText = "Cancelamento" })).ToBeVisibleAsync();

        // new type
        await page.GetByRole(AriaRole.Button, new() { Name = "Novo tipo" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Código").FillAsync("1");
        await dialog.GetByLabel("Descrição").FillAsync("Devolução");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Já existe um registro com o código 1 neste cadastro.");
        await page.ScreenshotAsync("ticket-type-dialog");
        await dialog.GetByLabel("Código").FillAsync("9");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(types.GetByRole(AriaRole.Row).Filter(new() { HasText = "Devolução" })).ToBeVisibleAsync();

        // its reason
        await page.GetByRole(AriaRole.Button, new() { Name = "Ver motivos de Devolução" }).ClickAsync();
        var reasons = page.GetByTestId("catalog-reasons");
        await Expect(reasons).ToContainTextAsync("Motivos de 9 · Devolução");
        await reasons.GetByRole(AriaRole.Button, new() { Name = "Novo motivo" }).First.ClickAsync();
        await dialog.GetByLabel("Código").FillAsync("1");
        await dialog.GetByLabel("Descrição").FillAsync("Mercadoria avariada no transporte");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(reasons.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mercadoria avariada no transporte" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("ticket-types-reasons");

        // delete the type: refused because it has a reason; deactivate instead
        await types.GetByRole(AriaRole.Button, new() { Name = "Excluir 9 · Devolução" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Excluir" }).ClickAsync();
        var inUse = page.GetByRole(AriaRole.Dialog).Filter(new() { HasText = "Registro em uso" });
        await Expect(inUse).ToContainTextAsync("Tipo de chamado 9 · Devolução está em uso (tem 1 motivo cadastrado) e não pode ser excluído.");
        await page.ScreenshotAsync("ticket-types-in-use");
        await inUse.GetByRole(AriaRole.Button, new() { Name = "Desativar" }).ClickAsync();
        await Expect(page.GetByText("Desativado: não será mais oferecido em novos registros.")).ToBeVisibleAsync();
        await Expect(types.GetByRole(AriaRole.Row).Filter(new() { HasText = "Devolução" })).ToHaveCountAsync(0);

        await types.GetByLabel("Mostrar inativos").CheckAsync();
        var row = types.GetByRole(AriaRole.Row).Filter(new() { HasText = "Devolução" });
        await Expect(row).ToContainTextAsync("Inativo");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Manager_SeesTypesAndReasonsStacked_OnATablet()
    {
        var page = await app.NewPageAsync(width: 820, height: 1180);
        await page.LoginAsync("gestor@foccocrm.demo");
        await page.GotoAsync("/catalogs/occurrence-types");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ver motivos de Prorrogação" }).ClickAsync();
        var reasons = page.GetByTestId("catalog-reasons");
        await Expect(reasons).ToContainTextAsync("Atraso títulos");
        var typesBox = await page.GetByTestId("catalog-types").BoundingBoxAsync();
        var reasonsBox = await reasons.BoundingBoxAsync();
        Assert.True(reasonsBox!.Y >= typesBox!.Y + typesBox.Height, "reasons should sit below the types at tablet width");
        await page.ScreenshotAsync("occurrence-types-tablet");

        await page.GotoAsync("/catalogs/checklist-types");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Editar 3 · Dados cadastrais" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("checklist-types-manager");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Agent_SeesCatalogsReadOnly()
    {
        foreach (var width in new[] { 1280, 820 })
        {
            var page = await app.NewPageAsync(width: width, height: width < 1024 ? 1180 : 860);
            await page.LoginAsync("agente1@foccocrm.demo");
            await page.GotoAsync("/catalogs/ticket-types");
            await page.WaitForInteractiveAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Ver motivos de Cancelamento" }).ClickAsync();
            await Expect(page.GetByTestId("catalog-reasons")).ToContainTextAsync("Não recebimento da mercadoria");
            await Expect(page.GetByText("Somente leitura").First).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Novo tipo" })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Novo motivo" })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new("^(Editar|Excluir) ") })).ToHaveCountAsync(0);
            await page.ScreenshotAsync("ticket-types-agent");

            await page.GotoAsync("/catalogs/checklist-types");
            await page.WaitForInteractiveAsync();
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dados cadastrais" })).ToContainTextAsync("Cadastro");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Novo tipo de checklist" })).ToHaveCountAsync(0);
            await page.ScreenshotAsync("checklist-types-agent");
            await page.Context.CloseAsync();
        }
    }
}
