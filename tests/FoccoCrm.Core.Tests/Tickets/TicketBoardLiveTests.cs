using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Live;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tests.Persons;
using FoccoCrm.Core.Tickets;

namespace FoccoCrm.Core.Tests.Tickets;

/// <summary>
/// The live board places committed changes in memory (<see cref="TicketBoardModel.Apply"/> with the card read once by
/// <see cref="TicketBoardFeed"/>) instead of every board re-reading its columns: these tests hold that to what the database says.
/// </summary>
public sealed class TicketBoardLiveTests : DbTest
{
    private const int Take = 3;

    private sealed record Viewer(string Name, CurrentUser User, TicketBoardFilter Filter, TicketBoardGroupBy View)
    {
        public TicketBoardModel Model { get; set; } = default!;
        public TicketBoardScope Scope { get; set; } = default!;
        public int LateHours { get; set; }
        public int Reloads { get; set; }
    }

    [Fact]
    public async Task BoardsPlacingChangesInMemory_AgreeWithTheDatabase_AfterRandomChanges_ForEveryScopeFilterAndView()
    {
        var d = await new TicketTestData(t).SetUpAsync();
        await d.SetParameterAsync(ParameterDefinition.AgentsSeeOthersTickets, "N"); // agents: own + unassigned
        var persons = t.Get<PersonService>();
        var repPerson = await persons.CreateAsync(d.Admin, PersonServiceTests.Legal("Representações Sul", 777, PersonRoles.Representative));
        var rep = await t.UserAsync("rep@x.test", Roles.Representative, d.Company);
        await t.LinkPersonAsync(rep.Id, repPerson);
        await persons.AssignAsync(d.Admin, d.Company, d.C1, repPerson);

        var random = new Random(20261127);
        string?[] responsibles = [d.Ana.Id, d.Bia.Id, null];
        int[] customers = [d.C1, d.C2];
        for (var i = 0; i < 10; i++) await OpenRandomAsync();

        var viewers = new List<Viewer>();
        foreach (var view in Enum.GetValues<TicketBoardGroupBy>())
        {
            foreach (var (name, user) in new[] { ("admin", d.Admin), ("ana", d.Ana), ("rep", rep) })
            {
                viewers.Add(new Viewer(name, user, new TicketBoardFilter(), view));
                viewers.Add(new Viewer(name + "+closed", user, new TicketBoardFilter { IncludeClosed = true }, view));
            }
            viewers.Add(new Viewer("ana mine", d.Ana, new TicketBoardFilter { Mine = true }, view));
            viewers.Add(new Viewer("admin unassigned", d.Admin, new TicketBoardFilter { Unassigned = true }, view));
            viewers.Add(new Viewer("admin type2+high", d.Admin, new TicketBoardFilter { TypeId = d.Type2, Priority = TicketPriority.High }, view));
            viewers.Add(new Viewer("admin customer2", d.Admin, new TicketBoardFilter { CustomerId = d.C2, IncludeClosed = true }, view));
            viewers.Add(new Viewer("admin late", d.Admin, new TicketBoardFilter { LateOnly = true }, view));
            viewers.Add(new Viewer("admin text", d.Admin, new TicketBoardFilter { Text = "atrasado" }, view));
        }
        foreach (var v in viewers) await LoadAsync(v);

        var feed = t.Get<TicketBoardFeed>();
        var received = new List<TicketBoardChange>();
        using var subscription = feed.Subscribe(d.Company, c => { lock (received) received.Add(c); return Task.CompletedTask; });
        var applied = 0;

        for (var step = 0; step < 90; step++)
        {
            var expected = await ChangeRandomlyAsync();
            if (expected == 0) continue;
            await WaitForAsync(() => received.Count >= applied + expected);
            foreach (var change in received.Skip(applied).ToList())
                foreach (var v in viewers) await ApplyAsync(v, change);
            applied = received.Count;
            foreach (var v in viewers) await AssertAgreesAsync(v, step);
        }
        // Memory decided almost everything: only the text search and "late only" (for cards never shown) re-read.
        Assert.All(viewers.Where(v => v.Filter is { Text: null, LateOnly: false }), v => Assert.True(v.Reloads <= 2, $"{v.Name}: {v.Reloads} reloads"));
        Assert.Contains(viewers, v => v.Filter.Text is not null && v.Reloads > 0);
        Assert.True(applied >= 60, $"only {applied} changes");

        async Task<TicketRef> OpenRandomAsync() => await d.Service.CreateAsync(d.Admin, d.Company, d.Input(responsibles[random.Next(3)], customers[random.Next(2)]) with
        {
            Priority = (TicketPriority)random.Next(4),
            TypeId = random.Next(2) == 0 ? d.Type1 : d.Type2,
            ReasonId = d.Reason1,
        } is var input && input.TypeId == d.Type2 ? input with { ReasonId = d.Reason2 } : input);

        // One random change through the service; how many events it published.
        async Task<int> ChangeRandomlyAsync()
        {
            var list = await d.Service.ListAsync(d.Admin, d.Company, new TicketQuery { Take = 500 });
            var pick = list.Items[random.Next(list.Items.Count)];
            var version = (await d.Service.GetAsync(d.Admin, pick.Id)).Version;
            try
            {
                switch (random.Next(7))
                {
                    case 0: await OpenRandomAsync(); break;
                    case 1:
                        var to = (TicketStatus)random.Next(4);
                        if (to == pick.Status) return 0;
                        await d.Service.MoveAsync(d.Admin, pick.Id, to, version, "motivo");
                        break;
                    case 2:
                        var who = responsibles[random.Next(3)];
                        if (who == pick.ResponsibleId) return 0;
                        await d.Service.AssignAsync(d.Admin, pick.Id, who, version);
                        break;
                    case 3:
                        var detail = await d.Service.GetAsync(d.Admin, pick.Id);
                        var type2 = random.Next(2) == 0;
                        await d.Service.UpdateAsync(d.Admin, pick.Id, detail.ToInput() with
                        {
                            Priority = (TicketPriority)random.Next(4), CustomerId = customers[random.Next(2)],
                            TypeId = type2 ? d.Type2 : d.Type1, ReasonId = type2 ? d.Reason2 : d.Reason1, ContactId = null,
                        }, version);
                        break;
                    case 4:
                        // A task due long ago makes the ticket late (parameter 09 = 0 h); marking one done may make it on time.
                        await d.Service.AddTaskAsync(d.Admin, pick.Id, new TicketTaskInput
                        {
                            DueAtUtc = t.Clock.GetUtcNow().UtcDateTime.AddHours(random.Next(2) == 0 ? -5 : 5), ResponsibleId = d.Ana.Id, Description = "Ligar",
                        });
                        break;
                    default:
                        var which = responsibles[random.Next(3)];
                        if (which == pick.ResponsibleId) return 0;
                        await d.Service.AssignAsync(d.Admin, pick.Id, which, version);
                        break;
                }
                return 1;
            }
            catch (Exception ex) when (ex is BusinessRuleException or FluentValidation.ValidationException)
            {
                return 0; // a move the rules refuse (cancel a closed ticket, edit a closed one): nothing published
            }
        }
    }

