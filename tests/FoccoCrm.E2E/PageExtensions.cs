using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FoccoCrm.E2E;

public static class PageExtensions
{
    public const string DemoPassword = "FoccoDemo#2026";

    /// <summary>Signs in through the login form and waits for the interactive circuit.</summary>
    public static async Task LoginAsync(this IPage page, string email, string password = DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Senha").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Entrar" }).ClickAsync();
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Pre-rendered HTML arrives before the circuit: wait for the layout's marker.</summary>
    public static async Task WaitForInteractiveAsync(this IPage page) =>
        await Expect(page.Locator("#app-root[data-interactive=true]")).ToBeAttachedAsync();

    /// <summary>
    /// Types <paramref name="text"/> into a search-as-you-type picker (MudAutocomplete) and returns its first visible option.
    /// When no option shows within a few seconds (on a loaded machine the typed text can reach the picker before its search
    /// is wired up after the dialog or page opened), the text is typed once more.
    /// </summary>
    public static async Task<ILocator> SearchFirstOptionAsync(this IPage page, ILocator field, string text)
    {
        var option = page.GetByRole(AriaRole.Option).Filter(new() { Visible = true }).First;
        await field.FillAsync(text);
        try
        {
            await Expect(option).ToBeVisibleAsync(new() { Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
            await field.FillAsync("");
            await field.FillAsync(text);
        }
        return option;
    }

    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        var width = page.ViewportSize?.Width ?? 0;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotDir, $"{name}-{width}.png"), FullPage = true });
    }
}

public static class LoginFormExtensions
{
    /// <summary>Fills and submits the login form without waiting for the app (for failure cases).</summary>
    public static async Task LoginFormAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Senha").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Entrar" }).ClickAsync();
    }
}

public static class CompanyExtensions
{
    /// <summary>
    /// Makes the given company current (the choice is remembered per user, and the E2E tests share one
    /// database, so a test that depends on the company says which one it works in).
    /// </summary>
    /// <summary>The text of the company switch's chosen option ("01 · Metalúrgica ...").</summary>
    public static Task<string> SelectedCompanyAsync(this IPage page) =>
        page.GetByTestId("company-switch").EvaluateAsync<string>("s => s.selectedOptions[0]?.textContent?.trim() ?? ''");

    /// <summary>Chooses the company whose option starts with the code in the app bar's switch (a native select).</summary>
    public static async Task PickCompanyAsync(this IPage page, string code)
    {
        var select = page.GetByTestId("company-switch");
        var value = await select.EvaluateAsync<string>("(s, code) => [...s.options].find(o => o.textContent.trim().startsWith(code + ' ·'))?.value ?? ''", code);
        if (value.Length == 0) throw new InvalidOperationException($"No company {code} in the switch.");
        await select.SelectOptionAsync(value);
    }

    public static async Task UseCompanyAsync(this IPage page, string code)
    {
        var select = page.GetByTestId("company-switch");
        if ((await SelectedCompanyAsync(page)).StartsWith(code + " ·", StringComparison.Ordinal)) return;
        // The switch reloads the page: wait for that reload, or a following GotoAsync would be interrupted by it.
        // A mark on the old window; the reloaded one has none (waitForFunction re-runs in the new document).
        await page.EvaluateAsync("() => { window.__beforeCompanySwitch = true; }");
        await PickCompanyAsync(page, code);
        await page.WaitForFunctionAsync("() => window.__beforeCompanySwitch !== true && document.readyState === 'complete'");
        await page.WaitForInteractiveAsync();
        await Microsoft.Playwright.Assertions.Expect(select).ToContainTextAsync(code + " ·");
    }
}
