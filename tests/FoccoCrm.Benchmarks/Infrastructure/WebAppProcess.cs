using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FoccoCrm.Benchmarks.Infrastructure;

/// <summary>What to start: a published ASP.NET Core app (framework-dependent dll) and how to talk to it.</summary>
/// <param name="Name">Label for messages.</param>
/// <param name="PublishFolder">The publish output; also the working directory (content root).</param>
/// <param name="DllName">Entry assembly inside <paramref name="PublishFolder"/>.</param>
/// <param name="Environment">Extra environment variables (ASPNETCORE_URLS is added by <see cref="WebAppProcess"/>).</param>
/// <param name="LogFile">When set, the app's console output is saved there when it is stopped.</param>
public sealed record WebAppLaunch(string Name, string PublishFolder, string DllName, IReadOnlyDictionary<string, string> Environment, string? LogFile = null);

/// <summary>
/// A running web app under measurement: started on a free loopback port, polled over HTTP, its resident memory
/// read from /proc. Disposing kills the whole process tree.
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly OutputBuffer _output;
    private readonly HttpClient _http;
    private readonly Stopwatch _sinceStart;
    private readonly string? _logFile;

    public string Name { get; }
    public Uri BaseAddress { get; }
    public int Pid { get; }

    /// <summary>Time since just before the process was started.</summary>
    public TimeSpan Elapsed => _sinceStart.Elapsed;

    private WebAppProcess(string name, Process process, HttpClient http, Uri baseAddress, Stopwatch sinceStart, OutputBuffer output, string? logFile)
    {
        _logFile = logFile;
        Name = name;
        _process = process;
        _http = http;
        BaseAddress = baseAddress;
        _sinceStart = sinceStart;
        _output = output;
        Pid = process.Id;
    }

    public static async Task<WebAppProcess> StartAsync(WebAppLaunch launch, CancellationToken ct)
    {
        var dll = Path.Combine(launch.PublishFolder, launch.DllName);
        if (!File.Exists(dll)) throw new BenchmarkException($"{launch.Name}: {dll} not found (did the publish succeed?)");

        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var http = CreateClient(baseAddress);
        // Warm the benchmark's own HTTP stack (JIT, DNS-free connect path) on the still-closed port,
        // so the first real poll isn't delayed by the measuring side.
        await ProbeAsync(http, "/", ct);

        var info = DotnetCli.StartInfo(launch.PublishFolder, [dll]);
        foreach (var (key, value) in launch.Environment) info.Environment[key] = value;
        info.Environment["ASPNETCORE_URLS"] = baseAddress.GetLeftPart(UriPartial.Authority);

        var process = new Process { StartInfo = info };
        var stopwatch = new Stopwatch();
        var output = new OutputBuffer(5000, stopwatch);
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);

        stopwatch.Start();
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            http.Dispose();
            process.Dispose();
            throw new BenchmarkException($"{launch.Name}: cannot start '{DotnetCli.HostPath} {dll}': {e.Message}", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WebAppProcess(launch.Name, process, http, baseAddress, stopwatch, output, launch.LogFile);
    }

    /// <summary>
    /// Polls <paramref name="path"/> until it answers 200 and returns the time from process start to that answer
    /// (full response received). Fails if the process exits or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task<TimeSpan> WaitUntilOkAsync(string path, TimeSpan timeout, TimeSpan pollInterval, CancellationToken ct)
    {
        string last = "no answer yet";
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var (status, error) = await ProbeAsync(_http, path, ct);
            if (status == HttpStatusCode.OK) return _sinceStart.Elapsed;
            last = status is { } s ? $"HTTP {(int)s} {s}" : error ?? "no answer";

            if (_process.HasExited)
                throw new BenchmarkException(
                    $"{Name} exited with code {_process.ExitCode} after {Log.Ms(_sinceStart.Elapsed)} before GET {path} returned 200. {OutputSection()}");
            if (_sinceStart.Elapsed > timeout)
                throw new BenchmarkException(
                    $"{Name}: GET {path} did not return 200 within {timeout.TotalSeconds:F0} s (last: {last}). {OutputSection()}");
            await Task.Delay(pollInterval, ct);
        }
    }

    /// <summary>One GET; returns the status and body, or throws <see cref="BenchmarkException"/> when there is no answer.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync(path, ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new BenchmarkException($"{Name}: GET {path} failed: {e.Message}", e);
        }
    }

    /// <summary>Resident set size in MiB: VmRSS from /proc/&lt;pid&gt;/status on Linux, the working set elsewhere.</summary>
    public double ReadResidentMemoryMb()
    {
        if (_process.HasExited)
            throw new BenchmarkException($"{Name} exited (code {_process.ExitCode}) before its memory could be read. {OutputSection()}");
        var status = $"/proc/{Pid.ToString(CultureInfo.InvariantCulture)}/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                var parts = line["VmRSS:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[1] == "kB" && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
                    return kb / 1024.0;
                throw new BenchmarkException($"{Name}: unexpected line in {status}: '{line}'");
            }
            throw new BenchmarkException($"{Name}: no VmRSS line in {status}");
        }
        _process.Refresh();
        return _process.WorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>
    /// CPU time (user + system, all threads) the app has used so far. Less sensitive than wall time to a busy machine,
    /// so it helps tell a slower app from a noisy run.
    /// </summary>
    public TimeSpan? CpuTime()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public string OutputTail(int lines) => _output.Tail(lines);

    /// <summary>The output's tail for an error message (after the process exited, once its output is drained).</summary>
    private string OutputSection()
    {
        if (_process.HasExited) _process.WaitForExit(); // the app starts no children, so its pipes close with it
        var tail = _output.Tail(40, stamped: true);
        return tail.Length > 0 ? $"Last output (time since start):{Environment.NewLine}{tail}" : "The app wrote no output.";
    }

    /// <summary>
    /// When Kestrel logged "Now listening on" (from process start), if that line was seen: separates the work done
    /// before the server listens (configuration, migrations, seeding) from the first request.
    /// </summary>
    public TimeSpan? ListeningAt => _output.FirstArrival("Now listening on");

    public ValueTask DisposeAsync()
    {
        ProcessTree.Kill(_process);
        _process.Dispose();
        if (_logFile is not null)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_logFile)!);
                File.WriteAllText(_logFile, _output.Tail(int.MaxValue, stamped: true) + Environment.NewLine);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.Warn($"could not write {_logFile}: {e.Message}");
            }
        }
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private static HttpClient CreateClient(Uri baseAddress) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = baseAddress,
            // Generous: the first answer includes the app's own warm-up (JIT, first render), which is what we measure.
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>One GET that never throws for "not listening yet": returns the status, or the error text.</summary>
    private static async Task<(HttpStatusCode? Status, string? Error)> ProbeAsync(HttpClient http, string path, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
            return (response.StatusCode, null);
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            return (null, "request timed out: " + e.Message);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