    [Fact]
    public async Task TheFeedReadsAChangedCardOnceForAllBoards_InOrder_AndStopsDeliveringWhenDisposed()
    {
        var d = await new TicketTestData(t).SetUpAsync();
        var feed = t.Get<TicketBoardFeed>();
        var a = new List<TicketBoardChange>();
        var b = new List<TicketBoardChange>();
        var sa = feed.Subscribe(d.Company, c => { lock (a) a.Add(c); return Task.CompletedTask; });
        using var sb = feed.Subscribe(d.Company, c => { lock (b) b.Add(c); return Task.CompletedTask; });
        Assert.Equal(2, feed.SubscriberCount(d.Company));

        var ticket = await d.OpenAsync(d.Admin, d.Ana.Id);
        var v2 = await d.Service.MoveAsync(d.Admin, ticket.Id, TicketStatus.InExecution, ticket.Version);
        await d.Service.AssignAsync(d.Admin, ticket.Id, d.Bia.Id, v2);
        await WaitForAsync(() => a.Count == 3 && b.Count == 3);

        Assert.Equal([TicketEvents.Created, TicketEvents.Moved, TicketEvents.Assigned], a.Select(c => c.Change.Kind));
        Assert.Same(a[2].Card, b[2].Card); // one read, the same card for every board
        Assert.Null(a[0].Before); // a new ticket was nowhere
        Assert.Equal(new TicketBoardKey(TicketStatus.Opened, d.Ana.Id, TicketPriority.Normal, d.Type1, d.C1), a[1].Before);
        Assert.Equal(new TicketBoardKey(TicketStatus.InExecution, d.Ana.Id, TicketPriority.Normal, d.Type1, d.C1), a[2].Before);
        Assert.Equal((TicketStatus.InExecution, d.Bia.Id), (a[2].Card!.Status, a[2].Card!.ResponsibleId));

        sa.Dispose();
        Assert.Equal(1, feed.SubscriberCount(d.Company));
        var latest = await d.Service.GetAsync(d.Admin, ticket.Id);
        await d.Service.AssignAsync(d.Admin, ticket.Id, null, latest.Version);
        await WaitForAsync(() => b.Count == 4);
        Assert.Equal(3, a.Count);
    }

