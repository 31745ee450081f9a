using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FoccoCrm.E2E;

[Collection(AppCollection.Name)]
[Trait("Category", "E2E")]
public class SelectionsTests(AppFixture app)
{
    // Blazor navigates inside the document: poll the address (a navigation event can be missed on a loaded machine).
    private static readonly PageAssertionsToHaveURLOptions Navigated = new() { Timeout = 30_000 };

    /// <summary>Chooses a field in a condition row by clicking the picker and its option.</summary>
    private static async Task PickFieldAsync(IPage page, ILocator row, string field)
    {
        var input = row.Locator("input[data-testid=sel-field], [data-testid=sel-field] input").First;
        await input.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(field)) }).First.ClickAsync();
        await Expect(input).ToHaveValueAsync(field);
    }

    private static async Task PickOptionAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    /// <summary>The live count once it no longer shows <paramref name="before"/> (the count is debounced: right after an edit
    /// it may still show the previous rule's number, not busy yet).</summary>
    private static async Task<int> CountAfterAsync(IPage page, int before)
    {
        await Expect(page.GetByTestId("sel-count")).Not.ToHaveTextAsync(before.ToString("N0", new CultureInfo("pt-BR")));
        return await CountAsync(page);
    }

    private static async Task<int> CountAsync(IPage page)
    {
        var count = page.GetByTestId("sel-count");
        await Expect(count).Not.ToHaveTextAsync("—");
        await Expect(count).ToHaveAttributeAsync("aria-busy", "false");
        return int.Parse((await count.InnerTextAsync()).Trim(), NumberStyles.AllowThousands, new CultureInfo("pt-BR"));
    }

    [Fact]
    public async Task Manager_BuildsANestedRuleWithRelatedData_ByClicking_SeesTheCountAndWhy_Saves_GeneratesOccurrences_AndOpensTheRun()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("gestor@foccocrm.demo");
        await page.UseCompanyAsync("01");
        await page.GotoAsync("/selections");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nova seleção" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/selections/new$"), Navigated);
        await page.WaitForInteractiveAsync();

        // the empty first condition is incomplete: highlighted, left out, and every customer counts
        var first = page.GetByRole(AriaRole.Group, new() { Name = "Condição 1 do grupo 1", Exact = true });
        await Expect(first.GetByTestId("sel-incomplete")).ToBeVisibleAsync();
        var everyone = await CountAsync(page);

        // condition 1: Tipo de pessoa é igual a Pessoa jurídica
        await PickFieldAsync(page, first, "Tipo de pessoa");
        await PickOptionAsync(page, first.GetByTestId("sel-value"), "Pessoa jurídica");
        await Expect(first.GetByTestId("sel-incomplete")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("sel-sentence")).ToContainTextAsync("Tipo de pessoa é igual a Pessoa jurídica");
        var legal = await CountAfterAsync(page, everyone);
        Assert.True(legal < everyone, $"{legal} legal entities of {everyone}");

        // group 1.2 (Qualquer): Ativa: sim OR UF é igual a SC
        await page.GetByRole(AriaRole.Button, new() { Name = "Adicionar grupo dentro do Grupo 1", Exact = true }).ClickAsync();
        var group = page.GetByRole(AriaRole.Group, new() { Name = "Grupo 1.2", Exact = true });
        await Expect(group).ToBeVisibleAsync();
        await PickFieldAsync(page, page.GetByRole(AriaRole.Group, new() { Name = "Condição 1 do grupo 1.2", Exact = true }), "Ativa");
        await page.GetByRole(AriaRole.Button, new() { Name = "Adicionar condição ao Grupo 1.2", Exact = true }).ClickAsync();
        var uf = page.GetByRole(AriaRole.Group, new() { Name = "Condição 2 do grupo 1.2", Exact = true });
        await PickFieldAsync(page, uf, "UF");
        await PickOptionAsync(page, uf.GetByTestId("sel-value"), "SC");

        // related data 1.3: tem pelo menos um chamado onde Situação do chamado é igual a Aberto
        await page.GetByLabel("Adicionar dados relacionados ao Grupo 1", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Chamados" }).ClickAsync();
        var related = page.GetByRole(AriaRole.Group, new() { Name = "Dados relacionados 1.3", Exact = true });
        await Expect(related).ToBeVisibleAsync();
        var status = related.GetByRole(AriaRole.Group, new() { Name = "Condição 1 do grupo 1.3", Exact = true });
        await PickFieldAsync(page, status, "Situação do chamado");
        await PickOptionAsync(page, status.GetByTestId("sel-value"), "Aberto");
        await Expect(page.GetByTestId("sel-sentence")).ToContainTextAsync("tem pelo menos 1 registro em chamados");
        await Expect(page.GetByTestId("sel-incomplete-warning")).ToHaveCountAsync(0);
        var withOpenTickets = await CountAfterAsync(page, legal);
        Assert.True(withOpenTickets > 0 && withOpenTickets < legal, $"{withOpenTickets} with open tickets of {legal}");
        await page.ScreenshotAsync("selection-builder");

        // why does the first person of the preview match?
        var preview = page.GetByTestId("sel-preview");
        await Expect(preview.Locator("tbody tr").First).ToBeVisibleAsync();
        await preview.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Por que .* entra\\?$") }).First.ClickAsync();
        await Expect(page.GetByTestId("sel-why-verdict")).ToContainTextAsync("ENTRA na seleção");
        await Expect(page.GetByTestId("sel-why-node").First).ToContainTextAsync("Sim");
        await page.ScreenshotAsync("selection-why");

        // save it
        await page.GetByTestId("sel-save").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var name = "Jurídicas com chamado aberto " + Guid.NewGuid().ToString("N")[..6];
        await dialog.GetByLabel("Nome").FillAsync(name);
        await dialog.GetByText("Toda a empresa").ClickAsync();
        await dialog.GetByTestId("sel-save-confirm").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/selections/\d+$"), Navigated);
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        Assert.Equal(withOpenTickets, await CountAsync(page));
        var savedUrl = page.Url;

        // generate an occurrence for every one of them
        await page.GetByTestId("sel-generate").ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await PickOptionAsync(page, dialog.GetByTestId("gen-type"), "2 · Troca");
        await PickOptionAsync(page, dialog.GetByTestId("gen-reason"), "1 · Produto com defeito");
        await dialog.GetByLabel("Descrição").FillAsync("Contato proativo sobre chamados abertos");
        await dialog.GetByTestId("gen-continue").ClickAsync();
        await Expect(dialog.GetByTestId("gen-recount")).ToContainTextAsync($"Serão criadas {withOpenTickets.ToString("N0", new CultureInfo("pt-BR"))} ocorrências");
        if (withOpenTickets > 50)
        {
            await Expect(dialog.GetByTestId("gen-start")).ToBeDisabledAsync();
            await dialog.Locator("input[data-testid=gen-typed], [data-testid=gen-typed] input").First.FillAsync(withOpenTickets.ToString(CultureInfo.InvariantCulture));
        }
        await page.ScreenshotAsync("selection-generate");
        await dialog.GetByTestId("gen-start").ClickAsync();

        // the run page: progress, then the occurrences it created, each a link to the occurrence
        await Expect(page).ToHaveURLAsync(new Regex(@"/selections/runs/[0-9a-f-]+$"), Navigated);
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("sel-run-status")).ToHaveTextAsync("Concluída", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("sel-run-created")).ToHaveTextAsync(withOpenTickets.ToString("N0", new CultureInfo("pt-BR")));
        var grid = page.GetByTestId("occurrence-grid");
        await Expect(grid).ToContainTextAsync("Troca");
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(Math.Min(withOpenTickets, 25));
        await page.ScreenshotAsync("selection-run");
        var runUrl = page.Url;
        await grid.Locator("tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/occurrences/\d+$"), Navigated);
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("occurrence-status")).ToContainTextAsync("Aberta");
        await Expect(page.Locator("body")).ToContainTextAsync("Contato proativo sobre chamados abertos");
        await page.Context.CloseAsync();

        // on a tablet (820 px) the saved selection opens with its rules stacked, the list shows it and its run
        var tablet = await app.NewPageAsync(width: 820, height: 1180);
        await tablet.LoginAsync("gestor@foccocrm.demo");
        await tablet.UseCompanyAsync("01");
        await tablet.GotoAsync(savedUrl);
        await tablet.WaitForInteractiveAsync();
        Assert.Equal(withOpenTickets, await CountAsync(tablet));
        await Expect(tablet.GetByRole(AriaRole.Group, new() { Name = "Condição 2 do grupo 1.2", Exact = true })).ToBeVisibleAsync();
        await tablet.ScreenshotAsync("selection-builder");
        await tablet.GotoAsync("/selections");
        await tablet.WaitForInteractiveAsync();
        await Expect(tablet.GetByTestId("sel-list")).ToContainTextAsync(name);
        await Expect(tablet.GetByTestId("sel-runs")).ToContainTextAsync(name);
        await tablet.ScreenshotAsync("selection-list");
        await tablet.GotoAsync(runUrl);
        await tablet.WaitForInteractiveAsync();
        await Expect(tablet.GetByTestId("sel-run-status")).ToHaveTextAsync("Concluída");
        await tablet.ScreenshotAsync("selection-run");
        await tablet.Context.CloseAsync();
    }
}
