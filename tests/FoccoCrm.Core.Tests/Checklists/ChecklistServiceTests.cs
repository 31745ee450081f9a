using FluentValidation;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;

namespace FoccoCrm.Core.Tests.Checklists;

/// <summary>Checklist header, the designer service (autosaved operations, concurrency), publishing and versions.</summary>
public sealed class ChecklistServiceTests : DbTest
{
    private static string Shape(ChecklistTree tree) =>
        string.Join(" ", tree.Outline().Select(n => $"{new string('.', tree.Depth(n.Id))}{tree.QuestionOf(n)!.Text}"));

    [Fact]
    public async Task DesignOperations_AreSavedOneByOne_AndReopenTheSameTree()
    {
        var company = await t.CompanyAsync("01");
        var data = await ChecklistTestData.CreateAsync(t, company);
        var (id, _, _, _, nRiscado, nOnde, _) = await data.DefectAsync("DEF", ChecklistUsage.Occurrence, company);
        var design = await data.Design.OpenAsync(data.Admin, id);
        Assert.Equal("Produto está riscado? .Onde está o risco? ..Descreva", Shape(design.Tree));

        var obs = await data.QuestionAsync("Observações", AnswerKind.Text);
        var nObs = ChecklistTestData.Ok(await data.Design.AddRootAsync(data.Admin, design, obs.Id, index: 0));
        Assert.True((await data.Design.SetRequiredAsync(data.Admin, design, nObs, true)).Ok);
        Assert.True((await data.Design.OutdentAsync(data.Admin, design, nOnde)).Ok);
        var reopened = await data.Design.OpenAsync(data.Admin, id);
        Assert.Equal("Observações Produto está riscado? Onde está o risco? .Descreva", Shape(reopened.Tree));
        Assert.True(reopened.Tree.Find(nObs)!.Required);

        Assert.True((await data.Design.UndoAsync(data.Admin, design)).Ok);
        Assert.True((await data.Design.RemoveAsync(data.Admin, design, nRiscado)).Ok);
        reopened = await data.Design.OpenAsync(data.Admin, id);
        Assert.Equal("Observações", Shape(reopened.Tree)); // the outdent was undone, so the whole branch went
        Assert.True((await data.Design.UndoAsync(data.Admin, design)).Ok);
        Assert.True((await data.Design.RedoAsync(data.Admin, design)).Ok);
        Assert.True((await data.Design.UndoAsync(data.Admin, design)).Ok);
        reopened = await data.Design.OpenAsync(data.Admin, id);
        Assert.Equal(Shape(design.Tree), Shape(reopened.Tree));
        Assert.Equal("Observações Produto está riscado? .Onde está o risco? ..Descreva", Shape(reopened.Tree));
    }

    [Fact]
    public async Task RefusedDesignOperation_SavesNothing_AndSaysWhy()
    {
        var company = await t.CompanyAsync("01");
        var data = await ChecklistTestData.CreateAsync(t, company);
        var (id, _, _, _, nRiscado, _, nDescreva) = await data.DefectAsync("DEF", ChecklistUsage.Occurrence, company);
        var design = await data.Design.OpenAsync(data.Admin, id);
        var version = design.Version;
        var r = await data.Design.MoveAsync(data.Admin, design, nRiscado, nDescreva, [1], 0);
        Assert.Equal(TreeRefusal.Cycle, r.Refusal);
        Assert.Equal(version, design.Version);
        Assert.Equal(version, (await data.Checklists.GetAsync(data.Admin, id)).Version);
    }

