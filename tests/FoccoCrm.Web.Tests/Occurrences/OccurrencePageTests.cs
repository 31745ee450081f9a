using Bunit;
using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Occurrences;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tests.Checklists;
using FoccoCrm.Core.Tests.Occurrences;
using FoccoCrm.Web.Features.Occurrences;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Web.Tests.Occurrences;

/// <summary>The FERM0200 form: what each user may do, the checklist required by parameter 03 shown per question, and live updates.</summary>
public class OccurrencePageTests : ComponentTestBase
{
    private OccurrenceService Service => Db.Get<OccurrenceService>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Db.Get<PersonService>());
        Services.AddSingleton(Db.Get<ContactService>());
        Services.AddSingleton(Db.Get<CatalogService<OccurrenceType>>());
        Services.AddSingleton(Db.Get<CatalogService<OccurrenceReason>>());
        Services.AddSingleton(Db.Get<IValidator<OccurrenceInput>>());
        Services.AddSingleton(Db.Get<AttachmentStore>());
        Services.AddSingleton(Db.Get<TimeProvider>());
    }

    [Fact]
    public async Task TheResponsible_SeesTheFormWithSaveForwardAndClose_AndTheHistory()
    {
        var d = await OccurrenceTestData.CreateAsync(Db);
        var id = await Service.CreateAsync(d.Agent1, d.Input());

        var cut = RenderAs<OccurrencePage>(d.Agent1, ("Id", (int?)id));

        cut.WaitForAssertion(() => Assert.Contains("Ocorrência 1", cut.Markup));
        Assert.Contains("Aberta", cut.Find("[data-testid=occurrence-status]").TextContent);
        var buttons = cut.FindAll("button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("Salvar", buttons);
        Assert.Contains("Encaminhar", buttons);
        Assert.Contains("Encerrar", buttons);
        Assert.Contains("Registro", cut.Find("[data-testid=occurrence-history]").TextContent);
        Assert.Contains("Joana Consumidora", cut.Markup);
    }

    [Fact]
    public async Task AnotherAgent_SeesItReadOnly_WithoutSaveOrForward()
    {
        var d = await OccurrenceTestData.CreateAsync(Db);
        var id = await Service.CreateAsync(d.Agent1, d.Input());

        var cut = RenderAs<OccurrencePage>(d.Agent2, ("Id", (int?)id));

        cut.WaitForAssertion(() => Assert.Contains("Ocorrência 1", cut.Markup));
        var buttons = cut.FindAll("button").Select(b => b.TextContent.Trim()).ToList();
        Assert.DoesNotContain("Salvar", buttons);
        Assert.DoesNotContain("Encaminhar", buttons);
        Assert.DoesNotContain("Encerrar", buttons);
    }

    [Fact]
    public async Task Parameter03_Save_WithoutTheRequiredAnswers_ShowsTheErrorUnderTheQuestion_AndSavesNothing()
    {
        var d = await OccurrenceTestData.CreateAsync(Db);
        var data = new ChecklistTestData(Db, d.Admin);
        var (checklistId, _, _, _, _, _, _) = await data.DefectAsync("DEF", ChecklistUsage.Occurrence, d.Company);
        await data.Checklists.PublishAsync(d.Admin, checklistId, (await data.Checklists.GetAsync(d.Admin, checklistId)).Version);
        var types = Db.Get<CatalogService<OccurrenceType>>();
        var type = await types.GetAsync(d.Admin, d.TypeId);
        await types.UpdateAsync(d.Admin, d.TypeId, type.ToInput() with { ChecklistId = checklistId }, type.Version);
        var id = await Service.CreateAsync(d.Agent1, d.Input()); // parameter 03 still N: saved without answers
        await Db.Get<ParameterService>().SaveCompanyAnswersAsync(d.Admin, d.Company,
            new Dictionary<string, string?> { [ParameterDefinition.RequireOccurrenceChecklist] = "S" }, new Dictionary<string, Guid?>());

        var cut = RenderAs<OccurrencePage>(d.Agent1, ("Id", (int?)id));
        cut.WaitForAssertion(() => Assert.Contains("Obrigatório (parâmetro 03)", cut.Markup));
        Assert.Contains("Produto está riscado?", cut.Find("[data-testid=checklist-fill]").TextContent);
        var before = (await Service.GetAsync(d.Agent1, id)).Version;

        await cut.FindAll("button").First(b => b.TextContent.Trim() == "Salvar").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=checklist-error]")));
        Assert.Contains("Preencha o checklist", cut.Find("[role=alert]").TextContent);
        Assert.Equal(before, (await Service.GetAsync(d.Agent1, id)).Version);
    }

    [Fact]
    public async Task AForwardByAnotherUser_UpdatesTheOpenPageLive()
    {
        var d = await OccurrenceTestData.CreateAsync(Db);
        var id = await Service.CreateAsync(d.Agent1, d.Input());
        var cut = RenderAs<OccurrencePage>(d.Agent1, ("Id", (int?)id));
        cut.WaitForAssertion(() => Assert.Contains("Encaminhar", cut.Markup));

        await Service.ForwardAsync(d.Manager, id, new OccurrenceForwardInput { UserId = d.Agent2.Id, Message = "assuma, por favor" });

        cut.WaitForAssertion(() => Assert.Contains("assuma, por favor", cut.Find("[data-testid=occurrence-history]").TextContent));
        Assert.DoesNotContain("Encaminhar", cut.FindAll("button").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public void QueryCriteria_RoundTripThroughTheUrl()
    {
        var q = new OccurrenceQuery
        {
            CompanyId = 2, From = new DateOnly(2026, 11, 1), To = new DateOnly(2026, 11, 30), PersonId = 7, PersonRole = PersonRoles.Consumer, TypeId = 3,
            ReasonId = 4, Status = OccurrenceStatus.Closed, ResponsibleUserId = "u-1", Text = "caneta azul", Sort = OccurrenceSort.Person, Descending = false,
        };
        var qs = OccurrenceText.ToQueryString(q);
        Assert.Contains("text=caneta%20azul", qs);
        Assert.Equal(q, OccurrenceText.FromQueryString("?" + qs));
        Assert.Equal(new OccurrenceQuery(), OccurrenceText.FromQueryString("status=Bogus&company=x"));
    }
}
