using System.Collections.Concurrent;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Selections;

namespace FoccoCrm.Web.Features.Selections;

/// <summary>
/// Starts "Gerar ocorrências para todos" in the background (Core does the work in one transaction) and keeps each run's
/// latest progress in memory for the run page's progress bar; the run row in the database is the lasting record.
/// </summary>
public sealed class SelectionRunner(SelectionService selections, ILogger<SelectionRunner> log)
{
    private readonly ConcurrentDictionary<Guid, SelectionRunProgress> progress = new();

    /// <summary>The latest progress reported by a run started here (null: not started by this server, or long finished).</summary>
    public SelectionRunProgress? ProgressOf(Guid runId) => progress.GetValueOrDefault(runId);

    /// <summary>Starts a run with a new id and returns the id at once.</summary>
    public Guid Start(CurrentUser user, SelectionDefinition definition, GenerateOccurrencesInput input, int expectedCount, int? selectionId)
    {
        var runId = Guid.NewGuid();
        progress[runId] = new SelectionRunProgress(runId, SelectionRunStatus.Pending, "pending", 0, expectedCount);
        var reporter = new Progress(this);
        _ = Task.Run(async () =>
        {
            try
            {
                await selections.GenerateOccurrencesAsync(user, runId, definition, input, expectedCount, selectionId, reporter);
            }
            catch (Exception ex)
            {
                // the run row records the failure (Core marks it Failed); the page shows it
                log.LogWarning(ex, "Selection run {RunId} failed", runId);
                progress[runId] = new SelectionRunProgress(runId, SelectionRunStatus.Failed, "failed", 0, expectedCount);
            }
        });
        return runId;
    }

    private sealed class Progress(SelectionRunner runner) : IProgress<SelectionRunProgress>
    {
        public void Report(SelectionRunProgress value) => runner.progress[value.RunId] = value;
    }
}
