namespace FoccoCrm.Web.Infrastructure;

/// <summary>
/// Runs a query a short while after the last change (debounce), cancels the delay and the request in flight when
/// another change arrives, and hands over only the answer of the newest request (an older answer arriving late is dropped).
/// </summary>
public sealed class LatestOnly<T>(TimeProvider clock, TimeSpan delay) : IDisposable
{
    private CancellationTokenSource? current;
    private long generation;

    /// <summary>How many requests were started (not counting the ones cancelled during the delay).</summary>
    public int Started { get; private set; }

    /// <summary>
    /// Schedules <paramref name="query"/>; returns once it ran (or was superseded). <paramref name="onResult"/> runs only
    /// when this call is still the newest; <paramref name="onError"/> likewise for an exception that is not a cancellation.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task<T>> query, Func<T, Task> onResult, Func<Exception, Task> onError)
    {
        current?.Cancel(); // not disposed: the superseded call may still look at it
        var cts = current = new CancellationTokenSource();
        var mine = Interlocked.Increment(ref generation);
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, clock, cts.Token);
            if (mine != Interlocked.Read(ref generation)) return;
            Started++;
            var result = await query(cts.Token);
            if (mine == Interlocked.Read(ref generation) && !cts.IsCancellationRequested) await onResult(result);
        }
        catch (OperationCanceledException) { }
        catch (Exception ex)
        {
            if (mine == Interlocked.Read(ref generation)) await onError(ex);
        }
    }

    /// <summary>Drops whatever is pending: no answer will be handed over.</summary>
    public void Cancel()
    {
        Interlocked.Increment(ref generation);
        current?.Cancel();
    }

    public void Dispose()
    {
        Cancel();
        current = null;
    }
}
