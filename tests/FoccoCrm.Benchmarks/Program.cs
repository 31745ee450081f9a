// Benchmarks for FoccoCrm. Run from the repository root:
//
//   dotnet run -c Release --project tests/FoccoCrm.Benchmarks -- <scenario> [options]
//
// Results go to stdout as "RESULT <name> <value>" lines (invariant culture); progress and errors go to stderr.
// Exit codes: 0 success, 1 benchmark failed, 2 usage error, 130 cancelled.
// To add a scenario: implement IScenario in Scenarios/ and add it to the list below.

using System.Globalization;
using System.Runtime.InteropServices;
using FoccoCrm.Benchmarks.Infrastructure;
using FoccoCrm.Benchmarks.Scenarios;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

IScenario[] scenarios =
[
    new StartupScenario(),
    new PersonsScenario(),
    new ChecklistsScenario(),
    new BoardScenario(),
    new DigestScenario(),
    new SelectionScenario(),
];

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    PrintUsage(Console.Error);
    return args.Length == 0 ? 2 : 0;
}

var scenario = scenarios.FirstOrDefault(s => string.Equals(s.Name, args[0], StringComparison.OrdinalIgnoreCase));
if (scenario is null)
{
    Console.Error.WriteLine($"Unknown scenario '{args[0]}'.");
    PrintUsage(Console.Error);
    return 2;
}

var options = BenchmarkOptions.Parse(args[1..], out var optionError);
if (options is null)
{
    Console.Error.WriteLine($"Bad options: {optionError}.");
    PrintUsage(Console.Error);
    return 2;
}

// Ctrl+C / SIGTERM: let the scenario unwind so the apps it started are killed and its temp folder deleted.
// A second signal terminates at once.
using var cancellation = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    if (cancellation.IsCancellationRequested) return;
    context.Cancel = true;
    Log.Info($"{context.Signal}: cancelling...");
    cancellation.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

try
{
    var root = RepositoryLocator.Find(options.RepositoryRoot);
    Log.Info($"scenario '{scenario.Name}', repository {root}, runs {options.Runs}");
    using var workspace = new Workspace(options.KeepTemp);
    await scenario.RunAsync(new ScenarioContext(root, options, workspace), cancellation.Token);
    return 0;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Log.Error("cancelled");
    return 130;
}
catch (BenchmarkException e)
{
    Log.Error(e.Message);
    return 1;
}
catch (Exception e)
{
    Log.Error($"unexpected failure: {e}");
    return 1;
}

void PrintUsage(TextWriter writer)
{
    writer.WriteLine("Usage: dotnet run -c Release --project tests/FoccoCrm.Benchmarks -- <scenario> [options]");
    writer.WriteLine();
    writer.WriteLine("Scenarios:");
    foreach (var s in scenarios) writer.WriteLine($"  {s.Name,-14}  {s.Description}");
    writer.WriteLine();
    writer.WriteLine("Options:");
    writer.Write(BenchmarkOptions.Usage);
    writer.WriteLine();
}
