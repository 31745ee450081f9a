using System.Diagnostics;
using System.Net.Http.Json;
using FoccoCrm.Benchmarks.Infrastructure;

namespace FoccoCrm.Benchmarks.Scenarios;

/// <summary>
/// Live fan-out over real Blazor Server circuits. Publishes and starts the app (Development, demo data, a temp
/// database, Diagnostics:Enabled), signs in once through the login form, opens N circuits on the target page with
/// <see cref="BlazorCircuitClient"/> (in batches), measures the managed heap per circuit, then makes K changes through
/// the app's HTTP interface and records, for every circuit, the delay from just before the request until that
/// circuit's next render batch. Finally the same N and K with plain SignalR hub clients and a server broadcast.
/// Results: board.circuit_kb, board.fanout_p95_ms_N, board.fanout_p99_ms_N, board.missed_N, baseline.hub_fanout_p95_ms_N
/// (+ baseline p99 and missed).
/// </summary>
public sealed class BoardScenario : IScenario
{
    private static readonly int[] DefaultCircuits = [250, 1000];
    private const int DefaultTriggers = 20;
    private const int OpenConcurrency = 16;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(800);

    // Guards for a shared machine: stop growing when the app gets this big or a ramp takes this long; the circuit
    // counts not reached are reported as not measured (no RESULT line) instead of taking the machine down.
    private const double MaxAppRssMb = 12_000;
    private static readonly TimeSpan RampBudget = TimeSpan.FromMinutes(8);

    public string Name => "board";

    public string Description => "live fan-out: N real Blazor circuits on the board, a change through the API, delay until each circuit's render batch; memory per circuit; vs. a plain SignalR broadcast";

