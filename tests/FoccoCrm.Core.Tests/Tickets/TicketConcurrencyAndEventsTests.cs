using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Live;
using FoccoCrm.Core.Notifications;
using FoccoCrm.Core.Tickets;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Tests.Tickets;

public sealed class TicketConcurrencyAndEventsTests : DbTest
{
    private async Task<TicketTestData> DataAsync() => await new TicketTestData(t).SetUpAsync();

    [Fact]
    public async Task Update_WithAStaleVersion_ThrowsAConflictNamingWhoChangedItAndCarryingTheirs()
    {
        var d = await DataAsync();
        var r = await d.OpenAsync();
        t.Clock.Advance(TimeSpan.FromMinutes(5));
        await d.Service.UpdateAsync(d.Bia, r.Id, d.Input() with { Situation = "Versão da Bia" }, r.Version);
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            d.Service.UpdateAsync(d.Ana, r.Id, d.Input() with { Situation = "Versão da Ana" }, r.Version));
        var theirs = Assert.IsType<TicketDetail>(ex.Current);
        Assert.Equal("Versão da Bia", theirs.Situation);
        Assert.Equal("bia", theirs.UpdatedByName);
        Assert.Contains("bia", ex.Message);
        Assert.Contains(r.Number.ToString(), ex.Message);
        Assert.Equal("Versão da Bia", (await d.Service.GetAsync(d.Ana, r.Id)).Situation);
    }

    [Fact]
    public async Task Move_AndAssign_WithAStaleVersion_AreRejectedAndChangeNothing()
    {
        var d = await DataAsync();
        var r = await d.OpenAsync();
        await d.Service.MoveAsync(d.Bia, r.Id, TicketStatus.InExecution, r.Version);
        var move = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => d.Service.MoveAsync(d.Ana, r.Id, TicketStatus.Closed, r.Version, "x"));
        Assert.Equal(TicketStatus.InExecution, Assert.IsType<TicketDetail>(move.Current).Status);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => d.Service.AssignAsync(d.Ana, r.Id, d.Bia.Id, r.Version));
        var now = await d.Service.GetAsync(d.Ana, r.Id);
        Assert.Equal(TicketStatus.InExecution, now.Status);
        Assert.Equal(d.Ana.Id, now.ResponsibleId);
    }

    [Fact]
    public async Task Save_ThatLosesTheRaceInTheDatabase_IsAConflictToo()
    {
        // The version check before saving passes; someone commits in between; the concurrency token catches it.
        var d = await DataAsync();
        var r = await d.OpenAsync();
        await using (var db = await t.DbAsync())
            await db.Tickets.Where(x => x.Id == r.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, Guid.NewGuid()));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => d.Service.MoveAsync(d.Ana, r.Id, TicketStatus.InExecution, r.Version));
    }

    [Fact]
    public async Task EveryCommittedChange_IsPublishedOnTheCompanyTicketTopic_WithStatusResponsibleAndVersion()
    {
        var d = await DataAsync();
        var r = await d.OpenAsync();
        var v = await d.Service.MoveAsync(d.Ana, r.Id, TicketStatus.InExecution, r.Version);
        v = await d.Service.AssignAsync(d.Ana, r.Id, d.Bia.Id, v);
        v = await d.Service.UpdateAsync(d.Bia, r.Id, d.Input(d.Bia.Id) with { Priority = TicketPriority.High }, v);
        Assert.Equal([TicketEvents.Created, TicketEvents.Moved, TicketEvents.Assigned, TicketEvents.Updated], d.Events.Select(e => e.Kind));
        var last = d.Events[^1];
        Assert.Equal(r.Id, last.EntityId);
        Assert.Equal("InExecution", last.Data![TicketEvents.DataStatus]);
        Assert.Equal(d.Bia.Id, last.Data[TicketEvents.DataResponsibleId]);
        Assert.Equal(v.ToString(), last.Data[TicketEvents.DataVersion]);
        Assert.Equal("bia", last.Data[TicketEvents.DataActorName]);
        Assert.Equal(d.Bia.Id, last.ActorUserId);
    }

    [Fact]
    public async Task AnEventIsPublishedOnlyAfterTheCommit_AndNeverForARejectedChange()
    {
        var d = await DataAsync();
        var r = await d.OpenAsync();
        // The subscriber reads the database when the event arrives: the change must already be committed.
        TicketStatus? seen = null;
        using var sub = t.Get<IChangeFeed>().Subscribe(LiveTopics.Tickets(d.Company), async c =>
        {
            await using var db = await t.DbAsync();
            seen = await db.Tickets.Where(x => x.Id == c.EntityId).Select(x => x.Status).FirstAsync();
        });
        await d.Service.MoveAsync(d.Ana, r.Id, TicketStatus.InExecution, r.Version);
        Assert.Equal(TicketStatus.InExecution, seen);
        var count = d.Events.Count;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => d.Service.MoveAsync(d.Ana, r.Id, TicketStatus.Opened, r.Version));
        var current = (await d.Service.GetAsync(d.Ana, r.Id)).Version;
        await Assert.ThrowsAsync<BusinessRuleException>(() => d.Service.CancelAsync(d.Ana, r.Id, "", current));
        Assert.Equal(count, d.Events.Count);
    }

    [Fact]
    public async Task Assign_NotifiesTheNewResponsibleInTheirLanguage_ButNotWhenAssigningToYourself()
    {
        var d = await DataAsync();
        await using (var db = await t.DbAsync())
            await db.Users.Where(u => u.Id == d.Bia.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, "en-US"));
        var r = await d.OpenAsync(d.Ana, d.Ana.Id);
        var userEvents = new List<LiveChange>();
        using var sub = t.Get<IChangeFeed>().Subscribe(LiveTopics.User(d.Bia.Id), c => { userEvents.Add(c); return Task.CompletedTask; });
        var v = await d.Service.AssignAsync(d.Ana, r.Id, d.Bia.Id, r.Version);
        var bell = await t.Get<NotificationService>().ListAsync(d.Bia);
        var n = Assert.Single(bell);
        Assert.Equal($"Ticket {r.Number} assigned to you by ana", n.Title);
        Assert.Equal($"/tickets/{r.Id}", n.Link);
        Assert.Single(userEvents, e => e.Kind == NotificationService.LiveKind);

        await d.Service.AssignAsync(d.Ana, r.Id, d.Ana.Id, v);
        Assert.Empty(await t.Get<NotificationService>().ListAsync(d.Ana));
    }

    [Fact]
    public async Task Create_ForAnotherResponsible_NotifiesThem()
    {
        var d = await DataAsync();
        var r = await d.OpenAsync(d.Ana, d.Bia.Id);
        var n = Assert.Single(await t.Get<NotificationService>().ListAsync(d.Bia));
        Assert.Equal($"/tickets/{r.Id}", n.Link);
        Assert.Contains(r.Number.ToString(), n.Title);
    }

    [Fact]
    public async Task Assign_ToARepresentative_IsRejected()
    {
        var d = await DataAsync();
        var rep = await t.UserAsync("rep@x.test", Roles.Representative, d.Company);
        var r = await d.OpenAsync();
        await Assert.ThrowsAsync<BusinessRuleException>(() => d.Service.AssignAsync(d.Ana, r.Id, rep.Id, r.Version));
    }
}
