using Bunit;
using Bunit.TestDoubles;
using MudBlazor.Extensions;
using FoccoCrm.Core.Identity;
using FoccoCrm.Web.Components.Layout;
using FoccoCrm.Web.Components.Shared;
using FoccoCrm.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace FoccoCrm.Web.Tests.Layout;

public class ShellComponentTests : ComponentTestBase
{
    [Fact]
    public void PageHeader_ShowsTitleAndProgramCode()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // as in the app's circuits
        var cut = Render<PageHeader>(p => p.Add(x => x.Title, "Chamados").Add(x => x.Code, "FCRM0200"));
        Assert.Equal("Chamados", cut.Find("h1").TextContent);
        Assert.Contains("FCRM0200", cut.Find(".program-code").TextContent);
        // Interactive: the browser's title is set by JS (once per title), not by a HeadOutlet in the circuit.
        Assert.Equal("Chamados · FCRM0200 — FoccoCrm", JSInterop.VerifyInvoke("foccoSetTitle").Arguments[0]);
        cut.Render(p => p.Add(x => x.Subtitle, "sub"));
        JSInterop.VerifyInvoke("foccoSetTitle", calledTimes: 1);
    }

    [Fact]
    public async Task NavMenu_ShowsAdministrationOnlyToAdministrators()
    {
        var c1 = await Db.CompanyAsync("01");
        var admin = await Db.UserAsync("adm@x.test", Roles.Administrator, c1);
        var agent = await Db.UserAsync("a@x.test", Roles.Agent, c1);

        var forAdmin = Render<NavMenu>(p => p.Add(x => x.User, admin));
        Assert.Contains("Administração", forAdmin.Markup);
        Assert.Contains(forAdmin.FindAll("a"), a => a.TextContent.Contains("Empresas") && a.TextContent.Contains("FUTL0100"));

        var forAgent = Render<NavMenu>(p => p.Add(x => x.User, agent));
        Assert.DoesNotContain("FUTL0100", forAgent.Markup);
    }

    [Fact]
    public async Task NavMenu_IsLocalizedInEnglish()
    {
        UseCulture("en-US");
        var admin = await Db.UserAsync("adm@x.test", Roles.Administrator);
        var cut = Render<NavMenu>(p => p.Add(x => x.User, admin));
        Assert.Contains("Administration", cut.Markup);
        Assert.Contains("Companies", cut.Markup);
        Assert.DoesNotContain("Administração", cut.Markup);
    }

    [Fact]
    public async Task CompanySwitch_ListsTheUsersCompanies_AndRemembersTheChoice()
    {
        var c1 = await Db.CompanyAsync("01");
        var c2 = await Db.CompanyAsync("02");
        await Db.CompanyAsync("03");
        var user = await Db.UserAsync("g@x.test", Roles.Manager, c1, c2);
        SignIn(user);

        var state = await Services.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>().GetAuthenticationStateAsync();
        Assert.Equal(user.Id, state.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
        var cut = Render<CompanySwitch>(p => p.Add(x => x.User, user));
        var select = cut.Find("select[data-testid=company-switch]");
        Assert.Equal(c1.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("option[selected]").GetAttribute("value"));
        Assert.Equal(2, cut.FindAll("option").Count); // only the user's companies, not 03

        await select.ChangeAsync(new ChangeEventArgs { Value = c2.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(c2, (await Db.Get<UserAccessService>().LoadAsync(user.Id))!.CurrentCompanyId);
        var nav = Services.GetRequiredService<NavigationManager>() as BunitNavigationManager;
        Assert.NotNull(nav);
        Assert.True(nav!.History.First().Options.ForceLoad);
    }

    [Fact]
    public async Task LanguageSwitch_GoesToTheCultureEndpoint_KeepingThePage()
    {
        var user = await Db.UserAsync("a@x.test", Roles.Agent);
        SignIn(user);
        var nav = (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/admin/users?x=1");

        var cut = Render<LanguageSwitch>();
        // The menu is a native popover the button opens (the browser shows, places and dismisses it).
        Assert.Equal("menu-language", cut.Find("[data-testid=language-switch] > button").GetAttribute("popovertarget"));
        Assert.Equal(2, cut.FindAll("#menu-language [role=menuitem]").Count);
        await cut.FindAll("#menu-language [role=menuitem]").Single(i => i.TextContent.Contains("English (US)")).ClickAsync(new());

        var target = nav.History.First();
        Assert.Equal("/culture/set?culture=en-US&redirectUri=%2Fadmin%2Fusers%3Fx%3D1", target.Uri);
        Assert.True(target.Options.ForceLoad);
    }

    [Fact]
    public async Task QuickSearch_FindsScreensByCodeOrAccentFreeName_RespectingRoles()
    {
        var admin = await Db.UserAsync("adm@x.test", Roles.Administrator);
        var agent = await Db.UserAsync("a@x.test", Roles.Agent);
        var l = Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        Assert.Equal(Screens.Companies, Screens.Search("futl0100", admin, l).First());
        Assert.Equal(Screens.Users, Screens.Search("usuarios", admin, l).First());
        Assert.Empty(Screens.Search("FUTL0100", agent, l));
        Assert.Contains(Screens.Profile, Screens.Search("perfil", agent, l));
    }

    [Fact]
    public void EveryScreen_HasATitleInBothLanguages()
    {
        var l = Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        foreach (var culture in new[] { "pt-BR", "en-US" })
        {
            UseCulture(culture);
            Assert.All(Screens.All, s => Assert.False(l[s.TitleKey].ResourceNotFound, $"{s.TitleKey} missing in {culture}"));
        }
    }
}
