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
    /// <summary>
    /// Drags as a person does: press, move in steps, wait until the target shows the green insertion marker, release.
    /// (A one-shot DragTo can drop before the server has seen the drag start on a loaded machine.)
    /// </summary>
    private static async Task DragLikeAPersonAsync(IPage page, ILocator handle, ILocator target)
    {
        await handle.HoverAsync();
        await page.Mouse.DownAsync();
        var box = (await target.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 10, box.Y + box.Height / 2, new() { Steps = 5 });
        await page.Mouse.MoveAsync(box.X + 14, box.Y + box.Height / 2, new() { Steps = 2 });
        await Expect(target).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("drop-ok"));
        await page.Mouse.UpAsync();
    }

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
        await page.GetByRole(AriaRole.Option).Filter(new() { Visible = true }).First.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        // The dialog's save navigates inside the app (history.pushState): poll the address instead of waiting for a navigation
        // event, which can come and go before the wait starts.
        try { await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/checklists/\d+$"), new() { Timeout = 30_000 }); }
        catch (TimeoutException) { await page.ScreenshotAsync("failure-designer-new"); throw; }
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
        // the new parent resets the position to its last place: wait for that render before typing, or it overwrites the "1"
        await Expect(dialog.GetByText("De 1 a 2")).ToBeVisibleAsync();
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
        // Alt+→ under a yes/no question asks which answer: the first has focus, Enter picks it
        await page.Keyboard.PressAsync("Alt+ArrowRight");
        var picker = page.GetByTestId("designer-answer-picker");
        await Expect(picker).ToBeVisibleAsync();
        await Expect(picker.GetByRole(AriaRole.Button, new() { Name = "se Sim" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(picker).ToHaveCountAsync(0);
        await Expect(Item(page, Invoice)).ToHaveAttributeAsync("aria-level", "2");
        await Expect(Item(page, Invoice)).ToBeFocusedAsync();
        await Expect(page.GetByTestId("designer-live")).ToContainTextAsync($"\"{Invoice}\" aninhada sob \"{Fleet}\", se Sim.");

        await page.Keyboard.PressAsync("End");
        await Expect(Item(page, Package)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Alt+ArrowRight"); // under Fleet, after Invoice; Esc keeps the first answer
        await Expect(picker).ToBeVisibleAsync();
        // Esc goes to the focused dialog: wait until the picker has focus (it takes it a moment after it shows).
        await Expect(picker.GetByRole(AriaRole.Button, new() { Name = "se Sim" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(Item(page, Package)).ToHaveAttributeAsync("aria-level", "2");
        await Expect(page.GetByTestId("designer-live")).ToContainTextAsync($"aninhada sob \"{Fleet}\", se Sim.");
        await Expect(Item(page, Package)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Alt+ArrowRight"); // under Invoice, on its second answer
        await Expect(picker.GetByRole(AriaRole.Button, new() { Name = "se Sim" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(picker.GetByRole(AriaRole.Button, new() { Name = "se Não" })).ToBeFocusedAsync();
        await page.ScreenshotAsync("checklist-designer-answer-picker");
        await page.Keyboard.PressAsync("Enter");
        await Expect(Item(page, Package)).ToHaveAttributeAsync("aria-level", "3");
        await Expect(Item(page, Invoice).GetByTestId("designer-answer").Filter(new() { HasText = "se Não" })
            .GetByRole(AriaRole.Treeitem, new() { Name = Package })).ToBeVisibleAsync();
        await Expect(Item(page, Package)).ToBeFocusedAsync();

        // undo/redo re-create the moved node and give it focus back a moment after the render:
        // wait for that focus before the next key, as a user would see the focus ring first
        await page.Keyboard.PressAsync("Control+z");
        await Expect(Item(page, Package)).ToHaveAttributeAsync("aria-level", "2");
        await Expect(Item(page, Package)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Control+y");
        await Expect(Item(page, Package)).ToHaveAttributeAsync("aria-level", "3");
        await Expect(Item(page, Package)).ToBeFocusedAsync();

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

        // Playwright's one-shot HTML5 drag can start while the tree is still re-rendering from the previous drop and then
        // drops nothing (a person would drag again): one more try before the assertion decides.
        async Task DragAsync(string text, ILocator target, string level)
        {
            await Handle(text).DragToAsync(target);
            try { await Expect(Item(page, text)).ToHaveAttributeAsync("aria-level", level, new() { Timeout = 3_000 }); }
            catch (PlaywrightException) { await Handle(text).DragToAsync(target); }
            await Expect(Item(page, text)).ToHaveAttributeAsync("aria-level", level);
        }
        await DragAsync(Package, Answer(Fleet, "se Sim"), "2");
        await DragAsync(Invoice, Answer(Package, "se Não"), "3");
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

    [Fact]
    public async Task Administrator_DesignsAFollowUpByDraggingFromTheLibrary_Publishes_AndFillsTheNewVersionOnAPerson()
    {
        const string Vehicles = "Quantos veículos?", Size = "Porte da empresa";
        var page = await app.NewPageAsync();
        await page.LoginAsync("admin@foccocrm.demo");
        await page.UseCompanyAsync("01");
        await page.GotoAsync("/checklists");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Novo checklist" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var code = "FRT" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var description = "Frota " + code;
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Código" }).FillAsync(code);
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Descrição" }).FillAsync(description);
        await dialog.GetByTestId("checklist-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new System.Text.RegularExpressions.Regex("Dados cadastrais") }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        // The dialog's save navigates inside the app (history.pushState): poll the address instead of waiting for a navigation
        // event, which can come and go before the wait starts.
        try { await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/checklists/\d+$"), new() { Timeout = 30_000 }); }
        catch (TimeoutException) { await page.ScreenshotAsync("failure-designer-new"); throw; }
        var checklistUrl = page.Url;
        await page.GotoAsync(checklistUrl + "/design");
        await page.WaitForInteractiveAsync();

        // drag from the library: onto the empty tree, then onto the "se Sim" answer of the first question
        ILocator LibraryHandle(string text) => page.GetByTestId("library-item").Filter(new() { HasText = text }).GetByTestId("library-handle");
        await DragLikeAPersonAsync(page, LibraryHandle(Fleet), page.GetByTestId("designer-drop-empty"));
        await Expect(Item(page, Fleet)).ToHaveAttributeAsync("aria-level", "1");
        await DragLikeAPersonAsync(page, LibraryHandle(Vehicles), Item(page, Fleet).Locator(".designer-answer-head").Filter(new() { HasText = "se Sim" }));
        await Expect(Item(page, Vehicles)).ToHaveAttributeAsync("aria-level", "2");
        await Expect(Item(page, Fleet).GetByTestId("designer-answer").Filter(new() { HasText = "se Sim" })
            .GetByRole(AriaRole.Treeitem, new() { Name = Vehicles })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("designer-live")).ToContainTextAsync($"\"{Vehicles}\" adicionada");
        // "+" still adds (at the top level)
        await AddFromLibraryAsync(page, Size);
        await Expect(Item(page, Size)).ToHaveAttributeAsync("aria-level", "1");

        // expand to level 1 hides the follower, the count says what is below; "all levels" shows it again
        await page.GetByRole(AriaRole.Button, new() { Name = "Expandir até o nível…" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Nível 1" }).ClickAsync();
        await Expect(Item(page, Vehicles)).ToHaveCountAsync(0);
        await Expect(Item(page, Fleet).GetByTestId("designer-count")).ToHaveTextAsync("1 abaixo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Expandir até o nível…" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Todos os níveis" }).ClickAsync();
        await Expect(Item(page, Vehicles)).ToBeVisibleAsync();

        // the preview shows every branch on demand, the hidden follower greyed with its condition
        var preview = page.GetByTestId("designer-preview");
        await Expect(preview.GetByText(Vehicles)).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Switch, new() { Name = "Mostrar todos os ramos" }).CheckAsync();
        await Expect(preview.Locator(".checklist-fill-hidden").Filter(new() { HasText = Vehicles })).ToContainTextAsync($"Aparece quando \"{Fleet}\" for Sim");
        await page.ScreenshotAsync("checklist-designer-new-controls");
        await page.SetViewportSizeAsync(820, 1180);
        await page.ScreenshotAsync("checklist-designer-new-controls");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Pré-visualizar" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Mostrar todos os ramos" })).ToBeCheckedAsync();
        await page.ScreenshotAsync("checklist-designer-new-controls-preview");
        await page.SetViewportSizeAsync(1280, 860);

        // publish, then fill the new version on a person
        await page.GotoAsync(checklistUrl);
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publicar" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Publicar" }).ClickAsync();
        await Expect(page.GetByText("Versão 1 publicada.")).ToBeVisibleAsync();

        await page.GotoAsync("/persons/new");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Razão social").FillAsync("Transportes " + code);
        await page.GetByLabel("CNPJ", new() { Exact = true }).FillAsync(FoccoCrm.Core.Common.Cnpj.Format(
            FoccoCrm.Core.Common.Cnpj.WithCheckDigits("E4" + Random.Shared.Next(100000, 999999) + "0001")));
        await page.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/persons/\d+$"), new() { Timeout = 30_000 });
        await page.WaitForInteractiveAsync();
        var personUrl = page.Url;
        await page.GetByRole(AriaRole.Tab, new() { Name = "Dados adicionais" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = description });
        await Expect(row).ToContainTextAsync("Não preenchido");
        await row.GetByRole(AriaRole.Button, new() { Name = "Abrir " + description }).ClickAsync();

        var fill = page.GetByTestId("checklist-fill");
        await Expect(fill.GetByRole(AriaRole.Group, new() { Name = Fleet })).ToBeVisibleAsync();
        await Expect(fill.GetByText(Vehicles)).ToHaveCountAsync(0);
        await fill.GetByRole(AriaRole.Group, new() { Name = Fleet }).GetByRole(AriaRole.Button, new() { Name = "Sim" }).ClickAsync();
        var vehicles = fill.GetByRole(AriaRole.Group, new() { Name = Vehicles }).GetByRole(AriaRole.Textbox);
        await Expect(vehicles).ToBeVisibleAsync();
        await vehicles.FillAsync("7");
        await vehicles.PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(row).ToContainTextAsync("2 respostas · versão 1");

        await page.GotoAsync(personUrl);
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Dados adicionais" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Abrir " + description }).ClickAsync();
        await Expect(fill.GetByRole(AriaRole.Group, new() { Name = Vehicles }).GetByRole(AriaRole.Textbox)).ToHaveValueAsync("7");
        await Expect(fill.GetByRole(AriaRole.Group, new() { Name = Fleet }).GetByRole(AriaRole.Button, new() { Name = "Sim" }))
            .ToHaveAttributeAsync("aria-pressed", "true");
        await page.ScreenshotAsync("checklist-designer-filled-on-person");
        await page.Context.CloseAsync();
    }
}