    [Fact]
    public async Task TwoDesigners_TheSecondSaveIsAConflict_CarryingTheFreshDraft()
    {
        var company = await t.CompanyAsync("01");
        var data = await ChecklistTestData.CreateAsync(t, company);
        var (id, _, _, _, _, nOnde, _) = await data.DefectAsync("DEF", ChecklistUsage.Occurrence, company);
        var mine = await data.Design.OpenAsync(data.Admin, id);
        var theirs = await data.Design.OpenAsync(data.Admin, id);
        Assert.True((await data.Design.OutdentAsync(data.Admin, theirs, nOnde)).Ok);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => data.Design.SetRequiredAsync(data.Admin, mine, nOnde, false));
        var fresh = Assert.IsType<ChecklistDesign>(ex.Current);
        Assert.Null(fresh.Tree.Find(nOnde)!.ParentId);
        Assert.True(mine.Tree.Find(nOnde)!.Required); // my failed change was reverted in my model
        Assert.True((await data.Design.SetRequiredAsync(data.Admin, fresh, nOnde, false)).Ok);
    }

    [Fact]
    public async Task Agent_CannotDesignOrPublish_AndSeesOnlyChecklistsOfItsCompanies()
    {
        var c1 = await t.CompanyAsync("01");
        var c2 = await t.CompanyAsync("02");
        var data = await ChecklistTestData.CreateAsync(t, c1, c2);
        var (id, riscado, _, _, _, _, _) = await data.DefectAsync("DEF", ChecklistUsage.Occurrence, c1);
        await data.ChecklistAsync("OUTRA", ChecklistUsage.Occurrence, c2);
        var agent = await t.UserAsync("agent@x.test", Roles.Agent, c1);
        var design = await data.Design.OpenAsync(agent, id);
        Assert.False(design.CanEdit);
        await Assert.ThrowsAsync<ForbiddenException>(() => data.Design.AddRootAsync(agent, design, riscado.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => data.Checklists.PublishAsync(agent, id, design.Version));
        await Assert.ThrowsAsync<ForbiddenException>(() => data.Checklists.CreateAsync(agent, new ChecklistInput { Code = "X", Description = "X", TypeId = 1 }));
        Assert.Equal(["DEF"], (await data.Checklists.ListAsync(agent, new ChecklistQuery())).Items.Select(r => r.Code));
        Assert.Equal(2, (await data.Checklists.ListAsync(data.Admin, new ChecklistQuery())).TotalCount);
    }

    [Fact]
    public async Task Checklist_CodeIsUnique_AndCompaniesMustBeAccessible()
    {
        var c1 = await t.CompanyAsync("01");
        var c2 = await t.CompanyAsync("02");
        var data = await ChecklistTestData.CreateAsync(t, c1);
        var type = await data.TypeAsync();
        await data.Checklists.CreateAsync(data.Admin, new ChecklistInput { Code = "def", Description = "Defeito", TypeId = type, CompanyIds = [c1] });
        var dup = await Assert.ThrowsAsync<ValidationException>(() => data.Checklists.CreateAsync(data.Admin, new ChecklistInput { Code = "DEF", Description = "X", TypeId = type }));
        Assert.Contains("DEF", dup.Errors.Single().ErrorMessage);
        await Assert.ThrowsAsync<ForbiddenException>(() => data.Checklists.CreateAsync(data.Admin, new ChecklistInput { Code = "B", Description = "X", TypeId = type, CompanyIds = [c2] }));
        await Assert.ThrowsAsync<BusinessRuleException>(() => data.Checklists.CreateAsync(data.Admin, new ChecklistInput { Code = "C", Description = "X", TypeId = type, ProductId = 999 }));
        await Assert.ThrowsAsync<BusinessRuleException>(() => data.Checklists.CreateAsync(data.Admin, new ChecklistInput { Code = "D", Description = "X", TypeId = 999 }));
    }

    [Fact]
    public async Task Publish_WithoutCompany_IsRefusedPlainly()
    {
        var data = await ChecklistTestData.CreateAsync(t);
        var (id, _, _, _, _, _, _) = await data.DefectAsync("DEF", ChecklistUsage.Occurrence);
        var row = await data.Checklists.GetAsync(data.Admin, id);
        Assert.False(row.HasCompany);
        var ex = await Assert.ThrowsAsync<BusinessRuleException>(() => data.Checklists.PublishAsync(data.Admin, id, row.Version));
        Assert.Contains(ChecklistMessages.PublishNoCompany, ex.Message);
        Assert.False((await data.Design.OpenAsync(data.Admin, id)).HasCompany);
    }

    [Fact]
    public async Task Publish_EmptyTree_IsRefused()
    {
        var company = await t.CompanyAsync("01");
        var data = await ChecklistTestData.CreateAsync(t, company);
        var id = await data.ChecklistAsync("VAZIO", ChecklistUsage.Occurrence, company);
        var problems = await data.Checklists.PublishProblemsAsync(data.Admin, id);
        Assert.Equal([ChecklistMessages.PublishEmpty], problems.Select(p => p.Message));
        var ex = await Assert.ThrowsAsync<BusinessRuleException>(async () =>
            await data.Checklists.PublishAsync(data.Admin, id, (await data.Checklists.GetAsync(data.Admin, id)).Version));
        Assert.Equal(ChecklistMessages.PublishEmpty, ex.Message);
    }

    [Fact]
    public async Task RemovingAnOptionInTheBank_OrphansTheDraftsDependents_AndPublishIsRefusedUntilFixed()
    {
        var company = await t.CompanyAsync("01");
        var data = await ChecklistTestData.CreateAsync(t, company);
        var (id, _, onde, _, _, _, nDescreva) = await data.DefectAsync("DEF", ChecklistUsage.Occurrence, company);
        var input = onde.ToInput();
        input.Options.RemoveAll(o => o.Text == "Ponta");
        await data.Questions.UpdateAsync(data.Admin, onde.Id, input, onde.Version);

        var design = await data.Design.OpenAsync(data.Admin, id);
        var orphan = Assert.Single(design.Tree.Orphans());
        Assert.Equal(nDescreva, orphan.NodeId);
        var problem = Assert.Single(await data.Checklists.PublishProblemsAsync(data.Admin, id));
        Assert.Equal([nDescreva], problem.NodeIds);
        await Assert.ThrowsAsync<BusinessRuleException>(() => data.Checklists.PublishAsync(data.Admin, id, design.Version));

        Assert.True((await data.Design.SetConditionAsync(data.Admin, design, nDescreva, [ChecklistTestData.Opt(onde, "Tampa")])).Ok);
        var v = await data.Checklists.PublishAsync(data.Admin, id, design.Version);
        Assert.Equal(1, v.Number);
    }

    [Fact]
    public async Task PublishedVersion_FreezesQuestionAndOptionTexts_WhileTheDraftFollowsTheBank()
    {
        var company = await t.CompanyAsync("01");
        var data = await ChecklistTestData.CreateAsync(t, company);
        var (id, _, onde, _, _, nOnde, _) = await data.DefectAsync("DEF", ChecklistUsage.Occurrence, company);
        var row = await data.Checklists.GetAsync(data.Admin, id);
        Assert.True(row.HasUnpublishedChanges);
        var v1 = await data.Checklists.PublishAsync(data.Admin, id, row.Version);
        row = await data.Checklists.GetAsync(data.Admin, id);
        Assert.Equal((1, false), (row.LatestVersionNumber, row.HasUnpublishedChanges));

        var input = onde.ToInput() with { Text = "Em que parte está o risco?" };
        input.Options[0].Text = "Corpo da caneta";
        await data.Questions.UpdateAsync(data.Admin, onde.Id, input, onde.Version);

        var frozen = (await data.Checklists.GetVersionAsync(data.Admin, v1.Id)).Definition.Find(nOnde)!;
        Assert.Equal("Onde está o risco?", frozen.Question.Text);
        Assert.Equal("Corpo", frozen.Question.Options[0].Text);
        var draft = (await data.Design.OpenAsync(data.Admin, id)).Tree.ToDefinition().Find(nOnde)!;
        Assert.Equal("Em que parte está o risco?", draft.Question.Text);
        Assert.Equal("Corpo da caneta", draft.Question.Options[0].Text);

        var v2 = await data.Checklists.PublishAsync(data.Admin, id, row.Version);
        Assert.Equal(2, v2.Number);
        Assert.Equal([2, 1], (await data.Checklists.ListVersionsAsync(data.Admin, id)).Select(v => v.Number));
        Assert.Equal("Em que parte está o risco?", (await data.Checklists.GetVersionAsync(data.Admin, v2.Id)).Definition.Find(nOnde)!.Question.Text);
        Assert.Equal(3, v2.NodeCount);
    }

    [Fact]
    public async Task Publish_FromAStaleVersion_IsAConflict()
    {
        var company = await t.CompanyAsync("01");
        var data = await ChecklistTestData.CreateAsync(t, company);
        var (id, _, _, _, _, nOnde, _) = await data.DefectAsync("DEF", ChecklistUsage.Occurrence, company);
        var row = await data.Checklists.GetAsync(data.Admin, id);
        var design = await data.Design.OpenAsync(data.Admin, id);
        await data.Design.SetRequiredAsync(data.Admin, design, nOnde, false);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => data.Checklists.PublishAsync(data.Admin, id, row.Version));
        Assert.Empty(await data.Checklists.ListVersionsAsync(data.Admin, id));
    }

    [Fact]
    public async Task InactiveQuestions_CannotBeAdded_AndBlockPublishingUntilRemoved()
    {
        var company = await t.CompanyAsync("01");
        var data = await ChecklistTestData.CreateAsync(t, company);
        var (id, _, _, descreva, _, _, nDescreva) = await data.DefectAsync("DEF", ChecklistUsage.Occurrence, company);
        await data.Questions.DeactivateAsync(data.Admin, descreva.Id);
        var design = await data.Design.OpenAsync(data.Admin, id);
        Assert.Equal(TreeRefusal.QuestionInactive, (await data.Design.AddRootAsync(data.Admin, design, descreva.Id)).Refusal);
        var problem = Assert.Single(await data.Checklists.PublishProblemsAsync(data.Admin, id));
        Assert.Equal([nDescreva], problem.NodeIds);
        Assert.True((await data.Design.RemoveAsync(data.Admin, design, nDescreva)).Ok);
        Assert.Equal(1, (await data.Checklists.PublishAsync(data.Admin, id, design.Version)).Number);
    }

    [Fact]
    public async Task RefreshQuestions_ShowsAnOrphanCausedByABankEditMadeWhileTheDesignerWasOpen()
    {
        var company = await t.CompanyAsync("01");
        var data = await ChecklistTestData.CreateAsync(t, company);
        var (id, riscado, _, _, _, nOnde, _) = await data.DefectAsync("DEF", ChecklistUsage.Occurrence, company);
        var design = await data.Design.OpenAsync(data.Admin, id);
        await data.Questions.UpdateAsync(data.Admin, riscado.Id, riscado.ToInput() with { Kind = AnswerKind.Text }, riscado.Version);
        Assert.Empty(design.Tree.Orphans());
        await data.Design.RefreshQuestionsAsync(data.Admin, design);
        var orphan = Assert.Single(design.Tree.Orphans());
        Assert.Equal((nOnde, OrphanReason.ParentNotChoice), (orphan.NodeId, orphan.Reason));
        Assert.True((await data.Design.OutdentAsync(data.Admin, design, nOnde)).Ok);
        Assert.Empty((await data.Design.OpenAsync(data.Admin, id)).Tree.Orphans());
    }
}
