using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FoccoCrm.E2E;

[Collection(AppCollection.Name)]
[Trait("Category", "E2E")]
public class ShellTests(AppFixture app)
{
    [Theory]
    [InlineData("admin@foccocrm.demo", "Administrador", true)]
    [InlineData("gestor@foccocrm.demo", "Gestor", false)]
    [InlineData("agente1@foccocrm.demo", "Atendente", false)]
    [InlineData("agente2@foccocrm.demo", "Atendente", false)]
    [InlineData("representante@foccocrm.demo", "Representante", false)]
    public async Task EachDemoRole_SignsIn_AndSeesItsMenu(string email, string roleName, bool seesAdministration)
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync(email);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Início", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText(roleName).Filter(new() { Visible = true }).First).ToBeVisibleAsync(); // (also in the closed user menu)
        await Expect(page.Locator(".program-code").First).ToHaveTextAsync("FCRM0000");
        var companiesLink = page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new() { Name = "Empresas FUTL0100" });
        if (seesAdministration) await Expect(companiesLink).ToBeVisibleAsync();
        else await Expect(companiesLink).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WrongPassword_ShowsAClearError_AndStaysOnLogin()
    {
        var page = await app.NewPageAsync();
        await page.LoginFormAsync("agente1@foccocrm.demo", "not the password");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("E-mail ou senha incorretos.");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await Expect(page.GetByLabel("E-mail")).ToHaveValueAsync("agente1@foccocrm.demo");
        await page.ScreenshotAsync("login-error");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UnauthenticatedVisit_GoesToLogin_ThenBackToThePage()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/profile");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await page.ScreenshotAsync("login");
        await page.GetByLabel("E-mail").FillAsync("agente2@foccocrm.demo");
        await page.GetByLabel("Senha").FillAsync(PageExtensions.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Entrar" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/profile$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Meu perfil" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CompanySwitch_ChangesTheCurrentCompany_AndIsRemembered()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("gestor@foccocrm.demo");
        await page.UseCompanyAsync("01");
        var current = page.GetByTestId("home-current-company");
        await Expect(current).ToContainTextAsync("01 ·");

        await page.EvaluateAsync("() => { window.__beforeCompanySwitch = true; }");
        await page.PickCompanyAsync("02");
        await page.WaitForFunctionAsync("() => window.__beforeCompanySwitch !== true && document.readyState === 'complete'");
        await page.WaitForInteractiveAsync();
        await Expect(current).ToContainTextAsync("02 ·");
        await Expect(page.GetByTestId("home-company-time")).ToContainTextAsync("(America/Manaus)");

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("home-current-company")).ToContainTextAsync("02 ·");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LanguageSwitch_TranslatesTheShell_AndFormatsInTheCulture()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("agente1@foccocrm.demo");
        var time = page.GetByTestId("home-company-time");
        // Playwright runs the pattern in the browser, where \w is ASCII only: "sábado", "terça-feira", "março" need [^\s].
        await Expect(time).ToContainTextAsync(new Regex(@"Agora na empresa: [^,\s]+, \d{1,2} de [^\s]+ de \d{4} \d{2}:\d{2}"));

        await page.GetByTestId("language-switch").Locator("button").First.ClickAsync();
        await Expect(page.GetByText("English (US)")).ToBeVisibleAsync();
        await page.ScreenshotAsync("language-menu");
        await page.GetByText("English (US)").ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Start", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("home-company-time")).ToContainTextAsync(new Regex(@"Now at the company: \w+, \w+ \d{1,2}, \d{4} \d{1,2}:\d{2}\s?[AP]M"));
        await page.ScreenshotAsync("home-en");

        await page.GetByTestId("language-switch").Locator("button").First.ClickAsync();
        await page.GetByText("Português (Brasil)").ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Início", Level = 1 })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task QuickSearch_FindsAScreenByProgramCode_AndEnterOpensIt()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("admin@foccocrm.demo");
        await page.ScreenshotAsync("home");
        await page.Keyboard.PressAsync("Control+k");
        var input = page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Textbox);
        await Expect(input).ToBeFocusedAsync();
        await input.FillAsync("futl0110");
        await Expect(page.GetByText("Usuários").Last).ToBeVisibleAsync();
        await page.ScreenshotAsync("quick-search");
        await input.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/users$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Usuários", Level = 1 })).ToBeVisibleAsync();
        await page.ScreenshotAsync("users");

        await page.GetByTestId("quick-search-button").ClickAsync();
        input = page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Textbox);
        await input.FillAsync("empresas");
        await input.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/companies$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Tablet_DrawerIsCollapsed_AndOpensFromTheMenuButton()
    {
        var page = await app.NewPageAsync(width: 820, height: 1180);
        await page.LoginAsync("admin@foccocrm.demo");
        await page.ScreenshotAsync("home");
        // The first group is in view once the drawer opens; Administração is further down the (scrolling) drawer.
        var first = page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new() { Name = "Pessoas FCLI0100" });
        var link = page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new() { Name = "Empresas FUTL0100" });
        await Expect(first).Not.ToBeInViewportAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Abrir ou fechar o menu" }).ClickAsync();
        await Expect(first).ToBeInViewportAsync();
        await link.ScrollIntoViewIfNeededAsync();
        await Expect(link).ToBeInViewportAsync();
        await page.ScreenshotAsync("drawer-open");
        await Expect(page.Locator(".mud-drawer a[aria-current=page]")).ToHaveAttributeAsync("href", "/");
        await link.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Empresas", Level = 1 })).ToBeVisibleAsync();
        // The menu renders once; the browser marks the link of the page it went to (and only that one).
        await Expect(link).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page).ToHaveTitleAsync("Empresas · FUTL0100 — FoccoCrm"); // set by the interactive page, not a reload
        await Expect(page.Locator(".mud-drawer a.active")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("companies");
        await page.GoBackAsync();
        await Expect(page.Locator(".mud-drawer a[aria-current=page]")).ToHaveAttributeAsync("href", "/");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("agente2@foccocrm.demo");
        await page.GetByTestId("user-menu").ClickAsync();
        await Expect(page.GetByTestId("logout")).ToBeVisibleAsync();
        await page.ScreenshotAsync("user-menu");
        await page.GetByTestId("logout").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await page.Context.CloseAsync();
    }
}