    public async Task RunAsync(ScenarioContext context, CancellationToken ct)
    {
        var options = context.Options;
        var counts = options.Circuits ?? DefaultCircuits;
        var triggers = options.Triggers ?? DefaultTriggers;
        var target = FanoutTargets.Create(options.Target);
        Log.Info($"target '{target.Name}': page {target.PagePath} as {target.Email}; circuits {string.Join(", ", counts)}; {triggers} changes each, {target.Settle.TotalSeconds:F1} s apart at least");

        WebAppProcess? app = null;
        try
        {
            Uri baseAddress;
            if (options.Url is { } url)
            {
                baseAddress = url;
                Log.Info($"using the app running at {url} (it must run in Development with Diagnostics:Enabled=true)");
            }
            else
            {
                app = await StartAppAsync(context, ct);
                baseAddress = app.BaseAddress;
            }

            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
            await target.PrepareAsync(http, ct);
            using var session = await BlazorSession.SignInAsync(baseAddress, target.Email, FanoutTargets.DemoPassword, ct);

            var circuits = new List<BlazorCircuitClient>();
            try
            {
                // One circuit first: proves the protocol works end to end (a change produces a render batch) and
                // takes the first-use costs (JIT, caches) out of the measurements.
                var warmup = await BlazorCircuitClient.OpenAsync(session, target.PagePath, OpenTimeout, ct);
                circuits.Add(warmup);
                await WaitQuietAsync(circuits, ct);
                for (var i = 0; i < 3; i++)
                {
                    var batchesBefore = warmup.Batches.Count;
                    var delivered = await TriggerAndCollectAsync(http, target, [warmup.Batches], -(i + 1), ct);
                    if (delivered.Missed > 0)
                        throw new BenchmarkException($"the change made no render batch on the warm-up circuit within {DeliveryTimeout.TotalSeconds:F0} s; is the page live? ({warmup.Error ?? "no circuit error"})");
                    await Task.Delay(target.Settle, ct);
                    await WaitQuietAsync(circuits, ct);
                    // Only the first batch of a change is timed: a change that the page sent in several batches would look
                    // faster than it is, so how many it took is printed.
                    Log.Info($"warm-up change {i + 1}: render batch after {Log.Num(delivered.DelaysMs[0], 1)} ms, {warmup.Batches.Count - batchesBefore} batch(es) for the change and what followed it within {target.Settle.TotalSeconds:F0} s ({warmup.JsCalls} JS calls answered)");
                }

                Log.Info($"JS calls of the warm-up circuit: {string.Join(", ", warmup.JsIdentifiers)}");
                await Task.Delay(options.Idle, ct);
                var before = await MemoryAsync(http, ct);
                Log.Info($"before: {Log.Num(before.ManagedBytes / 1048576.0, 1)} MB managed heap, {before.Circuits} circuit(s) open");

                double? circuitKb = null;
                foreach (var n in counts)
                {
                    if (!await OpenCircuitsAsync(session, target, circuits, n + 1, app, ct))
                    {
                        Log.Warn($"n={n} not measured: the ramp stopped at {circuits.Count - 1} circuits (limits: app RSS {MaxAppRssMb:F0} MB, {RampBudget.TotalMinutes:F0} min per ramp)");
                        break;
                    }
                    await WaitQuietAsync(circuits, ct);
                    await Task.Delay(options.Idle, ct);
                    var memory = await MemoryAsync(http, ct);
                    var kb = (memory.ManagedBytes - before.ManagedBytes) / 1024.0 / n;
                    Log.Info($"{n} circuits: {Log.Num(memory.ManagedBytes / 1048576.0, 1)} MB managed heap after GC, server counts {memory.Circuits} circuits ({before.Circuits} before) → {Log.Num(kb, 1)} KB per circuit");
                    if (memory.Circuits - before.Circuits != n) Log.Warn($"the server counts {memory.Circuits - before.Circuits} more circuits than before, expected {n}");
                    circuitKb = kb;

                    var measured = circuits.Skip(1).Take(n).Select(c => c.Batches).ToList();
                    var result = await MeasureFanoutAsync("board", http, measured, n, triggers, (h, i, t) => target.TriggerAsync(h, i, t), circuits, target.Settle, ct);
                    Log.Result($"board.fanout_p95_ms_{n}", result.P95, 1);
                    Log.Result($"board.fanout_p99_ms_{n}", result.P99, 1);
                    Log.Result($"board.missed_{n}", result.Missed, 0);
                    ReportBrokenCircuits(circuits);
                }
                if (circuitKb is { } perCircuit) Log.Result("board.circuit_kb", perCircuit, 1);
            }
            finally
            {
                await CloseAllAsync(circuits);
            }

            var after = await MemoryAsync(http, ct);
            Log.Info($"after closing: {after.Circuits} circuit(s) still counted by the server, {Log.Num(after.ManagedBytes / 1048576.0, 1)} MB managed heap");

            await MeasureBaselineAsync(baseAddress, http, counts, triggers, ct);
        }
        finally
        {
            if (app is not null)
            {
                // The app logs warnings and errors only (see StartAppAsync): its tail explains dropped circuits.
                var tail = app.OutputTail(25);
                if (tail.Length > 0) Log.Info($"app output (last lines):{Environment.NewLine}{tail}");
                await app.DisposeAsync();
            }
        }
    }

    private static void ReportBrokenCircuits(IReadOnlyList<BlazorCircuitClient> circuits)
    {
        var broken = circuits.Where(c => c.Error is not null || !c.IsConnected).ToList();
        if (broken.Count == 0) return;
        Log.Warn($"{broken.Count} circuit(s) reported an error or lost the connection:");
        foreach (var group in broken.GroupBy(c => c.Error ?? "not connected").OrderByDescending(g => g.Count()))
            Log.Warn($"  {group.Count()} × {group.Key}");
        var lifetimes = broken.Where(c => c.ClosedAt != 0).Select(c => Stopwatch.GetElapsedTime(c.OpenedAt, c.ClosedAt).TotalSeconds).ToList();
        var ago = broken.Where(c => c.ClosedAt != 0).Select(c => Stopwatch.GetElapsedTime(c.ClosedAt).TotalSeconds).ToList();
        if (lifetimes.Count > 0)
            Log.Warn($"  closed by the server {Log.Num(lifetimes.Min(), 0)}–{Log.Num(lifetimes.Max(), 0)} s after opening, {Log.Num(ago.Min(), 0)}–{Log.Num(ago.Max(), 0)} s ago");
    }

