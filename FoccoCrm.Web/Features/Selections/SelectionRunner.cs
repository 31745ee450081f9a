using System.Collections.Concurrent;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Selections;

namespace FoccoCrm.Web.Features.Selections;

/// <summary>
/// Starts "Gerar ocorrências para todos" in the background (Core does the work in one transaction) and keeps each run's
/// latest progress in memory for the run page's progress bar; the run row in the database is the lasting record.
/// Runs a stopped server left unfinished are started again at start-up (<see cref="SelectionRunResumer"/>).
/// </summary>
public sealed class SelectionRunner(SelectionService selections, ILogger<SelectionRunner> log)
{
    /// <summary>A run started here: its company (its row may not be written yet) and its latest progress.</summary>
    private sealed record Entry(int CompanyId, SelectionRunProgress Progress);

    private readonly ConcurrentDictionary<Guid, Entry> runs = new();

    /// <summary>The latest progress reported by a run started here (null: not started by this server, or long finished).</summary>
    public SelectionRunProgress? ProgressOf(Guid runId) => runs.TryGetValue(runId, out var e) ? e.Progress : null;

    /// <summary>The company of a run started here (its row may not be written yet), for callers that check access.</summary>
    public int? CompanyOf(Guid runId) => runs.TryGetValue(runId, out var e) ? e.CompanyId : null;

    /// <summary>Starts a run with a new id in the user's current company and returns the id at once.</summary>
    public Guid Start(CurrentUser user, SelectionDefinition definition, GenerateOccurrencesInput input, int expectedCount, int? selectionId)
    {
        var runId = Guid.NewGuid();
        Launch(runId, user.RequireCurrentCompany(), expectedCount,
            reporter => selections.GenerateOccurrencesAsync(user, runId, definition, input, expectedCount, selectionId, reporter));
        return runId;
    }

    /// <summary>Runs an interrupted run again as <paramref name="user"/>, in the background; its page shows the progress.</summary>
    public Task Resume(CurrentUser user, InterruptedSelectionRun run) =>
        Launch(run.RunId, run.CompanyId, run.ExpectedCount, reporter => selections.ResumeRunAsync(user, run.RunId, reporter));

    private Task Launch(Guid runId, int companyId, int expectedCount, Func<IProgress<SelectionRunProgress>, Task> work)
    {
        runs[runId] = new Entry(companyId, new SelectionRunProgress(runId, SelectionRunStatus.Pending, "pending", 0, expectedCount));
        var reporter = new Progress(this, runId);
        return Task.Run(async () =>
        {
            try
            {
                await work(reporter);
            }
            catch (Exception ex)
            {
                // the run row records the failure (Core marks it Failed); the page shows it
                log.LogWarning(ex, "Selection run {RunId} failed", runId);
                reporter.Report(new SelectionRunProgress(runId, SelectionRunStatus.Failed, "failed", 0, expectedCount));
            }
        });
    }

    private sealed class Progress(SelectionRunner runner, Guid runId) : IProgress<SelectionRunProgress>
    {
        public void Report(SelectionRunProgress value) => runner.runs.AddOrUpdate(runId, _ => new Entry(0, value), (_, e) => e with { Progress = value });
    }
}

/// <summary>
/// At start-up, runs that a stopped server left Running (they wrote nothing: one transaction) are started again as the
/// user who started them, in their company. Whether that user may still generate there is Core's rule
/// (<see cref="SelectionService.ResumeRunAsync"/> marks the run Failed with the reason); a user who is gone is marked here.
/// </summary>
public sealed class SelectionRunResumer(SelectionService selections, SelectionRunner runner, UserAccessService access, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<SelectionRunResumer> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow().UtcDateTime; // nothing was started by this process before this moment
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => ResumeAsync(startedAt, lifetime.ApplicationStopping)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task ResumeAsync(DateTime startedBeforeUtc, CancellationToken ct)
    {
        var started = new List<Task>();
        try
        {
            foreach (var run in await selections.ListInterruptedRunsAsync(startedBeforeUtc, ct))
            {
                if (await access.LoadAsync(run.CreatedById, ct) is not { } user)
                {
                    await selections.AbandonRunAsync(run.RunId, SelectionMessages.SelectionGenerateForbidden, ct);
                    continue;
                }
                log.LogInformation("Resuming selection run {RunId} interrupted by a restart", run.RunId);
                started.Add(runner.Resume(user, run));
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogError(ex, "Could not resume interrupted selection runs");
        }
        await Task.WhenAll(started);
    }
}
