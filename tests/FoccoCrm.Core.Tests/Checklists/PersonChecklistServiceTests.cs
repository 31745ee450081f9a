using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tests.Persons;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Tests.Checklists;

/// <summary>Person additional data (FERM0201): offered checklists, saving (engine-cleaned), versions kept, scope and SQL queries.</summary>
public sealed class PersonChecklistServiceTests : DbTest
{
    private PersonChecklistService Service => t.Get<PersonChecklistService>();

    private sealed record Setup(ChecklistTestData Data, int Company, int ChecklistId, QuestionDetail Riscado, QuestionDetail Onde,
        Guid NRiscado, Guid NOnde, Guid NDescreva, int Person, CurrentUser Agent);

    private async Task<Setup> PublishedAsync()
    {
        var company = await t.CompanyAsync("01");
        var data = await ChecklistTestData.CreateAsync(t, company);
        var (id, riscado, onde, _, nRiscado, nOnde, nDescreva) = await data.DefectAsync("PERFIL", ChecklistUsage.Registration, company);
        await data.Checklists.PublishAsync(data.Admin, id, (await data.Checklists.GetAsync(data.Admin, id)).Version);
        var agent = await t.UserAsync("agent@x.test", Roles.Agent, company);
        var person = await t.Get<PersonService>().CreateAsync(agent, PersonServiceTests.Legal("Metal Sul Ltda.", 1));
        return new Setup(data, company, id, riscado, onde, nRiscado, nOnde, nDescreva, person, agent);
    }

    private static PersonChecklistSave Answers(PersonChecklistForm form, params ChecklistAnswer[] answers) =>
        new() { VersionId = form.VersionId, ExpectedResponseVersion = form.ResponseVersion, Answers = [.. answers] };

    [Fact]
    public async Task List_OffersActivePublishedRegistrationChecklistsOfTheCurrentCompanyOnly()
    {
        var s = await PublishedAsync();
        var other = await t.CompanyAsync("02");
        await s.Data.ChecklistAsync("DRAFT", ChecklistUsage.Registration, s.Company); // never published
        var (occurrence, _, _, _, _, _, _) = await s.Data.DefectAsync("OCOR", ChecklistUsage.Occurrence, s.Company);
        await s.Data.Checklists.PublishAsync(s.Data.Admin, occurrence, (await s.Data.Checklists.GetAsync(s.Data.Admin, occurrence)).Version);
        var elsewhere = await s.Data.ChecklistAsync("OUTRA", ChecklistUsage.Registration);
        _ = other;
        _ = elsewhere;

        var rows = await Service.ListAsync(s.Agent, s.Person);
        var row = Assert.Single(rows);
        Assert.Equal(("PERFIL", 1, false), (row.Code, row.LatestVersionNumber, row.IsFilled));

        await s.Data.Checklists.DeactivateAsync(s.Data.Admin, s.ChecklistId);
        Assert.Empty(await Service.ListAsync(s.Agent, s.Person));
    }

    [Fact]
    public async Task Save_DropsAnswersOfHiddenNodes_AndStoresTextSnapshots()
    {
        var s = await PublishedAsync();
        var form = await Service.GetAsync(s.Agent, s.Person, s.ChecklistId);
        Assert.Null(form.ResponseId);
        Assert.False(form.ReadOnly);
        var id = await Service.SaveAsync(s.Agent, s.Person, s.ChecklistId, Answers(form,
            ChecklistAnswer.Options(s.NRiscado, ChecklistTestData.Opt(s.Riscado, "Não")),
            ChecklistAnswer.Options(s.NOnde, ChecklistTestData.Opt(s.Onde, "Ponta")), // hidden: riscado = Não
            ChecklistAnswer.OfText(s.NDescreva, "tinta falhando")));

        await using var db = await t.DbAsync();
        var rows = await db.ChecklistResponseAnswers.Where(a => a.ResponseId == id).ToListAsync();
        var row = Assert.Single(rows);
        Assert.Equal(("Produto está riscado?", "Não"), (row.QuestionText, row.OptionText));
        var list = Assert.Single(await Service.ListAsync(s.Agent, s.Person));
        Assert.Equal((true, 1, 1), (list.IsFilled, list.ResponseVersionNumber, list.AnswerCount));
    }

