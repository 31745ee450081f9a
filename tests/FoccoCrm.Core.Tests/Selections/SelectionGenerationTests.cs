using FluentValidation;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Live;
using FoccoCrm.Core.Occurrences;
using FoccoCrm.Core.Selections;
using Microsoft.EntityFrameworkCore;
using static FoccoCrm.Core.Tests.Selections.SelectionTestData;
using Op = FoccoCrm.Core.Selections.SelectionOperator;

namespace FoccoCrm.Core.Tests.Selections;

/// <summary>"Gerar ocorrências para todos": set-based, one transaction, numbering, idempotency per run, run log, permissions.</summary>
public sealed class SelectionGenerationTests : DbTest
{
    private SelectionService Service => t.Get<SelectionService>();

    private static readonly SelectionDefinition Customers = Def(C("person.roles", Op.In, "Customer")); // Ana, Bruno, Carla

    private static GenerateOccurrencesInput Input(SelectionTestData d) => new()
    {
        TypeId = d.Troca, ReasonId = d.Defeito, Description = "Campanha de troca", OccurredAtUtc = new DateTime(2026, 11, 28, 13, 0, 0, DateTimeKind.Utc),
    };

    private sealed class Collect : IProgress<SelectionRunProgress>
    {
        public List<SelectionRunProgress> Items { get; } = [];
        public void Report(SelectionRunProgress value) => Items.Add(value);
    }

    private async Task<List<Occurrence>> OccurrencesAsync()
    {
        await using var db = await t.DbAsync();
        return await db.Occurrences.AsNoTracking().OrderBy(o => o.Number).ToListAsync();
    }

    [Fact]
    public async Task Generate_CreatesOneOccurrencePerPerson_ContinuingTheNumbers_WithHistory_AndARunLog()
    {
        var d = await SelectionTestData.CreateAsync(t);
        var published = new List<LiveChange>();
        using var sub = t.Get<IChangeFeed>().Subscribe(LiveTopics.Occurrences(d.Company), c => { published.Add(c); return Task.CompletedTask; });
        var progress = new Collect();
        var runId = Guid.NewGuid();

        var run = await Service.GenerateOccurrencesAsync(d.Manager, runId, Customers, Input(d), expectedCount: 3, progress: progress);

        Assert.Equal((SelectionRunStatus.Completed, 3, 3, 2, 4), (run.Status, run.ExpectedCount, run.CreatedCount, run.FirstNumber, run.LastNumber));
        var all = await OccurrencesAsync();
        Assert.Equal([1, 2, 3, 4], all.Select(o => o.Number));
        var created = all.Skip(1).ToList();
        Assert.Equal(new[] { d.Ana, d.Bruno, d.Carla }.Order(), created.Select(o => o.PersonId).Order());
        Assert.All(created, o => Assert.Equal((d.Troca, d.Defeito, "Campanha de troca", d.Manager.Id, OccurrenceStatus.Open, d.Company),
            (o.TypeId, o.ReasonId, o.Description, o.ResponsibleUserId, o.Status, o.CompanyId)));
        Assert.Equal(3, created.Select(o => o.Version).Distinct().Count());
        Assert.Equal(created.Select(o => o.Id), await Service.ListRunOccurrenceIdsAsync(d.Manager, runId));

        // the generated occurrences are ordinary ones: readable, with their "Created" history, editable with their version
        var occurrences = t.Get<OccurrenceService>();
        // FERM0401 lists a run's occurrences by the run (what the run page shows), in number order
        var ofRun = await occurrences.QueryAsync(d.Manager, new OccurrenceQuery { SelectionRunId = runId, Sort = OccurrenceSort.Number, Descending = false });
        Assert.Equal(3, ofRun.TotalCount);
        Assert.Equal([2, 3, 4], ofRun.Items.Select(o => o.Number));
        Assert.Equal(0, (await occurrences.QueryAsync(d.Manager, new OccurrenceQuery { SelectionRunId = Guid.NewGuid() })).TotalCount);
        var detail = await occurrences.GetAsync(d.Manager, created[0].Id);
        Assert.Equal("2", Assert.Single(detail.History, h => h.Field == OccurrenceFields.Created).ToValue);
        await occurrences.CloseAsync(d.Manager, created[0].Id, new OccurrenceCloseInput { Notes = "ok" }, detail.Version);
        // and the next manual occurrence continues the sequence
        var next = await occurrences.CreateAsync(d.Manager, new OccurrenceInput { PersonId = d.Davi, TypeId = d.Troca, ReasonId = d.Defeito, Description = "x", OccurredAtUtc = DateTime.UtcNow });
        Assert.Equal(5, (await occurrences.GetAsync(d.Manager, next)).Row.Number);

        Assert.Equal("occurrence.generated", Assert.Single(published, p => p.Kind == SelectionService.GeneratedKind).Kind);
        Assert.Equal(SelectionRunStatus.Completed, progress.Items[^1].Status);
        Assert.Contains(progress.Items, p => p.Phase == "inserting");
        var log = Assert.Single(await Service.ListRunsAsync(d.Manager));
        Assert.Equal((runId, "Campanha de troca"), (log.Id, log.Description));
    }

