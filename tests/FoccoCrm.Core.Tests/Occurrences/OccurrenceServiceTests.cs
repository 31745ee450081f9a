using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Live;
using FoccoCrm.Core.Notifications;
using FoccoCrm.Core.Occurrences;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tests.Persons;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Tests.Occurrences;

/// <summary>FERM0200: lifecycle, validation, history, permissions and forwarding.</summary>
public sealed class OccurrenceServiceTests : DbTest
{
    private OccurrenceService Service => t.Get<OccurrenceService>();

    [Fact]
    public async Task Create_NumbersAreSequentialPerCompany_AndTheCreationIsInTheHistory()
    {
        var a = await OccurrenceTestData.CreateAsync(t, "01");
        var b = await OccurrenceTestData.CreateAsync(t, "02");

        var first = await Service.CreateAsync(a.Agent1, a.Input());
        var second = await Service.CreateAsync(a.Agent1, a.Input());
        var otherCompany = await Service.CreateAsync(b.Agent1, b.Input());

        Assert.Equal(1, (await Service.GetAsync(a.Agent1, first)).Row.Number);
        Assert.Equal(2, (await Service.GetAsync(a.Agent1, second)).Row.Number);
        var detail = await Service.GetAsync(b.Agent1, otherCompany);
        Assert.Equal(1, detail.Row.Number);
        Assert.Equal(OccurrenceStatus.Open, detail.Row.Status);
        Assert.Equal(b.Agent1.Id, detail.Row.ResponsibleUserId); // the creator by default
        var created = Assert.Single(detail.History);
        Assert.Equal((OccurrenceFields.Created, "1", b.Agent1.FullName), (created.Field, created.ToValue, created.UserName));
    }

