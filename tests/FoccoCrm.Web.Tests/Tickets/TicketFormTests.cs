using Bunit;
using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tests.Tickets;
using FoccoCrm.Core.Tickets;
using FoccoCrm.Web.Features.Tickets;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FoccoCrm.Web.Tests.Tickets;

public class TicketFormTests : ComponentTestBase
{
    private TicketTestData d = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Db.Get<TicketService>());
        Services.AddSingleton(Db.Get<PersonService>());
        Services.AddSingleton(Db.Get<ContactService>());
        Services.AddSingleton(Db.Get<CatalogService<TicketType>>());
        Services.AddSingleton(Db.Get<CatalogService<TicketReason>>());
        Services.AddSingleton(Db.Get<IValidator<TicketInput>>());
        d = await new TicketTestData(Db).SetUpAsync();
    }

    private static Task SetSituationAsync(IRenderedComponent<IComponent> cut, string text)
    {
        var field = cut.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == "Situação relatada");
        return cut.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(text));
    }

    private static void Click(IRenderedComponent<IComponent> cut, string text) =>
        cut.FindAll("button").First(b => b.TextContent.Trim().Equals(text, StringComparison.OrdinalIgnoreCase)).Click();

    [Fact]
    public async Task NewTicket_WithoutSituation_IsNotOpened_AndWithItOpensAndReportsTheNumber()
    {
        var ana = d.Ana with { CurrentCompanyId = d.Company };
        TicketRef? created = null;
        var cut = RenderAs<TicketForm>(ana,
            ("Initial", new TicketInput { CustomerId = d.C1, TypeId = d.Type1, ReasonId = d.Reason1, ResponsibleId = ana.Id }),
            ("OnCreated", EventCallback.Factory.Create<TicketRef>(this, r => created = r)));
        cut.WaitForAssertion(() => Assert.Contains("Atraso na entrega", cut.Markup)); // reasons of type 1 loaded, customer shown
        Assert.Contains("Alfa Metais", cut.Markup);

        Click(cut, "Abrir chamado");
        cut.WaitForAssertion(() => Assert.Contains("Descreva a situação relatada pelo cliente.", cut.Markup));
        Assert.Null(created);
        Assert.Equal(0, (await d.Service.ListAsync(d.Admin, d.Company, new TicketQuery())).TotalCount);

        await SetSituationAsync(cut, "Pedido chegou incompleto");
        Click(cut, "Abrir chamado");
        cut.WaitForAssertion(() => Assert.NotNull(created));
        var saved = await d.Service.GetAsync(d.Admin, created!.Id);
        Assert.Equal("Pedido chegou incompleto", saved.Situation);
        Assert.Equal(ana.Id, saved.ResponsibleId);
    }

    [Fact]
    public async Task SavingOverSomeoneElsesChange_ShowsTheirsVersusYoursPerField_AndKeepsWhatTheUserChooses()
    {
        var ana = d.Ana with { CurrentCompanyId = d.Company };
        var r = await d.OpenAsync(d.Admin, d.Ana.Id);
        var cut = RenderAs<TicketForm>(ana, ("Ticket", await d.Service.GetAsync(ana, r.Id)));
        cut.WaitForAssertion(() => Assert.Contains("Atraso na entrega", cut.Markup));

        // Bia saves first: another situation and priority High.
        await d.Service.UpdateAsync(d.Bia, r.Id, d.Input() with { Situation = "Versão da Bia", Priority = TicketPriority.High }, r.Version);
        await SetSituationAsync(cut, "Versão da Ana");
        Click(cut, "Salvar");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=conflict-row]").Count));
        var conflict = cut.Find("[data-testid=ticket-conflict]");
        Assert.Contains("bia alterou o chamado", conflict.TextContent);
        var situationRow = cut.FindAll("[data-testid=conflict-row]").Single(x => x.TextContent.Contains("Situação relatada"));
        Assert.Contains("Versão da Bia", situationRow.TextContent);
        Assert.Contains("Versão da Ana", situationRow.TextContent);
        Assert.Equal("Versão da Bia", (await d.Service.GetAsync(d.Admin, r.Id)).Situation); // nothing overwritten

        // Take Bia's priority, keep Ana's situation.
        cut.FindAll("[data-testid=conflict-row]").Single(x => x.TextContent.Contains("Prioridade")).QuerySelector("button")!.Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=conflict-row]")));
        Click(cut, "Manter os meus valores e salvar");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=ticket-conflict]")));
        var saved = await d.Service.GetAsync(d.Admin, r.Id);
        Assert.Equal("Versão da Ana", saved.Situation);
        Assert.Equal(TicketPriority.High, saved.Priority);
        Assert.Equal("ana", saved.UpdatedByName);
    }

    [Fact]
    public async Task ReadOnly_ShowsTheTicketWithoutASaveButton()
    {
        var r = await d.OpenAsync(d.Admin, d.Ana.Id);
        var detail = await d.Service.GetAsync(d.Admin, r.Id);
        var cut = RenderAs<TicketForm>(d.Admin with { CurrentCompanyId = d.Company }, ("Ticket", detail), ("ReadOnly", true));
        cut.WaitForAssertion(() => Assert.Contains("Atraso na entrega", cut.Markup));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Salvar");
    }
}
