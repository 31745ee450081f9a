using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Selections;
using FoccoCrm.Core.Tests.Occurrences;
using FoccoCrm.Web.Features.Selections;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoccoCrm.Web.Tests.Selections;

/// <summary>A restart in the middle of "Gerar ocorrências para todos": the next start runs the run again, or says why it cannot.</summary>
public class SelectionRunResumerTests : ComponentTestBase
{
    protected override bool DatabaseOnFile => true; // runs go on in the background while the test reads

    private SelectionService Selections => Db.Get<SelectionService>();

    /// <summary>A run whose process stopped before committing: the row Running, nothing written.</summary>
    private async Task<Guid> InterruptedRunAsync(CurrentUser by, OccurrenceTestData d)
    {
        var runId = Guid.NewGuid();
        var definition = new SelectionDefinition
        {
            Root = new SelectionGroup { Children = [new SelectionCondition { Field = "person.state", Operator = SelectionOperator.Equals, Values = ["SC"] }] },
        };
        var input = new GenerateOccurrencesInput { TypeId = d.TypeId, ReasonId = d.ReasonId, Description = "Campanha " + by.FullName, OccurredAtUtc = Db.Clock.GetUtcNow().UtcDateTime };
        // run it, then take back what it wrote: what a process killed before its commit leaves
        await Selections.GenerateOccurrencesAsync(by, runId, definition, input, 2);
        await using var db = await Db.DbAsync();
        var ids = await db.SelectionRunOccurrences.Where(x => x.RunId == runId).Select(x => x.OccurrenceId).ToListAsync();
        await db.OccurrenceHistory.Where(h => ids.Contains(h.OccurrenceId)).ExecuteDeleteAsync();
        await db.Occurrences.Where(o => ids.Contains(o.Id)).ExecuteDeleteAsync(); // the links cascade
        await db.SelectionRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, SelectionRunStatus.Running));
        return runId;
    }

    [Fact]
    public async Task AtStartUp_AnInterruptedRunIsRunAgainByItsStarter_AndOneWhoseStarterLeftIsMarkedFailed()
    {
        var d = await OccurrenceTestData.CreateAsync(Db);
        await using (var db = await Db.DbAsync())
        {
            var now = Db.Clock.GetUtcNow().UtcDateTime;
            db.Persons.Add(Person.Create(new PersonInput { Name = "Cliente SC 1", Document = "1001", State = "SC" }, now));
            db.Persons.Add(Person.Create(new PersonInput { Name = "Cliente SC 2", Document = "1002", State = "SC" }, now));
            await db.SaveChangesAsync();
        }
        var orphan = await InterruptedRunAsync(d.Admin, d); // the older one: handled first
        Db.Clock.Advance(TimeSpan.FromMinutes(1));
        var resumable = await InterruptedRunAsync(d.Manager, d);
        await using (var db = await Db.DbAsync())
            await db.Users.Where(u => u.Id == d.Admin.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
        Db.Clock.Advance(TimeSpan.FromMinutes(1));

        var runner = new SelectionRunner(Selections, NullLogger<SelectionRunner>.Instance);
        var resumer = new SelectionRunResumer(Selections, runner, Db.Get<UserAccessService>(), Db.Clock, new NoLifetime(), NullLogger<SelectionRunResumer>.Instance);
        await resumer.ResumeAsync(Db.Clock.GetUtcNow().UtcDateTime, CancellationToken.None);

        var done = await Selections.GetRunAsync(d.Manager, resumable);
        Assert.Equal((SelectionRunStatus.Completed, 2), (done.Status, done.CreatedCount));
        Assert.Equal(SelectionRunStatus.Completed, runner.ProgressOf(resumable)?.Status); // the run page shows its progress
        var failed = await Selections.GetRunAsync(d.Manager, orphan);
        Assert.Equal(SelectionRunStatus.Failed, failed.Status);
        Assert.StartsWith("Interrompida por um reinício do servidor e não retomada", failed.Error);
        Assert.Empty(await Selections.ListInterruptedRunsAsync(DateTime.UtcNow.AddYears(1)));
    }

    private sealed class NoLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }
}
