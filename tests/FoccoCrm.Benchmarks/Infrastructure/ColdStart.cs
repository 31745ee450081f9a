using System.Net;

namespace FoccoCrm.Benchmarks.Infrastructure;

/// <summary>A warm-up request made after the first page, with the status it should return.</summary>
/// <param name="ExpectedBody">When set, the body must contain this text.</param>
public sealed record WarmupRequest(string Path, HttpStatusCode ExpectedStatus, string? ExpectedBody = null);

/// <summary>One cold start: time to the first 200 of the ready page, and resident memory after an idle period.</summary>
/// <param name="Listening">When the app logged "Now listening on", if it logs that (diagnostic only).</param>
/// <param name="CpuAtFirstPage">CPU time the app used until its first page (diagnostic only).</param>
public sealed record ColdStartResult(TimeSpan FirstPage, double IdleRssMb, double RssAtFirstPageMb, TimeSpan? Listening, TimeSpan? CpuAtFirstPage);

/// <summary>Starts a published app, times its first page, warms it a little, idles, reads its memory, kills it.</summary>
public static class ColdStart
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public static async Task<ColdStartResult> MeasureAsync(
        WebAppLaunch launch, string readyPath, IReadOnlyList<WarmupRequest> warmup, BenchmarkOptions options, CancellationToken ct)
    {
        await using var app = await WebAppProcess.StartAsync(launch, ct);
        var firstPage = await app.WaitUntilOkAsync(readyPath, options.StartTimeout, PollInterval, ct);
        var cpuAtFirstPage = app.CpuTime();
        var rssAtFirstPage = app.ReadResidentMemoryMb();

        foreach (var request in warmup)
        {
            var (status, body) = await app.GetAsync(request.Path, ct);
            if (status != request.ExpectedStatus)
                Log.Warn($"{launch.Name}: GET {request.Path} returned {(int)status} {status}, expected {(int)request.ExpectedStatus} {request.ExpectedStatus}");
            else if (request.ExpectedBody is { } expected && !body.Contains(expected, StringComparison.Ordinal))
                Log.Warn($"{launch.Name}: GET {request.Path} body does not contain '{expected}': {Shorten(body)}");
        }

        await Task.Delay(options.Idle, ct);
        var idleRss = app.ReadResidentMemoryMb();
        return new ColdStartResult(firstPage, idleRss, rssAtFirstPage, app.ListeningAt, cpuAtFirstPage);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