    [Fact]
    public async Task Create_ReasonOfAnotherType_IsRefused()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        var otherType = await t.Get<CatalogService<OccurrenceType>>().CreateAsync(d.Admin,
            new CatalogEntryInput { Kind = CatalogKind.OccurrenceType, Code = 99, Description = "Prorrogação" });
        var ex = await Assert.ThrowsAsync<BusinessRuleException>(() => Service.CreateAsync(d.Agent1, d.Input() with { TypeId = otherType }));
        Assert.Contains("Produto com defeito", ex.Message);
        await using var db = await t.DbAsync();
        Assert.Equal(0, await db.Occurrences.CountAsync());
    }

    [Fact]
    public async Task Create_InactiveTypeOrReason_IsRefused()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        await t.Get<CatalogService<OccurrenceReason>>().DeactivateAsync(d.Admin, d.ReasonId);
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.CreateAsync(d.Agent1, d.Input()));
        await Service.CreateAsync(d.Agent1, d.Input() with { ReasonId = d.OtherReasonId });
        await t.Get<CatalogService<OccurrenceType>>().DeactivateAsync(d.Admin, d.TypeId);
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.CreateAsync(d.Agent1, d.Input() with { ReasonId = d.OtherReasonId }));
    }

    [Fact]
    public async Task Create_BadInput_GivesFieldMessages()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Service.CreateAsync(d.Agent1,
            d.Input("") with { TypeId = null, PersonId = 0, OccurredAtUtc = default }));
        var fields = ex.Errors.Select(e => e.PropertyName).ToHashSet();
        Assert.Superset(new HashSet<string> { "Description", "TypeId", "PersonId", "OccurredAtUtc" }, fields);
    }

    [Fact]
    public async Task Create_ContactOfAnotherPerson_IsRefused()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        var other = await t.Get<PersonService>().CreateAsync(d.Agent1, PersonServiceTests.Legal("Outra Ltda.", 777));
        var contactType = await t.Get<CatalogService<ContactType>>().CreateAsync(d.Admin, new CatalogEntryInput { Kind = CatalogKind.ContactType, Code = 1, Description = "Compras" });
        var contact = await t.Get<ContactService>().CreateAsync(d.Agent1, other, new ContactInput { Name = "Paulo", ContactTypeId = contactType });
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Service.CreateAsync(d.Agent1, d.Input() with { ContactId = contact }));
        Assert.Equal("ContactId", Assert.Single(ex.Errors).PropertyName);
    }

    [Fact]
    public async Task Create_ResponsibleOutsideTheCompany_IsRefused()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        var outsider = await t.UserAsync("fora@x.test", Roles.Agent, await t.CompanyAsync("09"));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.CreateAsync(d.Agent1, d.Input() with { ResponsibleUserId = outsider.Id }));
    }

    [Fact]
    public async Task Update_WritesOneHistoryRowPerChangedField_AndStaleVersionsConflict()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        var id = await Service.CreateAsync(d.Agent1, d.Input());
        var read = await Service.GetAsync(d.Agent1, id);

        await Service.UpdateAsync(d.Agent1, id, read.ToInput() with { ReasonId = d.OtherReasonId, Description = "Caneta vaza tinta" }, read.Version);

        var after = await Service.GetAsync(d.Agent1, id);
        Assert.Equal("Caneta vaza tinta", after.Row.Description);
        var changes = after.History.Where(h => h.Field != OccurrenceFields.Created).OrderBy(h => h.Field).ToList();
        Assert.Equal(2, changes.Count);
        Assert.Equal((OccurrenceFields.Description, "Caneta não escreve", "Caneta vaza tinta"), (changes[0].Field, changes[0].FromValue, changes[0].ToValue));
        Assert.Equal((OccurrenceFields.Reason, "1 · Produto com defeito", "2 · Tamanho errado"), (changes[1].Field, changes[1].FromValue, changes[1].ToValue));

        var stale = Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Service.UpdateAsync(d.Manager, id, read.ToInput() with { Description = "outra" }, read.Version));
        var conflict = await stale;
        Assert.Equal("Caneta vaza tinta", Assert.IsType<OccurrenceDetail>(conflict.Current).Row.Description);
    }

    [Fact]
    public async Task Close_NeedsNotes_MakesItReadOnly_AndReopenAllowsEditsAgain()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        var id = await Service.CreateAsync(d.Agent1, d.Input());
        await Assert.ThrowsAsync<ValidationException>(() => Service.CloseAsync(d.Agent1, id, new OccurrenceCloseInput { Notes = " " }));

        t.Clock.Advance(TimeSpan.FromHours(2));
        await Service.CloseAsync(d.Agent1, id, new OccurrenceCloseInput { Notes = "Troca autorizada" });
        var closed = await Service.GetAsync(d.Agent1, id);
        Assert.Equal(OccurrenceStatus.Closed, closed.Row.Status);
        Assert.Equal(t.Clock.GetUtcNow().UtcDateTime, closed.Row.ClosedAtUtc);
        Assert.Equal("Troca autorizada", closed.ClosingNotes);
        Assert.False(closed.CanEdit);
        Assert.Contains(closed.History, h => h.Field == OccurrenceFields.Status && h.FromValue == "Open" && h.ToValue == "Closed");
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.UpdateAsync(d.Agent1, id, closed.ToInput() with { Description = "x" }, closed.Version));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.CloseAsync(d.Agent1, id, new OccurrenceCloseInput { Notes = "de novo" }));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.ForwardAsync(d.Agent1, id, new OccurrenceForwardInput { UserId = d.Agent2.Id }));

        await Service.ReopenAsync(d.Agent1, id);
        var reopened = await Service.GetAsync(d.Agent1, id);
        Assert.Equal((OccurrenceStatus.Open, (DateTime?)null, true), (reopened.Row.Status, reopened.Row.ClosedAtUtc, reopened.CanEdit));
    }

    [Fact]
    public async Task OnlyTheResponsibleManagersAndAdministrators_CloseOrForward_TheCreatorAlsoEdits()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        // agent1 registers for agent2: agent1 stays the creator, agent2 is the responsible
        var id = await Service.CreateAsync(d.Agent1, d.Input() with { ResponsibleUserId = d.Agent2.Id });
        var third = await t.UserAsync("agente3@x.test", Roles.Agent, d.Company);

        await Assert.ThrowsAsync<ForbiddenException>(() => Service.CloseAsync(d.Agent1, id, new OccurrenceCloseInput { Notes = "n" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.ForwardAsync(d.Agent1, id, new OccurrenceForwardInput { UserId = third.Id }));
        var read = await Service.GetAsync(third, id);
        Assert.Equal((false, false, false), (read.CanEdit, read.CanClose, read.CanForward));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.UpdateAsync(third, id, read.ToInput() with { Description = "x" }, read.Version));

        var asCreator = await Service.GetAsync(d.Agent1, id);
        Assert.Equal((true, false), (asCreator.CanEdit, asCreator.CanForward));
        await Service.UpdateAsync(d.Agent1, id, asCreator.ToInput() with { Description = "pelo criador" }, asCreator.Version);

        await Service.ForwardAsync(d.Manager, id, new OccurrenceForwardInput { UserId = third.Id });
        await Service.CloseAsync(third, id, new OccurrenceCloseInput { Notes = "ok" });
        await Service.ReopenAsync(d.Admin, id);
    }

    [Fact]
    public async Task CompanyIsolation_OtherCompaniesUsersNeitherSeeNorChange()
    {
        var a = await OccurrenceTestData.CreateAsync(t, "01");
        var b = await OccurrenceTestData.CreateAsync(t, "02");
        var id = await Service.CreateAsync(a.Agent1, a.Input());

        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAsync(b.Admin, id));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.CloseAsync(b.Admin, id, new OccurrenceCloseInput { Notes = "n" }));
        Assert.Equal(0, (await Service.QueryAsync(b.Admin, new OccurrenceQuery())).TotalCount);
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.CreateAsync(b.Agent1, a.Input()));
        Assert.Equal(0, (await Service.QueryAsync(b.Agent1, new OccurrenceQuery { CompanyId = a.Company })).TotalCount);
        Assert.Equal(1, (await Service.QueryAsync(a.Agent2, new OccurrenceQuery { CompanyId = a.Company })).TotalCount);
    }

    [Fact]
    public async Task Representatives_SeeAndRegisterOnlyForThePersonsTheyRepresent()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        var persons = t.Get<PersonService>();
        var repPerson = await persons.CreateAsync(d.Admin, PersonServiceTests.Individual("Rita Representante", 501, PersonRoles.Representative));
        var mine = await persons.CreateAsync(d.Admin, PersonServiceTests.Legal("Cliente da Rita Ltda.", 502));
        var notMine = await persons.CreateAsync(d.Admin, PersonServiceTests.Legal("Cliente de outro Ltda.", 503));
        await persons.AssignAsync(d.Admin, d.Company, mine, repPerson);
        var rep = await t.UserAsync("rita@x.test", Roles.Representative, d.Company);
        await t.LinkPersonAsync(rep.Id, repPerson);

        var onMine = await Service.CreateAsync(d.Agent1, d.Input() with { PersonId = mine });
        var onOther = await Service.CreateAsync(d.Agent1, d.Input() with { PersonId = notMine });

        var seen = await Service.QueryAsync(rep, new OccurrenceQuery());
        Assert.Equal([onMine], seen.Items.Select(r => r.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAsync(rep, onOther));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.CreateAsync(rep, d.Input() with { PersonId = notMine }));
        var own = await Service.CreateAsync(rep, d.Input() with { PersonId = mine });
        Assert.Equal(rep.Id, (await Service.GetAsync(rep, own)).Row.ResponsibleUserId);
        // a forward never hands a person's occurrence to a representative who does not represent them
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.ForwardAsync(d.Manager, onOther, new OccurrenceForwardInput { UserId = rep.Id }));
        await Service.ForwardAsync(d.Manager, onMine, new OccurrenceForwardInput { UserId = rep.Id });
    }

    [Fact]
    public async Task Forward_ChangesTheResponsible_WritesHistory_AndNotifiesTheTargetInTheirLanguage_Live()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        await t.Get<UserAccessService>().SetCultureAsync(d.Agent2.Id, "en-US");
        var id = await Service.CreateAsync(d.Agent1, d.Input());
        var feed = t.Get<IChangeFeed>();
        var bell = new List<LiveChange>();
        var board = new List<LiveChange>();
        using var s1 = feed.Subscribe(LiveTopics.User(d.Agent2.Id), c => { bell.Add(c); return Task.CompletedTask; });
        using var s2 = feed.Subscribe(LiveTopics.Occurrences(d.Company), c => { board.Add(c); return Task.CompletedTask; });

        await Service.ForwardAsync(d.Agent1, id, new OccurrenceForwardInput { UserId = d.Agent2.Id, Message = "Pode ligar para a cliente?" });

        var detail = await Service.GetAsync(d.Agent2, id);
        Assert.Equal(d.Agent2.Id, detail.Row.ResponsibleUserId);
        var forward = Assert.Single(detail.History, h => h.Field == OccurrenceFields.Forwarded);
        Assert.Equal((d.Agent1.FullName, $"{d.Agent2.FullName}: Pode ligar para a cliente?"), (forward.FromValue, forward.ToValue));
        var notification = Assert.Single(await t.Get<NotificationService>().ListAsync(d.Agent2));
        Assert.Equal($"{d.Agent1.FullName} forwarded occurrence 1 to you", notification.Title);
        Assert.Equal(("Pode ligar para a cliente?", $"/occurrences/{id}", OccurrenceService.NotificationKind),
            (notification.Body, notification.Link, notification.Kind));
        Assert.Equal(NotificationService.LiveKind, Assert.Single(bell).Kind);
        Assert.Equal("occurrence.forwarded", Assert.Single(board).Kind);
        // the previous responsible is still the creator: may edit, no longer forward
        var asAgent1 = await Service.GetAsync(d.Agent1, id);
        Assert.Equal((true, false), (asAgent1.CanEdit, asAgent1.CanForward));
    }

    [Fact]
    public async Task Forward_ToAUserOutsideTheCompany_OrInactive_OrTheSameResponsible_IsRefused_AndNothingIsWritten()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        var id = await Service.CreateAsync(d.Agent1, d.Input());
        var outsider = await t.UserAsync("fora@x.test", Roles.Agent, await t.CompanyAsync("09"));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.ForwardAsync(d.Admin, id, new OccurrenceForwardInput { UserId = outsider.Id }));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.ForwardAsync(d.Admin, id, new OccurrenceForwardInput { UserId = d.Agent1.Id }));
        await Assert.ThrowsAsync<ValidationException>(() => Service.ForwardAsync(d.Admin, id, new OccurrenceForwardInput { UserId = "" }));
        await using var db = await t.DbAsync();
        await db.Users.Where(u => u.Id == d.Agent2.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.ForwardAsync(d.Admin, id, new OccurrenceForwardInput { UserId = d.Agent2.Id }));
        Assert.Equal(0, await db.Notifications.CountAsync());
        Assert.Equal(d.Agent1.Id, (await Service.GetAsync(d.Admin, id)).Row.ResponsibleUserId);
    }

    [Fact]
    public async Task Query_FiltersByEveryCriterion_SortsAndPagesInSql()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        var supplier = await t.Get<PersonService>().CreateAsync(d.Agent1, PersonServiceTests.Legal("Fornecedora Alfa Ltda.", 900, PersonRoles.Supplier));
        var baseTime = new DateTime(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 6; i++)
            await Service.CreateAsync(d.Agent1, d.Input($"Ocorrência {i}") with
            {
                OccurredAtUtc = baseTime.AddDays(i), PersonId = i % 2 == 0 ? d.Consumer : supplier, ReasonId = i < 3 ? d.ReasonId : d.OtherReasonId,
                ResponsibleUserId = i == 5 ? d.Agent2.Id : null,
            });
        var closed = (await Service.QueryAsync(d.Agent1, new OccurrenceQuery { Text = "Ocorrência 1" })).Items.Single().Id;
        await Service.CloseAsync(d.Agent1, closed, new OccurrenceCloseInput { Notes = "resolvida" });

        async Task<int[]> Numbers(OccurrenceQuery q) => [.. (await Service.QueryAsync(d.Agent1, q)).Items.Select(r => r.Number)];

        Assert.Equal(new[] { 6, 5, 4, 3, 2, 1 }, await Numbers(new OccurrenceQuery()));
        Assert.Equal(new[] { 2 }, await Numbers(new OccurrenceQuery { Status = OccurrenceStatus.Closed }));
        Assert.Equal(new[] { 2, 4, 6 }, await Numbers(new OccurrenceQuery { PersonRole = PersonRoles.Supplier, Sort = OccurrenceSort.Number, Descending = false }));
        Assert.Equal(new[] { 2, 4, 6 }, await Numbers(new OccurrenceQuery { PersonId = supplier, Sort = OccurrenceSort.Number, Descending = false }));
        Assert.Equal(new[] { 6, 5, 4 }, await Numbers(new OccurrenceQuery { ReasonId = d.OtherReasonId }));
        Assert.Equal(new[] { 6 }, await Numbers(new OccurrenceQuery { ResponsibleUserId = d.Agent2.Id }));
        Assert.Equal(new[] { 2 }, await Numbers(new OccurrenceQuery { Text = "resolvida" }));
        Assert.Equal(new[] { 5, 4 }, await Numbers(new OccurrenceQuery { Text = "4" })); // number 4, and "Ocorrência 4" (number 5)
        Assert.Equal(new[] { 2, 4, 6 }, await Numbers(new OccurrenceQuery { Text = "alfa", Sort = OccurrenceSort.Number, Descending = false }));
        // period in the company's time zone (São Paulo, UTC-3): 21 to 22 Nov
        Assert.Equal(new[] { 3, 2 }, await Numbers(new OccurrenceQuery { From = new DateOnly(2026, 11, 21), To = new DateOnly(2026, 11, 22) }));
        var page = await Service.QueryAsync(d.Agent1, new OccurrenceQuery { Sort = OccurrenceSort.Number, Descending = false, Skip = 2, Take = 2 });
        Assert.Equal(6, page.TotalCount);
        Assert.Equal(new[] { 3, 4 }, page.Items.Select(r => r.Number));
        Assert.Equal(6, (await Service.QueryAsync(d.Agent1, new OccurrenceQuery { TypeId = d.TypeId, CompanyId = d.Company })).TotalCount);
    }

    [Fact]
    public async Task SavedQueries_ArePerUser_AndASameNameReplaces()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        await Service.SaveQueryAsync(d.Agent1, "Minhas abertas", "?status=Open&responsible=me");
        await Service.SaveQueryAsync(d.Agent1, "Minhas abertas", "status=Open");
        await Service.SaveQueryAsync(d.Agent2, "Da Joana", "text=Joana");
        var mine = Assert.Single(await Service.ListSavedQueriesAsync(d.Agent1));
        Assert.Equal(("Minhas abertas", "status=Open"), (mine.Name, mine.QueryString));
        await Service.DeleteSavedQueryAsync(d.Agent2, mine.Id); // not theirs: nothing happens
        Assert.Single(await Service.ListSavedQueriesAsync(d.Agent1));
        await Assert.ThrowsAsync<ValidationException>(() => Service.SaveQueryAsync(d.Agent1, "  ", "x=1"));
    }

    [Fact]
    public async Task TypesAndReasonsInUse_CannotBeDeleted()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        await Service.CreateAsync(d.Agent1, d.Input());
        await Assert.ThrowsAsync<CatalogEntryInUseException>(() => t.Get<CatalogService<OccurrenceReason>>().DeleteAsync(d.Admin, d.ReasonId));
        await t.Get<CatalogService<OccurrenceReason>>().DeleteAsync(d.Admin, d.OtherReasonId);
    }
}