    /// <summary>
    /// Many boards: the feed delivers in one slice per core and each slice steps back into the thread pool's queue every
    /// few boards; still every board receives every change exactly once and in commit order (a change never overtakes the
    /// previous one on any board). On a database file with a connection per context, as in production: the feed reads a
    /// card while the next change is being saved (the in-memory test database shares one connection, which cannot).
    /// </summary>
    [Fact]
    public async Task ManyBoards_InSlicesAndChunks_EachReceiveEveryChangeOnce_InCommitOrder()
    {
        var onFile = new TestDb(onFile: true);
        await onFile.InitializeAsync();
        var d = await new TicketTestData(onFile).SetUpAsync();
        var feed = onFile.Get<TicketBoardFeed>();
        const int boards = 150;
        var received = Enumerable.Range(0, boards).Select(_ => new List<string>()).ToArray();
        var subscriptions = Enumerable.Range(0, boards).Select(i => feed.Subscribe(d.Company, c =>
        {
            lock (received[i]) received[i].Add(c.Change.Kind + ":" + c.Card?.Version);
            return Task.CompletedTask;
        })).ToList();
        try
        {
            var ticket = await d.OpenAsync(d.Admin, d.Ana.Id);
            var v2 = await d.Service.MoveAsync(d.Admin, ticket.Id, TicketStatus.InExecution, ticket.Version);
            var v3 = await d.Service.AssignAsync(d.Admin, ticket.Id, d.Bia.Id, v2);
            var v4 = await d.Service.MoveAsync(d.Admin, ticket.Id, TicketStatus.Opened, v3);
            await WaitForAsync(() => received.All(r => { lock (r) return r.Count >= 4; }));
            await Task.Delay(50); // nothing more arrives

            var expectedKinds = new[] { TicketEvents.Created, TicketEvents.Moved, TicketEvents.Assigned, TicketEvents.Moved };
            var first = received[0];
            foreach (var board in received)
            {
                lock (board)
                {
                    Assert.Equal(expectedKinds, board.Select(r => r.Split(':')[0]));
                    Assert.Equal(first, board); // the same shared change, in the same order, on every board
                }
            }
            Assert.EndsWith(":" + v4, first[3]); // the last change carries the card as it is now
        }
        finally
        {
            subscriptions.ForEach(s => s.Dispose());
            await onFile.DisposeAsync();
        }
    }

