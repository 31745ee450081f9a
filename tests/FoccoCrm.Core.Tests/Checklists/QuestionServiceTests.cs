using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;

namespace FoccoCrm.Core.Tests.Checklists;

public sealed class QuestionServiceTests : DbTest
{
    [Fact]
    public async Task Create_YesNo_AlwaysHasSimAndNao_WhateverOptionsAreSent()
    {
        var data = await ChecklistTestData.CreateAsync(t);
        var id = await data.Questions.CreateAsync(data.Admin, new QuestionInput
        {
            Text = "Produto está riscado?", GrouperId = await data.GrouperAsync(), Kind = AnswerKind.YesNo, Options = [new() { Text = "Talvez" }],
        });
        var q = await data.Questions.GetAsync(data.Admin, id);
        Assert.Equal(["Sim", "Não"], q.Options.Select(o => o.Text));
        Assert.Equal("Defeito", q.GrouperDescription);
    }

    [Fact]
    public async Task Update_EditingAnOptionsText_KeepsItsId_NewOptionsGetNewIds_LeftOutOnesGo()
    {
        var data = await ChecklistTestData.CreateAsync(t);
        var q = await data.QuestionAsync("Onde?", AnswerKind.SingleChoice, "Corpo", "Tampa", "Ponta");
        var input = q.ToInput();
        input.Options = [new() { Id = q.Options[2].Id, Text = "Ponta da caneta" }, new() { Id = q.Options[0].Id, Text = "Corpo" }, new() { Text = "Clip" }];
        await data.Questions.UpdateAsync(data.Admin, q.Id, input, q.Version);

        var after = await data.Questions.GetAsync(data.Admin, q.Id);
        Assert.Equal(["Ponta da caneta", "Corpo", "Clip"], after.Options.Select(o => o.Text));
        Assert.Equal(q.Options[2].Id, after.Options[0].Id);
        Assert.Equal(q.Options[0].Id, after.Options[1].Id);
        Assert.DoesNotContain(after.Options[2].Id, q.Options.Select(o => o.Id));
        Assert.DoesNotContain(q.Options[1].Id, after.Options.Select(o => o.Id));
    }

    [Fact]
    public async Task Create_BadInput_IsRefusedWithMessages()
    {
        var data = await ChecklistTestData.CreateAsync(t);
        var grouper = await data.GrouperAsync();
        var one = await Assert.ThrowsAsync<ValidationException>(() => data.Questions.CreateAsync(data.Admin,
            new QuestionInput { Text = "X", GrouperId = grouper, Kind = AnswerKind.SingleChoice, Options = [new() { Text = "A" }] }));
        Assert.Contains(one.Errors, e => e.ErrorMessage.Contains('2'));
        var dup = await Assert.ThrowsAsync<ValidationException>(() => data.Questions.CreateAsync(data.Admin,
            new QuestionInput { Text = "X", GrouperId = grouper, Kind = AnswerKind.MultipleChoice, Options = [new() { Text = "A" }, new() { Text = " a" }] }));
        Assert.Contains(dup.Errors, e => e.ErrorMessage == ChecklistMessages.QuestionOptionsDuplicated);
        await Assert.ThrowsAsync<ValidationException>(() => data.Questions.CreateAsync(data.Admin, new QuestionInput { Text = "", GrouperId = grouper, Kind = AnswerKind.Text }));
        await Assert.ThrowsAsync<BusinessRuleException>(() => data.Questions.CreateAsync(data.Admin, new QuestionInput { Text = "X", GrouperId = 999, Kind = AnswerKind.Text }));
    }

    [Fact]
    public async Task Agent_ReadsTheBank_ButCannotCreateEditOrDeactivate()
    {
        var data = await ChecklistTestData.CreateAsync(t);
        var q = await data.QuestionAsync("Data da compra", AnswerKind.Date);
        var agent = await t.UserAsync("agent@x.test", Roles.Agent);
        Assert.Single((await data.Questions.ListAsync(agent, new QuestionQuery())).Items);
        await Assert.ThrowsAsync<ForbiddenException>(() => data.Questions.CreateAsync(agent, q.ToInput()));
        await Assert.ThrowsAsync<ForbiddenException>(() => data.Questions.UpdateAsync(agent, q.Id, q.ToInput(), q.Version));
        await Assert.ThrowsAsync<ForbiddenException>(() => data.Questions.DeactivateAsync(agent, q.Id));
        var manager = await t.UserAsync("manager@x.test", Roles.Manager);
        await data.Questions.DeactivateAsync(manager, q.Id);
        Assert.Empty((await data.Questions.ListAsync(agent, new QuestionQuery())).Items);
        Assert.Single((await data.Questions.ListAsync(agent, new QuestionQuery { IncludeInactive = true })).Items);
    }

