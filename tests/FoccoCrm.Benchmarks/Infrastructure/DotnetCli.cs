using System.Diagnostics;

namespace FoccoCrm.Benchmarks.Infrastructure;

/// <summary>Runs the dotnet CLI (new, publish, ...) and the apps it produced.</summary>
public static class DotnetCli
{
    /// <summary>The dotnet host: the one running this benchmark when possible, else DOTNET_HOST_PATH / DOTNET_ROOT / PATH.</summary>
    public static string HostPath { get; } = ResolveHost();

    /// <summary>
    /// Starts info for a dotnet process with redirected output and a clean environment: MSBuild variables a parent
    /// build may have left behind are removed, and first-run/telemetry noise is turned off.
    /// </summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(HostPath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(name);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false";
        return info;
    }

    /// <summary>Runs a CLI command to completion; throws <see cref="BenchmarkException"/> with the output's tail when it fails.</summary>
    public static async Task RunAsync(string description, string workingDirectory, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var commandLine = "dotnet " + string.Join(' ', arguments.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));
        Log.Info($"{description}: {commandLine}");
        var output = new OutputBuffer(400);
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = StartInfo(workingDirectory, arguments) };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new BenchmarkException($"{description}: cannot start '{HostPath}': {e.Message}", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutCts.Token);
        }
        catch (OperationCanceledException)
        {
            ProcessTree.Kill(process);
            ct.ThrowIfCancellationRequested();
            throw new BenchmarkException(
                $"{description} did not finish within {timeout.TotalSeconds:F0} s ({commandLine}). Last output:{Environment.NewLine}{output.Tail(40)}");
        }
        process.WaitForExit(); // drains the redirected output

        if (process.ExitCode != 0)
            throw new BenchmarkException(
                $"{description} failed with exit code {process.ExitCode} ({commandLine}, in {workingDirectory}). Last output:{Environment.NewLine}{output.Tail(40)}");
        Log.Info($"{description}: done in {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    private static string ResolveHost()
    {
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        // Under "dotnet FoccoCrm.Benchmarks.dll" the process is the host itself; under "dotnet run" it is the apphost.
        if (Environment.ProcessPath is { } self && string.Equals(Path.GetFileName(self), executable, StringComparison.OrdinalIgnoreCase))
            return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
            return hostPath;
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, executable)))
            return Path.Combine(root, executable);
        return executable; // resolved from PATH
    }
}