    [Fact]
    public async Task ScopeInMemory_AgreesWithTheSqlVisibility()
    {
        var d = await new TicketTestData(t).SetUpAsync();
        await d.SetParameterAsync(ParameterDefinition.AgentsSeeOthersTickets, "N");
        foreach (var r in new[] { d.Ana.Id, d.Bia.Id, null })
            foreach (var c in new[] { d.C1, d.C2 })
                await d.OpenAsync(d.Admin, r, c);
        foreach (var user in new[] { d.Admin, d.Manager, d.Ana, d.Bia })
        {
            var scope = await d.Service.BoardScopeAsync(user, d.Company);
            var all = await d.Service.BoardAsync(d.Admin, d.Company, new TicketBoardFilter(), TicketBoardGroupBy.Status);
            var seen = (await d.Service.BoardAsync(user, d.Company, new TicketBoardFilter(), TicketBoardGroupBy.Status)).Columns.SelectMany(c => c.Cards).Select(c => c.Id);
            Assert.Equal(seen.Order(), all.Columns.SelectMany(c => c.Cards).Where(c => scope.Admits(c.Key)).Select(c => c.Id).Order());
        }
    }

    private async Task LoadAsync(Viewer v)
    {
        var service = t.Get<TicketService>();
        var board = await service.BoardAsync(v.User, CompanyOf(v), v.Filter, v.View, Take);
        v.Model = new TicketBoardModel(board.GroupBy, board.Columns);
        v.Scope = await service.BoardScopeAsync(v.User, CompanyOf(v));
        v.LateHours = board.LateAfterHours;
    }

    private static int CompanyOf(Viewer v) => v.User.CompanyIds.First();

    private async Task ApplyAsync(Viewer v, TicketBoardChange change)
    {
        var loaded = v.Model.Card(change.Change.EntityId);
        var result = v.Model.Apply(change, v.Scope, v.Filter, v.User.Id, v.LateHours, t.Clock.GetUtcNow().UtcDateTime);
        switch (result.Kind)
        {
            case TicketBoardApplyKind.ReloadBoard:
                v.Reloads++;
                await LoadAsync(v);
                break;
            case TicketBoardApplyKind.ReloadColumns:
                v.Reloads++;
                foreach (var key in new[] { loaded is null ? null : v.Model.KeyOf(loaded), result.FromKey, result.ToKey }.OfType<string>().Distinct())
                {
                    var i = v.Model.IndexOf(key);
                    if (i < 0) continue;
                    var take = Math.Max(Take, v.Model.Columns[i].Cards.Count);
                    var board = await t.Get<TicketService>().BoardAsync(v.User, CompanyOf(v), v.Filter, v.View, take, column: key);
                    v.Model.Replace(board.Columns[0]);
                }
                break;
        }
    }

    private async Task AssertAgreesAsync(Viewer v, int step)
    {
        var fresh = await t.Get<TicketService>().BoardAsync(v.User, CompanyOf(v), v.Filter, v.View, 500);
        Assert.Equal(fresh.Columns.Select(c => c.Key), v.Model.Columns.Select(c => c.Key));
        foreach (var (mine, db) in v.Model.Columns.Zip(fresh.Columns))
        {
            var where = $"step {step}, {v.Name} by {v.View}, column {mine.Key}";
            Assert.True((db.Total, db.Count) == (mine.Total, mine.Count), $"{where}: counts {mine.Total}/{mine.Count}, database {db.Total}/{db.Count}");
            // The cards shown are the first ones of the column in the database's order (load more goes on from there).
            var shown = mine.Cards.Select(c => (c.Id, c.Version, c.IsLate)).ToList();
            Assert.True(shown.SequenceEqual(db.Cards.Take(shown.Count).Select(c => (c.Id, c.Version, c.IsLate))),
                $"{where}: shows {string.Join(",", shown.Select(s => s.Id))}, database starts {string.Join(",", db.Cards.Take(shown.Count + 2).Select(c => c.Id))}");
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition(), "the board feed did not deliver in time");
    }
}