    [Fact]
    public async Task Update_FromAStaleVersion_IsAConflict()
    {
        var data = await ChecklistTestData.CreateAsync(t);
        var q = await data.QuestionAsync("Texto", AnswerKind.Text);
        await data.Questions.UpdateAsync(data.Admin, q.Id, q.ToInput() with { Text = "Novo" }, q.Version);
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => data.Questions.UpdateAsync(data.Admin, q.Id, q.ToInput() with { Text = "Meu" }, q.Version));
        Assert.Equal("Novo", Assert.IsType<QuestionDetail>(ex.Current).Text);
    }

    [Fact]
    public async Task List_SearchesPagesAndCountsChecklistsUsingEachQuestion()
    {
        var company = await t.CompanyAsync("01");
        var data = await ChecklistTestData.CreateAsync(t, company);
        for (var i = 0; i < 12; i++) await data.QuestionAsync($"Pergunta {i:D2}", AnswerKind.Text);
        var (_, riscado, _, _, _, _, _) = await data.DefectAsync("A", ChecklistUsage.Occurrence, company);
        var second = await data.ChecklistAsync("B", ChecklistUsage.Occurrence, company);
        var design = await data.Design.OpenAsync(data.Admin, second);
        ChecklistTestData.Ok(await data.Design.AddRootAsync(data.Admin, design, riscado.Id));
        ChecklistTestData.Ok(await data.Design.AddRootAsync(data.Admin, design, riscado.Id)); // twice in one checklist counts once

        var page = await data.Questions.ListAsync(data.Admin, new QuestionQuery { Search = "pergunta", Skip = 10, Take = 5 });
        Assert.Equal(12, page.TotalCount);
        Assert.Equal(["Pergunta 10", "Pergunta 11"], page.Items.Select(r => r.Text));
        var row = Assert.Single((await data.Questions.ListAsync(data.Admin, new QuestionQuery { Search = "riscado" })).Items);
        Assert.Equal(2, row.UsedInChecklists);
        Assert.Equal(AnswerKind.YesNo, row.Kind);
        Assert.Equal(0, (await data.Questions.ListAsync(data.Admin, new QuestionQuery { Search = "Pergunta 01" })).Items[0].UsedInChecklists);
        var texts = await data.Questions.ListAsync(data.Admin, new QuestionQuery { Kind = AnswerKind.Text, Take = 3 });
        Assert.Equal((3, 13), (texts.Items.Count, texts.TotalCount));
        Assert.Equal(15, (await data.Questions.ListLibraryAsync(data.Admin)).Count);
    }

    [Fact]
    public async Task GrouperAndChecklistTypeInUse_CannotBeDeleted()
    {
        var company = await t.CompanyAsync("01");
        var data = await ChecklistTestData.CreateAsync(t, company);
        await data.QuestionAsync("Texto", AnswerKind.Text);
        await data.ChecklistAsync("A", ChecklistUsage.Registration, company);
        var grouper = await data.GrouperAsync();
        var grouperUse = await Assert.ThrowsAsync<CatalogEntryInUseException>(() => t.Get<CatalogService<QuestionGrouper>>().DeleteAsync(data.Admin, grouper));
        Assert.Contains("1", grouperUse.Use);
        await Assert.ThrowsAsync<CatalogEntryInUseException>(async () =>
            await t.Get<CatalogService<ChecklistType>>().DeleteAsync(data.Admin, await data.TypeAsync(ChecklistUsage.Registration)));
    }

    [Fact]
    public async Task UsedInChecklists_CountsPublishedVersionsEvenAfterTheDraftDroppedTheQuestion()
    {
        var company = await t.CompanyAsync("01");
        var data = await ChecklistTestData.CreateAsync(t, company);
        var (id, _, _, descreva, _, _, nDescreva) = await data.DefectAsync("DEF", ChecklistUsage.Occurrence, company);
        var design = await data.Design.OpenAsync(data.Admin, id);
        await data.Checklists.PublishAsync(data.Admin, id, design.Version);
        design = await data.Design.OpenAsync(data.Admin, id);
        Assert.True((await data.Design.RemoveAsync(data.Admin, design, nDescreva)).Ok);
        Assert.Equal(1, (await data.Questions.GetAsync(data.Admin, descreva.Id)).UsedInChecklists);
        var other = await data.QuestionAsync("Nunca usada", AnswerKind.Text);
        Assert.Equal(0, other.UsedInChecklists);
    }
}