    [Fact]
    public async Task Save_MissingRequiredOrInvalidAnswers_IsRefusedPerNode_AndNothingIsSaved()
    {
        var s = await PublishedAsync();
        var form = await Service.GetAsync(s.Agent, s.Person, s.ChecklistId);
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Service.SaveAsync(s.Agent, s.Person, s.ChecklistId, Answers(form,
            ChecklistAnswer.Options(s.NRiscado, ChecklistTestData.Opt(s.Riscado, "Sim")))));
        var failure = Assert.Single(ex.Errors);
        Assert.Equal(s.NOnde.ToString(), failure.PropertyName);
        Assert.Equal(ChecklistMessages.AnswerRequired, failure.ErrorMessage);

        var wrong = await Assert.ThrowsAsync<ValidationException>(() => Service.SaveAsync(s.Agent, s.Person, s.ChecklistId, Answers(form,
            ChecklistAnswer.Options(s.NRiscado, ChecklistTestData.Opt(s.Onde, "Corpo")))));
        Assert.Equal(ChecklistMessages.AnswerUnknownOption, Assert.Single(wrong.Errors).ErrorMessage);
        await using var db = await t.DbAsync();
        Assert.False(await db.ChecklistResponses.AnyAsync());
    }

    [Fact]
    public async Task Response_KeepsItsVersionAndTexts_AfterTheChecklistAndTheQuestionChange_UntilMovedToTheLatest()
    {
        var s = await PublishedAsync();
        var form = await Service.GetAsync(s.Agent, s.Person, s.ChecklistId);
        await Service.SaveAsync(s.Agent, s.Person, s.ChecklistId, Answers(form,
            ChecklistAnswer.Options(s.NRiscado, ChecklistTestData.Opt(s.Riscado, "Sim")), ChecklistAnswer.Options(s.NOnde, ChecklistTestData.Opt(s.Onde, "Corpo"))));

        // the bank question and the design change, and a version 2 is published
        var onde = await s.Data.Questions.GetAsync(s.Data.Admin, s.Onde.Id);
        var input = onde.ToInput() with { Text = "Em que parte?" };
        input.Options[0].Text = "Corpo da caneta";
        await s.Data.Questions.UpdateAsync(s.Data.Admin, onde.Id, input, onde.Version);
        var design = await s.Data.Design.OpenAsync(s.Data.Admin, s.ChecklistId);
        await s.Data.Design.SetRequiredAsync(s.Data.Admin, design, s.NOnde, false);
        await s.Data.Checklists.PublishAsync(s.Data.Admin, s.ChecklistId, design.Version);

        var kept = await Service.GetAsync(s.Agent, s.Person, s.ChecklistId);
        Assert.Equal((1, 2, true), (kept.VersionNumber, kept.LatestVersionNumber, kept.IsOnOlderVersion));
        Assert.Equal("Onde está o risco?", kept.Definition.Find(s.NOnde)!.Question.Text);
        Assert.Equal(2, kept.Answers.Count);
        await using (var db = await t.DbAsync())
            Assert.Equal("Corpo", (await db.ChecklistResponseAnswers.SingleAsync(a => a.NodeId == s.NOnde)).OptionText);

        // editing keeps version 1
        await Service.SaveAsync(s.Agent, s.Person, s.ChecklistId, Answers(kept,
            ChecklistAnswer.Options(s.NRiscado, ChecklistTestData.Opt(s.Riscado, "Sim")), ChecklistAnswer.Options(s.NOnde, ChecklistTestData.Opt(s.Onde, "Tampa"))));
        Assert.Equal(1, (await Service.GetAsync(s.Agent, s.Person, s.ChecklistId)).VersionNumber);

        // moving to the latest carries the answers over by node
        var moved = await Service.GetAsync(s.Agent, s.Person, s.ChecklistId, moveToLatest: true);
        Assert.Equal(2, moved.VersionNumber);
        Assert.Equal("Em que parte?", moved.Definition.Find(s.NOnde)!.Question.Text);
        await Service.SaveAsync(s.Agent, s.Person, s.ChecklistId, Answers(moved, [.. moved.Answers]));
        var now = await Service.GetAsync(s.Agent, s.Person, s.ChecklistId);
        Assert.Equal(2, now.VersionNumber);
        await using (var db = await t.DbAsync())
            Assert.Equal("Em que parte?", (await db.ChecklistResponseAnswers.SingleAsync(a => a.NodeId == s.NOnde)).QuestionText);
        Assert.Equal(2, Assert.Single(await Service.ListResponsesAsync(s.Agent, s.Person)).VersionNumber);
    }

    [Fact]
    public async Task Save_OnAVersionThatIsNeitherTheResponsesNorTheLatest_IsRefused()
    {
        var s = await PublishedAsync();
        var v1 = await Service.GetAsync(s.Agent, s.Person, s.ChecklistId);
        await s.Data.Checklists.PublishAsync(s.Data.Admin, s.ChecklistId, (await s.Data.Checklists.GetAsync(s.Data.Admin, s.ChecklistId)).Version);
        // a first fill must use the latest version
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.SaveAsync(s.Agent, s.Person, s.ChecklistId, Answers(v1,
            ChecklistAnswer.Options(s.NRiscado, ChecklistTestData.Opt(s.Riscado, "Não")))));
    }

    [Fact]
    public async Task Representative_ReadsOnlyTheirCustomers_AndCannotSave()
    {
        var s = await PublishedAsync();
        var persons = t.Get<PersonService>();
        var rep = await persons.CreateAsync(s.Agent, PersonServiceTests.Legal("Rep Ltda.", 2, PersonRoles.Representative));
        var other = await persons.CreateAsync(s.Agent, PersonServiceTests.Legal("Outro Ltda.", 3));
        var manager = await t.UserAsync("manager@x.test", Roles.Manager, s.Company);
        await persons.AssignAsync(manager, s.Company, s.Person, rep);
        var representative = await t.UserAsync("rep@x.test", Roles.Representative, s.Company);
        await t.LinkPersonAsync(representative.Id, rep);

        var form = await Service.GetAsync(s.Agent, s.Person, s.ChecklistId);
        await Service.SaveAsync(s.Agent, s.Person, s.ChecklistId, Answers(form, ChecklistAnswer.Options(s.NRiscado, ChecklistTestData.Opt(s.Riscado, "Não"))));

        var seen = await Service.GetAsync(representative, s.Person, s.ChecklistId);
        Assert.True(seen.ReadOnly);
        Assert.Single(seen.Answers);
        Assert.Single(await Service.ListAsync(representative, s.Person));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.SaveAsync(representative, s.Person, s.ChecklistId, Answers(seen, [.. seen.Answers])));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAsync(representative, other, s.ChecklistId));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.ListAsync(representative, other));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.ListResponsesAsync(representative, other));
    }

    [Fact]
    public async Task Answers_AreQueryableInSql_PersonsWhoseAnswerToQuestionQIsOptionA()
    {
        var s = await PublishedAsync();
        var persons = t.Get<PersonService>();
        var sim = ChecklistTestData.Opt(s.Riscado, "Sim");
        var nao = ChecklistTestData.Opt(s.Riscado, "Não");
        var expected = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            var p = i == 0 ? s.Person : await persons.CreateAsync(s.Agent, PersonServiceTests.Legal("Cliente " + i, 10 + i));
            var form = await Service.GetAsync(s.Agent, p, s.ChecklistId);
            var yes = i % 2 == 0;
            await Service.SaveAsync(s.Agent, p, s.ChecklistId, yes
                ? Answers(form, ChecklistAnswer.Options(s.NRiscado, sim), ChecklistAnswer.Options(s.NOnde, ChecklistTestData.Opt(s.Onde, "Corpo")))
                : Answers(form, ChecklistAnswer.Options(s.NRiscado, nao)));
            if (yes) expected.Add(p);
        }

        await using var db = await t.DbAsync();
        var query = PersonChecklistService.PersonsAnswering(db, s.Riscado.Id, sim);
        Assert.Contains("SELECT", query.ToQueryString()); // translated to SQL, not evaluated in memory
        Assert.Equal(expected.Order(), (await query.ToListAsync()).Order());
        var names = await db.Persons.Where(p => PersonChecklistService.PersonsAnswering(db, s.Onde.Id, ChecklistTestData.Opt(s.Onde, "Corpo")).Contains(p.Id))
            .OrderBy(p => p.Name).Select(p => p.Name).ToListAsync();
        Assert.Equal(3, names.Count);
    }

    [Fact]
    public async Task MovingToTheLatest_DropsAnswersWhoseOptionNoLongerExists()
    {
        var s = await PublishedAsync();
        var form = await Service.GetAsync(s.Agent, s.Person, s.ChecklistId);
        await Service.SaveAsync(s.Agent, s.Person, s.ChecklistId, Answers(form,
            ChecklistAnswer.Options(s.NRiscado, ChecklistTestData.Opt(s.Riscado, "Sim")), ChecklistAnswer.Options(s.NOnde, ChecklistTestData.Opt(s.Onde, "Tampa"))));
        var onde = await s.Data.Questions.GetAsync(s.Data.Admin, s.Onde.Id);
        var input = onde.ToInput();
        input.Options.RemoveAll(o => o.Text == "Tampa");
        await s.Data.Questions.UpdateAsync(s.Data.Admin, onde.Id, input, onde.Version);
        await s.Data.Checklists.PublishAsync(s.Data.Admin, s.ChecklistId, (await s.Data.Checklists.GetAsync(s.Data.Admin, s.ChecklistId)).Version);

        Assert.Equal(2, (await Service.GetAsync(s.Agent, s.Person, s.ChecklistId)).Answers.Count); // version 1 still has "Tampa"
        var moved = await Service.GetAsync(s.Agent, s.Person, s.ChecklistId, moveToLatest: true);
        Assert.Equal([s.NRiscado], moved.Answers.Select(a => a.NodeId));
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Service.SaveAsync(s.Agent, s.Person, s.ChecklistId, Answers(moved, [.. moved.Answers])));
        Assert.Equal(s.NOnde.ToString(), Assert.Single(ex.Errors).PropertyName); // "Onde" is required when visible
    }

    [Fact]
    public async Task TwoUsersSavingTheSameResponse_TheSecondIsAConflict()
    {
        var s = await PublishedAsync();
        var first = await Service.GetAsync(s.Agent, s.Person, s.ChecklistId);
        await Service.SaveAsync(s.Agent, s.Person, s.ChecklistId, Answers(first, ChecklistAnswer.Options(s.NRiscado, ChecklistTestData.Opt(s.Riscado, "Não"))));
        var mine = await Service.GetAsync(s.Agent, s.Person, s.ChecklistId);
        var theirs = await Service.GetAsync(s.Agent, s.Person, s.ChecklistId);
        await Service.SaveAsync(s.Agent, s.Person, s.ChecklistId, Answers(theirs,
            ChecklistAnswer.Options(s.NRiscado, ChecklistTestData.Opt(s.Riscado, "Sim")), ChecklistAnswer.Options(s.NOnde, ChecklistTestData.Opt(s.Onde, "Corpo"))));
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service.SaveAsync(s.Agent, s.Person, s.ChecklistId,
            Answers(mine, ChecklistAnswer.Options(s.NRiscado, ChecklistTestData.Opt(s.Riscado, "Não")))));
        Assert.Equal(2, Assert.IsType<PersonChecklistForm>(ex.Current).Answers.Count);
    }
}
