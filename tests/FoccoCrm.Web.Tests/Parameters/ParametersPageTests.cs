using Bunit;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Web.Features.Parameters;
using FoccoCrm.Web.Resources;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace FoccoCrm.Web.Tests.Parameters;

public class ParametersPageTests : ComponentTestBase
{
    private ParameterService Service => Db.Get<ParameterService>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Db.Get<ParameterService>());
    }

    private async Task<(int Company, CurrentUser Manager, CurrentUser Agent)> SetupAsync()
    {
        var c1 = await Db.CompanyAsync("01");
        var manager = await Db.UserAsync("g@x.test", Roles.Manager, c1);
        var agent = await Db.UserAsync("a@x.test", Roles.Agent, c1);
        var sheet = await Service.GetSheetAsync(manager, c1);
        await Service.SaveCompanyAnswersAsync(manager, c1, new Dictionary<string, string?> { ["09"] = "2", ["10"] = "N" }, sheet.CompanyVersions);
        await Service.SaveUserAnswersAsync(agent, c1, new Dictionary<string, string?> { ["10"] = "S" });
        return (c1, manager, agent);
    }

    private IRenderedComponent<CascadingUser<ParametersPage>> RenderPage(CurrentUser user)
    {
        SignIn(user);
        return Render<CascadingUser<ParametersPage>>(p => p.Add(x => x.User, user));
    }

    [Fact]
    public async Task Sheet_ShowsWhichValueWins_PerParameter()
    {
        var (c1, _, agent) = await SetupAsync();
        var sheet = await Service.GetSheetAsync(agent, c1);
        var cut = Render<ParameterSheetTable>(p => p.Add(x => x.Sheet, sheet));

        Assert.Contains("Sim (S)", cut.Find("[data-testid=effective-10]").TextContent);
        Assert.Contains("Usuário", cut.Find("[data-testid=effective-10]").TextContent);
        Assert.Contains("Não (N)", cut.Find("[data-testid=company-10]").TextContent);
        Assert.Contains("2 h", cut.Find("[data-testid=effective-09]").TextContent);
        Assert.Contains("Empresa", cut.Find("[data-testid=effective-09]").TextContent);
        Assert.Contains("Padrão", cut.Find("[data-testid=effective-04]").TextContent);
        Assert.Contains("Só empresa", cut.Find("[data-testid=mine-07]").TextContent);
        Assert.Contains("America/Sao_Paulo", cut.Find("[data-testid=effective-08]").TextContent);
        Assert.Contains("Quem abre o chamado", cut.Find("[data-testid=effective-02]").TextContent);
    }

    [Fact]
    public async Task Agent_GetsOnlyMyValues_WithUserScopedParameters()
    {
        var (_, _, agent) = await SetupAsync();
        var cut = RenderPage(agent);
        Assert.Contains("FUTL0125", cut.Markup);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Editar empresa"));

        cut.FindAll("button").First(b => b.TextContent.Contains("Meus valores")).Click();
        var editors = cut.FindComponents<ParameterEditor>().Select(e => e.Instance.Definition.Number).ToList();
        Assert.Equal(["01", "02", "04", "05", "06", "09", "10"], editors);
    }

    [Fact]
    public async Task CompanyForm_Marks05And06Required_While04IsN_AndShowsTheServiceRefusal()
    {
        var (_, manager, _) = await SetupAsync();
        var cut = RenderPage(manager);
        cut.FindAll("button").First(b => b.TextContent.Contains("Editar empresa")).Click();
        ParameterEditor Editor(string n) => cut.FindComponents<ParameterEditor>().Single(e => e.Instance.Definition.Number == n).Instance;
        Assert.False(Editor("05").Required);

        await cut.InvokeAsync(() => Editor("04").ValueChanged.InvokeAsync("N"));
        Assert.True(Editor("05").Required);
        Assert.True(Editor("06").Required);

        await cut.InvokeAsync(() => Editor("05").ValueChanged.InvokeAsync("smtp.empresa.com.br:587 TLS"));
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Salvar").Click();
        cut.WaitForAssertion(() => Assert.Contains("parâmetro 06 (remetente) precisa ser preenchido", cut.Find("[role=alert]").TextContent));
        Assert.NotNull(Editor("06").Error);
        Assert.Null(Editor("05").Error);
    }

    [Fact]
    public void EveryParameterQuestion_IsLocalized()
    {
        var l = Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        Assert.All(ParameterDefinition.All, d => Assert.False(l[d.QuestionKey].ResourceNotFound, d.QuestionKey));
    }
}

/// <summary>Gives a page its cascading <see cref="CurrentUser"/> and the popover provider MudSelect needs.</summary>
public sealed class CascadingUser<TPage> : Microsoft.AspNetCore.Components.ComponentBase where TPage : Microsoft.AspNetCore.Components.IComponent
{
    [Microsoft.AspNetCore.Components.Parameter] public CurrentUser User { get; set; } = default!;

    protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<Microsoft.AspNetCore.Components.CascadingValue<CurrentUser>>(1);
        builder.AddAttribute(2, "Value", User);
        builder.AddAttribute(3, "ChildContent", (Microsoft.AspNetCore.Components.RenderFragment)(b => { b.OpenComponent<TPage>(4); b.CloseComponent(); }));
        builder.CloseComponent();
    }
}

public class ParameterFormConflictTests : ComponentTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Db.Get<ParameterService>());
    }

    [Fact]
    public async Task CompanyForm_ShowsTheirValueOnConflict_AndUseTheirsLoadsIt()
    {
        var service = Db.Get<ParameterService>();
        var c1 = await Db.CompanyAsync("01");
        var manager = await Db.UserAsync("g@x.test", Roles.Manager, c1);
        var admin = await Db.UserAsync("adm@x.test", Roles.Administrator, c1);
        var seen = await service.GetSheetAsync(manager, c1);
        var cut = RenderAs<ParameterForm>(manager, (nameof(ParameterForm.Sheet), seen), (nameof(ParameterForm.Scope), ParameterEditScope.Company));
        // The form renders with the sheet the manager read; then an administrator saves 09 first.
        await service.SaveCompanyAnswersAsync(admin, c1, new Dictionary<string, string?> { ["09"] = "4" }, seen.CompanyVersions);

        ParameterEditor Editor(string n) => cut.FindComponents<ParameterEditor>().Single(e => e.Instance.Definition.Number == n).Instance;
        await cut.InvokeAsync(() => Editor("09").ValueChanged.InvokeAsync("8"));
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Salvar").Click();

        cut.WaitForAssertion(() => Assert.Contains("09 · 4 h", cut.Markup));
        Assert.Equal(4, await service.GetIntAsync(manager, c1, "09")); // nothing overwritten
        cut.FindAll("button").First(b => b.TextContent.Contains("Usar os valores atuais")).Click();
        Assert.Equal("4", Editor("09").Value);
    }
}