    [Fact]
    public async Task Generate_SameRunAgain_CreatesNothingNew()
    {
        var d = await SelectionTestData.CreateAsync(t);
        var runId = Guid.NewGuid();
        await Service.GenerateOccurrencesAsync(d.Manager, runId, Customers, Input(d), 3);
        var again = await Service.GenerateOccurrencesAsync(d.Manager, runId, Customers, Input(d), 3);
        Assert.Equal(3, again.CreatedCount);
        Assert.Equal(4, (await OccurrencesAsync()).Count);
        // a new run is a new action: it creates again
        await Service.GenerateOccurrencesAsync(d.Manager, Guid.NewGuid(), Customers, Input(d), 3);
        Assert.Equal(7, (await OccurrencesAsync()).Count);
        Assert.Equal(Enumerable.Range(1, 7), (await OccurrencesAsync()).Select(o => o.Number));
    }

    [Fact]
    public async Task Generate_RunWithSomeLinks_CreatesOnlyForThePersonsWithout()
    {
        var d = await SelectionTestData.CreateAsync(t);
        var runId = Guid.NewGuid();
        await Service.GenerateOccurrencesAsync(d.Manager, runId, Customers, Input(d), 3);
        // as if the run had stopped with part of its occurrences linked: one of them gone (its link cascades), the run not completed
        await using (var db = await t.DbAsync())
        {
            var link = await db.SelectionRunOccurrences.OrderBy(x => x.PersonId).FirstAsync(x => x.RunId == runId);
            await db.OccurrenceHistory.Where(h => h.OccurrenceId == link.OccurrenceId).ExecuteDeleteAsync();
            await db.Occurrences.Where(o => o.Id == link.OccurrenceId).ExecuteDeleteAsync();
            await db.SelectionRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, SelectionRunStatus.Failed));
            Assert.Equal(2, await db.SelectionRunOccurrences.CountAsync(x => x.RunId == runId));
        }

        var resumed = await Service.GenerateOccurrencesAsync(d.Manager, runId, Customers, Input(d), 3);

        Assert.Equal((SelectionRunStatus.Completed, 1), (resumed.Status, resumed.CreatedCount));
        await using var check = await t.DbAsync();
        Assert.Equal(3, await check.SelectionRunOccurrences.CountAsync(x => x.RunId == runId));
        Assert.Equal(3, (await OccurrencesAsync()).Count(o => o.Description == Input(d).Description));
    }

    [Theory]
    [InlineData("inserted")]
    [InlineData("linked")]
    [InlineData("history")]
    public async Task Generate_FailureMidway_WritesNothing_MarksTheRunFailed_AndTheRunCanBeRetried(string point)
    {
        var d = await SelectionTestData.CreateAsync(t);
        var runId = Guid.NewGuid();
        Service.FaultInjector = p => p == point ? throw new IOException("disk full at " + p) : Task.CompletedTask;
        try
        {
            await Assert.ThrowsAsync<IOException>(() => Service.GenerateOccurrencesAsync(d.Manager, runId, Customers, Input(d), 3));
        }
        finally
        {
            Service.FaultInjector = null;
        }
        Assert.Single(await OccurrencesAsync()); // only the one that existed
        await using (var db = await t.DbAsync())
        {
            Assert.Equal(0, await db.SelectionRunOccurrences.CountAsync());
            Assert.Equal(0, await db.OccurrenceHistory.CountAsync(h => h.Field == OccurrenceFields.Created && h.UserId == d.Manager.Id));
        }
        var failed = await Service.GetRunAsync(d.Manager, runId);
        Assert.Equal(SelectionRunStatus.Failed, failed.Status);
        Assert.Contains("disk full", failed.Error);

        var retried = await Service.GenerateOccurrencesAsync(d.Manager, runId, Customers, Input(d), 3);
        Assert.Equal((SelectionRunStatus.Completed, 3), (retried.Status, retried.CreatedCount));
        Assert.Equal(4, (await OccurrencesAsync()).Count);
    }

    /// <summary>What a crash or restart mid-run leaves: the run row Running, nothing else (its transaction never committed).</summary>
    private async Task<Guid> InterruptedRunAsync(SelectionTestData d)
    {
        var runId = Guid.NewGuid();
        Service.FaultInjector = p => p == "history" ? throw new IOException("power cut") : Task.CompletedTask;
        try { await Assert.ThrowsAsync<IOException>(() => Service.GenerateOccurrencesAsync(d.Manager, runId, Customers, Input(d), 3)); }
        finally { Service.FaultInjector = null; }
        await using var db = await t.DbAsync();
        await db.SelectionRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, SelectionRunStatus.Running).SetProperty(r => r.Error, (string?)null));
        return runId;
    }

    [Fact]
    public async Task InterruptedRun_IsListedAfterARestart_AndResumesWithWhatItRecorded()
    {
        var d = await SelectionTestData.CreateAsync(t);
        var runId = await InterruptedRunAsync(d);
        var restart = t.Clock.GetUtcNow().UtcDateTime.AddSeconds(1);

        var interrupted = Assert.Single(await Service.ListInterruptedRunsAsync(restart));
        Assert.Equal((runId, d.Manager.Id, 3), (interrupted.RunId, interrupted.CreatedById, interrupted.ExpectedCount));
        Assert.Empty(await Service.ListInterruptedRunsAsync(t.Clock.GetUtcNow().UtcDateTime.AddHours(-1))); // started after that moment: not ours to resume

        // as its starter, whatever company they are in now
        var resumed = await Service.ResumeRunAsync(d.Manager with { CurrentCompanyId = null }, runId);

        Assert.Equal((SelectionRunStatus.Completed, 3), (resumed.Status, resumed.CreatedCount));
        var created = (await OccurrencesAsync()).Where(o => o.Description == "Campanha de troca").ToList();
        Assert.Equal(3, created.Count);
        Assert.All(created, o => Assert.Equal((d.Troca, d.Defeito, new DateTime(2026, 11, 28, 13, 0, 0)), (o.TypeId, o.ReasonId, o.OccurredAtUtc)));
        Assert.Empty(await Service.ListInterruptedRunsAsync(restart));
        // resuming a completed run changes nothing
        Assert.Equal(3, (await Service.ResumeRunAsync(d.Manager, runId)).CreatedCount);
        Assert.Equal(4, (await OccurrencesAsync()).Count);
    }

    [Fact]
    public async Task InterruptedRun_ThatCannotBeResumed_IsMarkedFailedWithTheReason()
    {
        var d = await SelectionTestData.CreateAsync(t);
        var runId = await InterruptedRunAsync(d);

        await Assert.ThrowsAsync<ForbiddenException>(() => Service.ResumeRunAsync(d.Agent, runId));

        var run = await Service.GetRunAsync(d.Manager, runId);
        Assert.Equal(SelectionRunStatus.Failed, run.Status);
        Assert.StartsWith("Interrompida por um reinício", run.Error);
        Assert.Single(await OccurrencesAsync());
        Assert.Empty(await Service.ListInterruptedRunsAsync(DateTime.UtcNow.AddYears(1)));
    }

    [Fact]
    public async Task Generate_IsForManagersAndAdministratorsOnly()
    {
        var d = await SelectionTestData.CreateAsync(t);
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.GenerateOccurrencesAsync(d.Agent, Guid.NewGuid(), Customers, Input(d), 3));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.GenerateOccurrencesAsync(d.Rep, Guid.NewGuid(), Customers, Input(d), 3));
        var run = await Service.GenerateOccurrencesAsync(d.Admin, Guid.NewGuid(), Customers, Input(d), 3);
        Assert.Equal(3, run.CreatedCount);
        Assert.Equal(4, (await OccurrencesAsync()).Count);
    }

    [Fact]
    public async Task Generate_RecountsAtExecution_AndStaysInTheCurrentCompany()
    {
        var d = await SelectionTestData.CreateAsync(t);
        // the manager of company 02 runs "open Cancelamento ticket": only Carla there (Ana's and Davi's tickets are company 01's)
        var rule = Def(Rel("tickets", RelatedMode.AtLeastOne, C("ticket.type", Op.In, d.Cancelamento)));
        var input = Input(d);
        var run = await Service.GenerateOccurrencesAsync(d.OtherManager, Guid.NewGuid(), rule, input, expectedCount: 10);
        Assert.Equal((10, 1), (run.ExpectedCount, run.CreatedCount));
        var created = (await OccurrencesAsync()).Single(o => o.CompanyId == d.Other);
        Assert.Equal((d.Carla, 1), (created.PersonId, created.Number));
        // company 01 cannot see company 02's run
        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetRunAsync(d.Manager, run.Id));
    }

    [Fact]
    public async Task Generate_BadInput_IsRefusedBeforeAnythingIsWritten()
    {
        var d = await SelectionTestData.CreateAsync(t);
        await Assert.ThrowsAsync<ValidationException>(() => Service.GenerateOccurrencesAsync(d.Manager, Guid.NewGuid(), Customers, Input(d) with { Description = "" }, 3));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.GenerateOccurrencesAsync(d.Manager, Guid.NewGuid(), Customers, Input(d) with { ResponsibleUserId = d.OtherManager.Id }, 3));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.GenerateOccurrencesAsync(d.Manager, Guid.NewGuid(), Def(C("nope", Op.Equals, "x")), Input(d), 3));
        await using var db = await t.DbAsync();
        Assert.Equal(1, await db.Occurrences.CountAsync());
        Assert.Equal(0, await db.SelectionRuns.CountAsync());
    }

    [Fact]
    public async Task Generate_ForAContactsSelection_CreatesOnePerPerson_WithTheFirstSelectedContact()
    {
        var d = await SelectionTestData.CreateAsync(t);
        var rule = new SelectionDefinition { Target = SelectionTarget.Contacts }; // Ana (2 contacts), Bruno (1)
        var run = await Service.GenerateOccurrencesAsync(d.Manager, Guid.NewGuid(), rule, Input(d), 3);
        Assert.Equal(2, run.CreatedCount);
        var created = (await OccurrencesAsync()).Skip(1).ToList();
        Assert.Equal(new[] { d.Ana, d.Bruno }.Order(), created.Select(o => o.PersonId).Order());
        Assert.All(created, o => Assert.NotNull(o.ContactId));
    }
}
