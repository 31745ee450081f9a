using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Occurrences;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Core.Tests.Checklists;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Tests.Occurrences;

/// <summary>The occurrence type's checklist: linking it (FERM0100), filling it with the engine, and parameter 03.</summary>
public sealed class OccurrenceChecklistTests : DbTest
{
    private OccurrenceService Service => t.Get<OccurrenceService>();

    private sealed record Setup(OccurrenceTestData D, ChecklistTestData Data, int ChecklistId, QuestionDetail Riscado, QuestionDetail Onde,
        Guid NRiscado, Guid NOnde, Guid NDescreva);

    private async Task<Setup> LinkedAsync(bool requireChecklist)
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        var data = new ChecklistTestData(t, d.Admin);
        var (id, riscado, onde, _, nRiscado, nOnde, nDescreva) = await data.DefectAsync("DEF", ChecklistUsage.Occurrence, d.Company);
        await data.Checklists.PublishAsync(d.Admin, id, (await data.Checklists.GetAsync(d.Admin, id)).Version);
        await LinkAsync(d, id);
        await t.Get<ParameterService>().SaveCompanyAnswersAsync(d.Admin, d.Company,
            new Dictionary<string, string?> { [ParameterDefinition.RequireOccurrenceChecklist] = requireChecklist ? "S" : "N" },
            new Dictionary<string, Guid?>());
        return new Setup(d, data, id, riscado, onde, nRiscado, nOnde, nDescreva);
    }

    private async Task LinkAsync(OccurrenceTestData d, int? checklistId)
    {
        var types = t.Get<CatalogService<OccurrenceType>>();
        var row = await types.GetAsync(d.Admin, d.TypeId);
        await types.UpdateAsync(d.Admin, d.TypeId, row.ToInput() with { ChecklistId = checklistId }, row.Version);
    }

    [Fact]
    public async Task TypeChecklist_MustBeAnActivePublishedOccurrenceChecklist()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        var data = new ChecklistTestData(t, d.Admin);
        var registration = await data.ChecklistAsync("REG", ChecklistUsage.Registration, d.Company);
        await data.Design.AddRootAsync(d.Admin, await data.Design.OpenAsync(d.Admin, registration), (await data.QuestionAsync("Q?", AnswerKind.YesNo)).Id);
        await data.Checklists.PublishAsync(d.Admin, registration, (await data.Checklists.GetAsync(d.Admin, registration)).Version);
        var draft = await data.ChecklistAsync("DRAFT", ChecklistUsage.Occurrence, d.Company);

        await Assert.ThrowsAsync<ValidationException>(() => LinkAsync(d, registration));
        await Assert.ThrowsAsync<ValidationException>(() => LinkAsync(d, draft));
        Assert.Null((await t.Get<CatalogService<OccurrenceType>>().GetAsync(d.Admin, d.TypeId)).ChecklistId);
        Assert.Empty(await Service.ListChecklistOptionsAsync(d.Agent1));
    }

    [Fact]
    public async Task Parameter03Yes_RefusesAnOccurrenceWithoutTheRequiredAnswers_PerNode()
    {
        var s = await LinkedAsync(requireChecklist: true);
        var form = await Service.GetChecklistForTypeAsync(s.D.Agent1, s.D.Company, s.D.TypeId);
        Assert.NotNull(form);
        Assert.True(form.Required);
        Assert.Equal([s.ChecklistId], (await Service.ListChecklistOptionsAsync(s.D.Agent1)).Select(o => o.Id));

        var empty = await Assert.ThrowsAsync<ValidationException>(() => Service.CreateAsync(s.D.Agent1, s.D.Input() with { ChecklistVersionId = form.VersionId }));
        Assert.Contains(empty.Errors, e => e.PropertyName == s.NRiscado.ToString());
        var partial = await Assert.ThrowsAsync<ValidationException>(() => Service.CreateAsync(s.D.Agent1, s.D.Input() with
        {
            ChecklistVersionId = form.VersionId, ChecklistAnswers = [ChecklistAnswer.Options(s.NRiscado, ChecklistTestData.Opt(s.Riscado, "Sim"))],
        }));
        Assert.Equal(s.NOnde.ToString(), Assert.Single(partial.Errors).PropertyName);
        await using var db = await t.DbAsync();
        Assert.Equal(0, await db.Occurrences.CountAsync());
    }

    [Fact]
    public async Task Create_StoresTheCleanAnswersAsTheOccurrencesResponse_HiddenOnesDropped()
    {
        var s = await LinkedAsync(requireChecklist: true);
        var form = (await Service.GetChecklistForTypeAsync(s.D.Agent1, s.D.Company, s.D.TypeId))!;
        var id = await Service.CreateAsync(s.D.Agent1, s.D.Input() with
        {
            ChecklistVersionId = form.VersionId,
            ChecklistAnswers = [ChecklistAnswer.Options(s.NRiscado, ChecklistTestData.Opt(s.Riscado, "Não")),
                ChecklistAnswer.Options(s.NOnde, ChecklistTestData.Opt(s.Onde, "Ponta"))], // hidden: riscado = Não
        });

        var detail = await Service.GetAsync(s.D.Agent1, id);
        Assert.NotNull(detail.Checklist);
        Assert.Equal(s.NRiscado, Assert.Single(detail.Checklist.Answers).NodeId);
        Assert.Contains(detail.History, h => h.Field == OccurrenceFields.Checklist && h.ToValue == "DEF v1: 1");
        await using var db = await t.DbAsync();
        var response = await db.ChecklistResponses.SingleAsync();
        Assert.Equal((ChecklistSubject.Occurrence, (int?)id, (int?)null), (response.Subject, response.OccurrenceId, response.PersonId));
    }

    [Fact]
    public async Task Parameter03No_AllowsAnEmptyChecklist_ButStillRefusesInvalidAnswers()
    {
        var s = await LinkedAsync(requireChecklist: false);
        var id = await Service.CreateAsync(s.D.Agent1, s.D.Input());
        Assert.Empty((await Service.GetAsync(s.D.Agent1, id)).Checklist!.Answers);
        await Assert.ThrowsAsync<ValidationException>(() => Service.CreateAsync(s.D.Agent1, s.D.Input() with
        {
            ChecklistAnswers = [ChecklistAnswer.Options(s.NRiscado, 999_999)],
        }));
    }

    [Fact]
    public async Task Update_ChangedAnswersAreSaved_AndGoToTheHistory()
    {
        var s = await LinkedAsync(requireChecklist: false);
        var id = await Service.CreateAsync(s.D.Agent1, s.D.Input());
        var read = await Service.GetAsync(s.D.Agent1, id);
        await Service.UpdateAsync(s.D.Agent1, id, read.ToInput() with
        {
            ChecklistAnswers = [ChecklistAnswer.Options(s.NRiscado, ChecklistTestData.Opt(s.Riscado, "Sim")), ChecklistAnswer.Options(s.NOnde, ChecklistTestData.Opt(s.Onde, "Corpo"))],
        }, read.Version);
        var after = await Service.GetAsync(s.D.Agent1, id);
        Assert.Equal(2, after.Checklist!.Answers.Count);
        Assert.Contains(after.History, h => h.Field == OccurrenceFields.Checklist && h.FromValue == null && h.ToValue == "DEF v1: 2");
    }

    [Fact]
    public async Task AChecklistNotLinkedToTheCompany_DoesNotApplyThere()
    {
        var s = await LinkedAsync(requireChecklist: true);
        var other = await OccurrenceTestData.CreateAsync(t, "02");
        var otherAgent = await t.UserAsync("agente-b@x.test", Roles.Agent, other.Company);
        Assert.Null(await Service.GetChecklistForTypeAsync(otherAgent, other.Company, s.D.TypeId));
        await Service.CreateAsync(otherAgent, other.Input() with { TypeId = s.D.TypeId, ReasonId = s.D.ReasonId });
    }
}
