using Bunit;
using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Identity;
using FoccoCrm.Web.Features.Catalogs;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Web.Tests.Catalogs;

public class TypeReasonsCatalogTests : ComponentTestBase
{
    private CatalogService<TicketType> Types => Db.Get<CatalogService<TicketType>>();
    private CatalogService<TicketReason> Reasons => Db.Get<CatalogService<TicketReason>>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Types);
        Services.AddSingleton(Reasons);
        Services.AddSingleton(Db.Get<IValidator<CatalogEntryInput>>());
    }

    private static CatalogEntryInput Input(CatalogKind kind, int code, string description) => new() { Kind = kind, Code = code, Description = description };

    private async Task SeedAsync(CurrentUser manager)
    {
        var cancel = await Types.CreateAsync(manager, Input(CatalogKind.TicketType, 1, "Cancelamento"));
        var complaint = await Types.CreateAsync(manager, Input(CatalogKind.TicketType, 2, "Reclamação"));
        await Reasons.CreateAsync(manager, Input(CatalogKind.TicketReason, 1, "Não recebimento da mercadoria"), cancel);
        await Reasons.CreateAsync(manager, Input(CatalogKind.TicketReason, 1, "Cobrança indevida"), complaint);
    }

    private IRenderedComponent<TypeReasonsCatalog<TicketType, TicketReason>> RenderFor(CurrentUser user)
    {
        SignIn(user);
        return Render<TypeReasonsCatalog<TicketType, TicketReason>>(p => p
            .AddCascadingValue(user)
            .Add(x => x.TypesLabel, "Tipos e motivos de chamados")
            .Add(x => x.ExportPrefix, "chamados"));
    }

    [Fact]
    public async Task SelectingAType_ShowsOnlyItsReasons()
    {
        var manager = await Db.UserAsync("g@x.test", Roles.Manager);
        await SeedAsync(manager);
        var cut = RenderFor(manager);

        cut.WaitForAssertion(() => Assert.Contains("Reclamação", cut.Find("[data-testid=catalog-types]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=catalog-reasons-empty]"));

        cut.Find("button[aria-label='Ver motivos de Cancelamento']").Click();

        cut.WaitForAssertion(() =>
        {
            var reasons = cut.Find("[data-testid=catalog-reasons]").TextContent;
            Assert.Contains("Motivos de 1 · Cancelamento", reasons);
            Assert.Contains("Não recebimento da mercadoria", reasons);
            Assert.DoesNotContain("Cobrança indevida", reasons);
        });
        Assert.Contains("catalog-row-selected", cut.FindAll("[data-testid=catalog-types] tr").Single(tr => tr.TextContent.Contains("Cancelamento")).ClassName);

        cut.Find("button[aria-label='Ver motivos de Reclamação']").Click();
        cut.WaitForAssertion(() => Assert.Contains("Cobrança indevida", cut.Find("[data-testid=catalog-reasons]").TextContent));
    }

    [Fact]
    public async Task Manager_SeesEditButtons_OnTypesAndReasons()
    {
        var manager = await Db.UserAsync("g@x.test", Roles.Manager);
        await SeedAsync(manager);
        var cut = RenderFor(manager);
        cut.WaitForAssertion(() => Assert.Contains("Cancelamento", cut.Markup));
        cut.Find("button[aria-label='Ver motivos de Cancelamento']").Click();
        cut.WaitForAssertion(() => Assert.Contains("Não recebimento", cut.Markup));

        Assert.NotEmpty(cut.FindAll("button[aria-label^='Editar']"));
        Assert.NotEmpty(cut.FindAll("button[aria-label^='Excluir']"));
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Contains("Novo tipo"));
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Contains("Novo motivo"));
        Assert.DoesNotContain("Somente leitura", cut.Markup);
    }

    [Fact]
    public async Task Agent_SeesTypesAndReasons_ReadOnly()
    {
        var manager = await Db.UserAsync("g@x.test", Roles.Manager);
        await SeedAsync(manager);
        var agent = await Db.UserAsync("a@x.test", Roles.Agent);
        var cut = RenderFor(agent);
        cut.WaitForAssertion(() => Assert.Contains("Cancelamento", cut.Markup));
        cut.Find("button[aria-label='Ver motivos de Cancelamento']").Click();
        cut.WaitForAssertion(() => Assert.Contains("Não recebimento da mercadoria", cut.Markup));

        Assert.Empty(cut.FindAll("button[aria-label^='Editar']"));
        Assert.Empty(cut.FindAll("button[aria-label^='Excluir']"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Novo tipo") || b.TextContent.Contains("Novo motivo"));
        Assert.Contains("Somente leitura", cut.Markup);
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Contains("Exportar"));
    }
}
