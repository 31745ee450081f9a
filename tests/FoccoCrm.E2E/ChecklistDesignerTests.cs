using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FoccoCrm.E2E;

/// <summary>The checklist tree designer (FERM0105 /checklists/{id}/design): buttons on a touch tablet, keyboard only.</summary>
[Collection(AppCollection.Name)]
[Trait("Category", "E2E")]
public class ChecklistDesignerTests(AppFixture app)
{
    private const string Fleet = "Possui frota própria?", Invoice = "Possui nota fiscal?", Package = "A embalagem chegou danificada?";

    /// <summary>A new checklist (no company linked) through the list's dialog; opens its designer.</summary>
    private static async Task OpenNewDesignerAsync(IPage page)
    {
        await page.GotoAsync("/checklists");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Novo checklist" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var code = "DSG" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await dialog.GetByLabel("Código").FillAsync(code);
        await dialog.GetByLabel("Descrição").FillAsync("Designer " + code);
        await dialog.GetByLabel("Tipo de checklist").ClickAsync();
        await page.GetByRole(AriaRole.Option).First.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/checklists/\d+$"), new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
        await page.GotoAsync(page.Url + "/design");
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator(".mud-main-content .program-code")).ToHaveTextAsync("FERM0105");
    }

    private static ILocator Item(IPage page, string text) => page.GetByRole(AriaRole.Treeitem, new() { Name = text, Exact = true });

    private static Task AddFromLibraryAsync(IPage page, string text) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Adicionar \"{text}\"", Exact = true }).ClickAsync();

    [Fact]
    public async Task Manager_BuildsAThreeLevelTreeWithButtonsOnly_OnATouchTablet()
    {
        var page = await app.NewPageAsync(width: 820, height: 1180);
        await page.LoginAsync("gestor@foccocrm.demo");
        await OpenNewDesignerAsync(page);

        await AddFromLibraryAsync(page, Fleet);
        await Expect(Item(page, Fleet)).ToHaveAttributeAsync("aria-level", "1");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Pergunta de seguimento para \"{Fleet}\", se Sim" }).ClickAsync();
        await AddFromLibraryAsync(page, Invoice);
        await Expect(Item(page, Invoice)).ToHaveAttributeAsync("aria-level", "2");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Pergunta de seguimento para \"{Invoice}\", se Não" }).ClickAsync();
        await AddFromLibraryAsync(page, Package);
        await Expect(Item(page, Package)).ToHaveAttributeAsync("aria-level", "3");
        // the follower hangs under its parent's answer chip
        await Expect(Item(page, Invoice).GetByTestId("designer-answer").Filter(new() { HasText = "se Não" })
            .GetByRole(AriaRole.Treeitem, new() { Name = Package })).ToBeVisibleAsync();
        await page.ScreenshotAsync("checklist-designer-820");

        // un-nest with the toolbar, then undo
        await page.GetByRole(AriaRole.Button, new() { Name = "Desaninhar (Alt+←)" }).ClickAsync();
        await Expect(Item(page, Package)).ToHaveAttributeAsync("aria-level", "2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Desfazer (Ctrl+Z)" }).ClickAsync();
        await Expect(Item(page, Package)).ToHaveAttributeAsync("aria-level", "3");

        // "Mover…": to the top level, first position
        await Item(page, Package).Locator(".designer-node-row").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mover…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Pergunta pai").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Nível principal (sempre visível)" }).ClickAsync();
        await dialog.GetByLabel("Posição").FillAsync("1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Mover", Exact = true }).ClickAsync();
        await Expect(Item(page, Package)).ToHaveAttributeAsync("aria-level", "1");
        await Expect(page.GetByRole(AriaRole.Tree).Locator(":scope > [role=treeitem]").First).ToHaveAttributeAsync("aria-label", Package);
        await page.GetByRole(AriaRole.Button, new() { Name = "Desfazer (Ctrl+Z)" }).ClickAsync();
        await Expect(Item(page, Package)).ToHaveAttributeAsync("aria-level", "3");

        // a refused move says why
        await Item(page, Fleet).Locator(".designer-node-row").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mover para cima (Alt+↑)" }).ClickAsync();
        await Expect(page.GetByTestId("designer-refusal")).ToBeVisibleAsync();

        // the preview tab: answering Sim shows the follower
        await page.GetByRole(AriaRole.Tab, new() { Name = "Pré-visualizar" }).ClickAsync();
        var fill = page.GetByTestId("checklist-fill");
        await Expect(fill.GetByText(Invoice)).ToHaveCountAsync(0);
        await fill.GetByRole(AriaRole.Group, new() { Name = Fleet }).GetByRole(AriaRole.Button, new() { Name = "Sim" }).ClickAsync();
        await Expect(fill.GetByText(Invoice)).ToBeVisibleAsync();
        await page.ScreenshotAsync("checklist-designer-820-preview");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Administrator_BuildsAThreeLevelTreeWithTheKeyboardOnly()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("admin@foccocrm.demo");
        await OpenNewDesignerAsync(page);
        foreach (var text in new[] { Fleet, Invoice, Package })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = $"Adicionar \"{text}\"", Exact = true }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(Item(page, text)).ToBeVisibleAsync();
        }
        // the added node has focus; ↑ goes to the previous one
        await Expect(Item(page, Package)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(Item(page, Invoice)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Alt+ArrowRight");
        await Expect(Item(page, Invoice)).ToHaveAttributeAsync("aria-level", "2");
        await Expect(Item(page, Invoice)).ToBeFocusedAsync();
        await Expect(page.GetByTestId("designer-live")).ToContainTextAsync("aninhada");

        await page.Keyboard.PressAsync("End");
        await Expect(Item(page, Package)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Alt+ArrowRight"); // under Fleet, after Invoice
        await Expect(Item(page, Package)).ToHaveAttributeAsync("aria-level", "2");
        await page.Keyboard.PressAsync("Alt+ArrowRight"); // under Invoice
        await Expect(Item(page, Package)).ToHaveAttributeAsync("aria-level", "3");
        await Expect(Item(page, Package)).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Control+z");
        await Expect(Item(page, Package)).ToHaveAttributeAsync("aria-level", "2");
        await page.Keyboard.PressAsync("Control+y");
        await Expect(Item(page, Package)).ToHaveAttributeAsync("aria-level", "3");

        // Alt+↑ at the first place is refused with its reason; the page did not navigate back (Alt+←)
        await page.Keyboard.PressAsync("Home");
        await Expect(Item(page, Fleet)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Alt+ArrowUp");
        await Expect(page.GetByTestId("designer-refusal")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Alt+ArrowLeft");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/design$"));
        await page.ScreenshotAsync("checklist-designer-1280");
        await page.GetByRole(AriaRole.Button, new() { Name = "Atalhos de teclado" }).ClickAsync();
        await Expect(page.GetByTestId("designer-help")).ToContainTextAsync("Alt+↑ / Alt+↓");
        await page.ScreenshotAsync("checklist-designer-help");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Manager_BuildsAThreeLevelTreeByDraggingHandles_AndAnInvalidDropIsRefusedWithItsReason()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("gestor@foccocrm.demo");
        await OpenNewDesignerAsync(page);
        foreach (var text in new[] { Fleet, Invoice, Package })
        {
            await AddFromLibraryAsync(page, text);
            await Expect(Item(page, text)).ToBeVisibleAsync();
        }
        ILocator Handle(string text) => Item(page, text).GetByTestId("designer-handle").First;
        ILocator Answer(string text, string chip) => Item(page, text).Locator(".designer-answer-head").Filter(new() { HasText = chip }).First;

        await Handle(Package).DragToAsync(Answer(Fleet, "se Sim"));
        await Expect(Item(page, Package)).ToHaveAttributeAsync("aria-level", "2");
        await Handle(Invoice).DragToAsync(Answer(Package, "se Não"));
        await Expect(Item(page, Invoice)).ToHaveAttributeAsync("aria-level", "3");
        await Expect(page.GetByTestId("designer-live")).ToContainTextAsync("movida");

        // into its own descendant: the marker turns red with the reason, and the drop changes nothing
        await Handle(Fleet).HoverAsync();
        await page.Mouse.DownAsync();
        var target = Answer(Invoice, "se Sim");
        var box = (await target.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 10, box.Y + box.Height / 2, new() { Steps = 5 });
        await Expect(target).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("drop-refused"));
        await Expect(page.GetByTestId("designer-drop-start")).Not.ToBeEmptyAsync();
        await page.ScreenshotAsync("checklist-designer-drag");
        await page.Mouse.UpAsync();
        await Expect(Item(page, Fleet)).ToHaveAttributeAsync("aria-level", "1");
        await Expect(Item(page, Invoice)).ToHaveAttributeAsync("aria-level", "3");
        await page.Context.CloseAsync();
    }
}