    private static async Task<WebAppProcess> StartAppAsync(ScenarioContext context, CancellationToken ct)
    {
        var folder = await StartupScenario.PublishAppAsync(context, ct);
        var data = context.Workspace.CreateEmptyFolder("db");
        var launch = new WebAppLaunch("FoccoCrm.Web", folder, "FoccoCrm.Web.dll", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Path"] = Path.Combine(data, "foccocrm.db"),
            ["ConnectionStrings__Focco"] = "",
            ["DataProtection__KeysPath"] = Path.Combine(data, "keys"),
            ["DemoData__Enabled"] = "true",
            ["Diagnostics__Enabled"] = "true",
            // Thousands of circuits: keep the app's console quiet (its output is buffered in this process).
            ["Logging__LogLevel__Default"] = "Warning",
            // The live-board server profile of the README ("Many open boards"): server GC without dynamic adaptation
            // (DATAS shrinks gen-0 budgets, so a collection lands in most fan-outs). The app's own default is the small
            // on-premises profile (workstation GC, conserve memory).
            ["DOTNET_gcServer"] = "1",
            ["DOTNET_GCDynamicAdaptationMode"] = "0",
        }, context.Workspace.PathOf("logs", "focco-board.log"));
        Log.Info("starting FoccoCrm.Web (Development, demo data, diagnostics; server GC without DATAS: the README's profile for many open boards)");
        var app = await WebAppProcess.StartAsync(launch, ct);
        try
        {
            var ready = await app.WaitUntilOkAsync("/health", context.Options.StartTimeout, TimeSpan.FromMilliseconds(250), ct);
            Log.Info($"FoccoCrm.Web healthy after {Log.Ms(ready)} at {app.BaseAddress}");
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens circuits until <paramref name="total"/> are open, <see cref="OpenConcurrency"/> at a time, logging the ramp.
    /// Returns false when a guard (app RSS, ramp time) stopped it first.
    /// </summary>
    private static async Task<bool> OpenCircuitsAsync(BlazorSession session, IFanoutTarget target, List<BlazorCircuitClient> circuits, int total, WebAppProcess? app, CancellationToken ct)
    {
        var toOpen = total - circuits.Count;
        if (toOpen <= 0) return true;
        Log.Info($"opening {toOpen} circuits on {target.PagePath} ({OpenConcurrency} at a time)");
        var stopwatch = Stopwatch.StartNew();
        var opened = 0;
        var failures = new List<string>();
        var gate = new object();
        var lastReport = 0;
        var stopped = false;
        await Parallel.ForEachAsync(Enumerable.Range(0, toOpen), new ParallelOptions { MaxDegreeOfParallelism = OpenConcurrency, CancellationToken = ct }, async (_, token) =>
        {
            if (Volatile.Read(ref stopped)) return;
            try
            {
                var circuit = await BlazorCircuitClient.OpenAsync(session, target.PagePath, OpenTimeout, token);
                lock (gate)
                {
                    circuits.Add(circuit);
                    opened++;
                    if (opened - lastReport >= 50 || opened == toOpen)
                    {
                        lastReport = opened;
                        var rss = app is null ? "" : $", app RSS {Log.Num(app.ReadResidentMemoryMb(), 0)} MB";
                        Log.Info($"  {opened}/{toOpen} open after {Log.Ms(stopwatch.Elapsed)} ({Log.Num(opened / stopwatch.Elapsed.TotalSeconds, 1)} circuits/s{rss})");
                    }
                    // Stop early when the rate so far says the ramp cannot finish within the budget.
                    var projected = opened >= 50 ? stopwatch.Elapsed / opened * toOpen : TimeSpan.Zero;
                    if (!stopped && (stopwatch.Elapsed > RampBudget || projected > RampBudget * 1.25
                                     || (opened % 10 == 0 && app is not null && app.ReadResidentMemoryMb() > MaxAppRssMb)))
                    {
                        stopped = true;
                        Log.Warn($"stopping the ramp at {opened}/{toOpen} after {Log.Ms(stopwatch.Elapsed)} (at this rate all {toOpen} would take {Log.Ms(projected)})"
                                 + (app is null ? "" : $", app RSS {Log.Num(app.ReadResidentMemoryMb(), 0)} MB"));
                    }
                }
            }
            catch (Exception e) when (!token.IsCancellationRequested && e is not OutOfMemoryException)
            {
                // A refused or timed-out connection (e.g. the negotiated connection expired before the WebSocket
                // arrived on a starved server): counted, retried below while failures stay rare.
                lock (gate) failures.Add(e is BenchmarkException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            }
        });
        if (stopped) return false;
        if (failures.Count > 0)
        {
            Log.Warn($"{failures.Count} circuit(s) failed to open; first: {failures[0]}");
            if (failures.Count > Math.Max(1, toOpen / 20))
                throw new BenchmarkException($"{failures.Count} of {toOpen} circuits failed to open; first: {failures[0]}");
            return await OpenCircuitsAsync(session, target, circuits, total, app, ct);
        }
        return true;
    }

    private sealed record Fanout(double P50, double P95, double P99, double Max, int Missed, int Deliveries);

    /// <summary>Delays of the circuits that received the change, how many did not, and when the trigger's request was answered.</summary>
    private sealed record Delivery(List<double> DelaysMs, int Missed, double AnsweredMs);

    /// <summary>K changes; each: wait until every client is quiet, arm them all, change, collect the delays.</summary>
    private static async Task<Fanout> MeasureFanoutAsync(string label, HttpClient http, IReadOnlyList<ArrivalProbe> probes, int n, int triggers,
        Func<HttpClient, int, CancellationToken, Task> trigger, IReadOnlyList<BlazorCircuitClient>? quietOn, TimeSpan settle, CancellationToken ct)
    {
        var all = new List<double>(n * triggers);
        var missed = 0;
        var serverGcTotal = default(GcWindow);
        var clientGcTotal = default(GcWindow);
        for (var i = 0; i < triggers; i++)
        {
            if (i > 0) await Task.Delay(settle, ct);
            if (quietOn is not null) await WaitQuietAsync(quietOn, ct);
            else await WaitQuietAsync(probes, ct);
            // The load client starts each window with an empty gen 0 (a full blocking collection here, outside the window),
            // so its own collection does not land among the timestamps it takes; the app is left alone.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var serverBefore = await ServerGcAsync(http, ct);
            var clientBefore = GcWindow.Now();
            var d = await TriggerAndCollectAsync(http, trigger, probes, i, ct);
            var clientGc = GcWindow.Now() - clientBefore;
            var serverGc = await ServerGcAsync(http, ct) - serverBefore;
            serverGcTotal += serverGc;
            clientGcTotal += clientGc;
            all.AddRange(d.DelaysMs);
            missed += d.Missed;
            var gc = $"GC in the window: app {serverGc}, load client {clientGc}";
            if (d.DelaysMs.Count > 0)
                Log.Info($"  {label} n={n} change {i + 1}/{triggers}: trigger answered {Log.Num(d.AnsweredMs, 1)} ms, min {Log.Num(d.DelaysMs.Min(), 1)} ms, p50 {Log.Num(Statistics.Percentile(d.DelaysMs, 50), 1)} ms, max {Log.Num(d.DelaysMs.Max(), 1)} ms, missed {d.Missed}; {gc}");
            else
                Log.Info($"  {label} n={n} change {i + 1}/{triggers}: nothing delivered, missed {d.Missed}; {gc}");
        }
        if (all.Count == 0) throw new BenchmarkException($"{label} n={n}: no delivery at all in {triggers} changes.");
        var result = new Fanout(Statistics.Percentile(all, 50), Statistics.Percentile(all, 95), Statistics.Percentile(all, 99), all.Max(), missed, all.Count);
        Log.Info($"{label} n={n}: {result.Deliveries} deliveries, p50 {Log.Num(result.P50, 1)} ms, p95 {Log.Num(result.P95, 1)} ms, p99 {Log.Num(result.P99, 1)} ms, max {Log.Num(result.Max, 1)} ms, missed {missed}; GC in the {triggers} windows: app {serverGcTotal}, load client {clientGcTotal}");
        return result;
    }

    private static Task<Delivery> TriggerAndCollectAsync(HttpClient http, IFanoutTarget target, IReadOnlyList<ArrivalProbe> probes, int index, CancellationToken ct) =>
        TriggerAndCollectAsync(http, (h, i, t) => target.TriggerAsync(h, i, t), probes, index, ct);

    private static async Task<Delivery> TriggerAndCollectAsync(HttpClient http, Func<HttpClient, int, CancellationToken, Task> trigger,
        IReadOnlyList<ArrivalProbe> probes, int index, CancellationToken ct)
    {
        var arrivals = probes.Select(p => p.Arm()).ToArray();
        var start = Stopwatch.GetTimestamp();
        await trigger(http, index, ct);
        var answered = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var remaining = DeliveryTimeout - Stopwatch.GetElapsedTime(start);
        try
        {
            if (remaining > TimeSpan.Zero) await Task.WhenAll(arrivals).WaitAsync(remaining, ct);
        }
        catch (TimeoutException)
        {
            // Whoever has not received anything by now is missed.
        }
        var delays = new List<double>(probes.Count);
        var missed = 0;
        for (var i = 0; i < probes.Count; i++)
        {
            if (arrivals[i].IsCompletedSuccessfully) delays.Add(Stopwatch.GetElapsedTime(start, arrivals[i].Result).TotalMilliseconds);
            else
            {
                missed++;
                probes[i].Disarm();
            }
        }
        return new Delivery(delays, missed, answered);
    }

    private static Task WaitQuietAsync(IReadOnlyList<BlazorCircuitClient> circuits, CancellationToken ct) =>
        WaitQuietAsync(circuits.Select(c => c.Batches).ToList(), ct);

    /// <summary>Waits until no client received anything for <see cref="Quiet"/> (at most 30 s), so a late render of the previous change is not taken for the next one.</summary>
    private static async Task WaitQuietAsync(IReadOnlyList<ArrivalProbe> probes, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var last = probes.Count == 0 ? 0 : probes.Max(p => p.LastTimestamp);
            var since = last == 0 ? TimeSpan.MaxValue : Stopwatch.GetElapsedTime(last);
            if (since >= Quiet) return;
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                Log.Warn("clients still receiving messages after 30 s; measuring anyway");
                return;
            }
            await Task.Delay(Quiet - since, ct);
        }
    }

    private static async Task MeasureBaselineAsync(Uri baseAddress, HttpClient http, IReadOnlyList<int> counts, int triggers, CancellationToken ct)
    {
        var clients = new List<HubBroadcastClient>();
        try
        {
            foreach (var n in counts)
            {
                var stopwatch = Stopwatch.StartNew();
                var toOpen = n - clients.Count;
                await Parallel.ForEachAsync(Enumerable.Range(0, toOpen), new ParallelOptions { MaxDegreeOfParallelism = OpenConcurrency, CancellationToken = ct }, async (_, token) =>
                {
                    var client = await HubBroadcastClient.ConnectAsync(baseAddress, "/diagnostics/hub", OpenTimeout, token);
                    lock (clients) clients.Add(client);
                });
                Log.Info($"baseline: {n} hub clients connected ({toOpen} in {Log.Ms(stopwatch.Elapsed)})");
                if (toOpen == n)
                {
                    // Like the circuits' warm-up: the first broadcasts pay for JIT on both sides.
                    for (var i = 0; i < 3; i++) await TriggerAndCollectAsync(http, BroadcastAsync, clients.Select(c => c.Messages).ToList(), -(i + 1), ct);
                }
                var result = await MeasureFanoutAsync("baseline", http, clients.Select(c => c.Messages).ToList(), n, triggers, BroadcastAsync, null, TimeSpan.Zero, ct);
                Log.Result($"baseline.hub_fanout_p95_ms_{n}", result.P95, 1);
                Log.Result($"baseline.hub_fanout_p99_ms_{n}", result.P99, 1);
                Log.Result($"baseline.hub_missed_{n}", result.Missed, 0);
            }
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static async Task BroadcastAsync(HttpClient http, int index, CancellationToken ct)
    {
        using var response = await http.PostAsync("/diagnostics/hub/broadcast", null, ct);
        if (!response.IsSuccessStatusCode) throw new BenchmarkException($"POST /diagnostics/hub/broadcast: HTTP {(int)response.StatusCode}");
    }

    private sealed record MemoryBody(long ManagedBytes, int Circuits);

    /// <summary>
    /// Garbage collections by generation (<see cref="Gen0"/> counts every collection, <see cref="Gen1"/> those of gen 1 or
    /// more, <see cref="Gen2"/> the full ones) and their pause time, as <c>GET /diagnostics/gc</c> reports them: a difference
    /// of two readings tells whether a collection paused the app or the load client while a change was being delivered.
    /// </summary>
    private readonly record struct GcWindow(int Gen0, int Gen1, int Gen2, double PauseMs)
    {
        public static GcWindow Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds);

        public static GcWindow operator -(GcWindow a, GcWindow b) => new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.PauseMs - b.PauseMs);

        public static GcWindow operator +(GcWindow a, GcWindow b) => new(a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2, a.PauseMs + b.PauseMs);

        public override string ToString() => Gen0 == 0 ? "none"
            : $"{Gen0} collection(s){(Gen1 > 0 ? $" ({Gen1} gen 1+{(Gen2 > 0 ? $", {Gen2} gen 2" : "")})" : "")} pausing {Log.Num(PauseMs, 1)} ms";
    }

    /// <summary>The app's collections so far (GET /diagnostics/gc), read outside the measured window.</summary>
    private static async Task<GcWindow> ServerGcAsync(HttpClient http, CancellationToken ct)
    {
        using var response = await http.GetAsync("/diagnostics/gc", ct);
        if (!response.IsSuccessStatusCode)
            throw new BenchmarkException($"GET /diagnostics/gc: HTTP {(int)response.StatusCode} (the app must run in Development with Diagnostics:Enabled=true)");
        return await response.Content.ReadFromJsonAsync<GcWindow?>(ct) ?? throw new BenchmarkException("GET /diagnostics/gc: empty answer");
    }

    private static async Task<MemoryBody> MemoryAsync(HttpClient http, CancellationToken ct)
    {
        using var response = await http.GetAsync("/diagnostics/memory?gc=true", ct);
        if (!response.IsSuccessStatusCode)
            throw new BenchmarkException($"GET /diagnostics/memory: HTTP {(int)response.StatusCode} (the app must run in Development with Diagnostics:Enabled=true)");
        return await response.Content.ReadFromJsonAsync<MemoryBody>(ct) ?? throw new BenchmarkException("GET /diagnostics/memory: empty answer");
    }

    private static async Task CloseAllAsync(List<BlazorCircuitClient> circuits)
    {
        if (circuits.Count == 0) return;
        var stopwatch = Stopwatch.StartNew();
        foreach (var chunk in circuits.Chunk(50))
            await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask()));
        Log.Info($"closed {circuits.Count} circuits in {Log.Ms(stopwatch.Elapsed)}");
        circuits.Clear();
    }
}
