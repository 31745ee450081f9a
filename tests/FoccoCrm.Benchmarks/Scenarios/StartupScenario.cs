using System.Net;
using System.Runtime.Versioning;
using FoccoCrm.Benchmarks.Infrastructure;

namespace FoccoCrm.Benchmarks.Scenarios;

/// <summary>
/// Cold start of the published app against a fresh, empty SQLite database with demo data enabled
/// (migrations + seeding happen before Kestrel listens), compared with an empty Blazor Server app
/// from the SDK template, published and started the same way.
/// Results: startup.first_page_ms, startup.idle_rss_mb, baseline.first_page_ms, baseline.idle_rss_mb, startup.rss_ratio.
/// </summary>
public sealed class StartupScenario : IScenario
{
    private const string BaselineProject = "BaselineApp";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    public string Name => "startup";

    public string Description => "cold start (publish, fresh DB + demo data) to first login page, idle memory; vs. an empty Blazor Server app";

    public async Task RunAsync(ScenarioContext context, CancellationToken ct)
    {
        var options = context.Options;
        var workspace = context.Workspace;

        var appFolder = await PublishAppAsync(context, ct);
        var baselineFolder = await PublishBaselineAsync(workspace, ct);

        var app = new List<ColdStartResult>();
        var baseline = new List<ColdStartResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var label = options.Runs > 1 ? $" (run {run}/{options.Runs})" : "";

            // A fresh, empty folder for the database each run: migrations and demo seeding are part of the cold start.
            var dbFolder = workspace.CreateEmptyFolder("db", $"run{run}");
            var appLaunch = new WebAppLaunch("FoccoCrm.Web", appFolder, "FoccoCrm.Web.dll", new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Database__Path"] = Path.Combine(dbFolder, "foccocrm.db"),
                ["ConnectionStrings__Focco"] = "", // an inherited connection string would win over Database:Path
                ["DemoData__Enabled"] = "true",
            }, workspace.PathOf("logs", $"focco-run{run}.log"));
            Log.Info($"starting FoccoCrm.Web{label}");
            var a = await ColdStart.MeasureAsync(appLaunch, "/account/login",
                [
                    new WarmupRequest("/", HttpStatusCode.Redirect),
                    new WarmupRequest("/health", HttpStatusCode.OK, "Healthy"),
                ],
                options, ct);
            Report("FoccoCrm.Web", label, a, options);
            if (!File.Exists(Path.Combine(dbFolder, "foccocrm.db")))
                Log.Warn($"FoccoCrm.Web did not create its database at {Path.Combine(dbFolder, "foccocrm.db")}; is Database__Path honoured?");
            app.Add(a);

            var baselineLaunch = new WebAppLaunch("baseline", baselineFolder, BaselineProject + ".dll", new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            }, workspace.PathOf("logs", $"baseline-run{run}.log"));
            Log.Info($"starting baseline{label}");
            var b = await ColdStart.MeasureAsync(baselineLaunch, "/",
                [
                    new WarmupRequest("/", HttpStatusCode.OK),
                ],
                options, ct);
            Report("baseline", label, b, options);
            baseline.Add(b);
        }

        var appFirstPage = Statistics.Median(app.Select(r => r.FirstPage.TotalMilliseconds));
        var appRss = Statistics.Median(app.Select(r => r.IdleRssMb));
        var baselineFirstPage = Statistics.Median(baseline.Select(r => r.FirstPage.TotalMilliseconds));
        var baselineRss = Statistics.Median(baseline.Select(r => r.IdleRssMb));

        Log.Result("startup.first_page_ms", appFirstPage, 0);
        Log.Result("startup.idle_rss_mb", appRss, 1);
        Log.Result("baseline.first_page_ms", baselineFirstPage, 0);
        Log.Result("baseline.idle_rss_mb", baselineRss, 1);
        Log.Result("startup.rss_ratio", appRss / baselineRss, 2);
    }

    internal static async Task<string> PublishAppAsync(ScenarioContext context, CancellationToken ct)
    {
        var project = Path.Combine(context.RepositoryRoot, "FoccoCrm.Web", "FoccoCrm.Web.csproj");
        if (!File.Exists(project)) throw new BenchmarkException($"{project} not found.");
        var output = context.Workspace.CreateEmptyFolder("focco");
        await DotnetCli.RunAsync("publish FoccoCrm.Web", context.RepositoryRoot,
            ["publish", project, "-c", "Release", "-o", output, "-nologo"], PublishTimeout, ct);
        return output;
    }

    /// <summary>
    /// An empty Blazor Web App with Server interactivity (no sample pages, no auth, no HTTPS profile),
    /// generated in the workspace, which is shielded from any Directory.Build.props above it.
    /// </summary>
    private static async Task<string> PublishBaselineAsync(Workspace workspace, CancellationToken ct)
    {
        workspace.IsolateFromParentBuildFiles();
        var source = workspace.CreateEmptyFolder("baseline-src");
        await DotnetCli.RunAsync("create baseline (dotnet new blazor)", workspace.Root,
            ["new", "blazor", "-n", BaselineProject, "-o", source,
             "--framework", TargetFrameworkMoniker(),
             "--interactivity", "Server", "--empty", "--auth", "None", "--no-https",
             "--no-update-check"],
            TimeSpan.FromMinutes(5), ct);
        var output = workspace.CreateEmptyFolder("baseline");
        await DotnetCli.RunAsync("publish baseline", source,
            ["publish", Path.Combine(source, BaselineProject + ".csproj"), "-c", "Release", "-o", output, "-nologo"], PublishTimeout, ct);
        return output;
    }

    /// <summary>The baseline targets the same framework as this benchmark (and so as the app): "net10.0".</summary>
    private static string TargetFrameworkMoniker()
    {
        var name = AppContext.TargetFrameworkName is { } n ? new FrameworkName(n) : null;
        return name is null ? $"net{Environment.Version.Major}.0" : $"net{name.Version.Major}.{name.Version.Minor}";
    }

    private static void Report(string name, string label, ColdStartResult r, BenchmarkOptions options) =>
        Log.Info($"{name}{label}: first page after {Log.Ms(r.FirstPage)} (listening after {Optional(r.Listening)}, CPU used {Optional(r.CpuAtFirstPage)}), "
                 + $"RSS {Log.Num(r.RssAtFirstPageMb, 1)} MB at first page, {Log.Num(r.IdleRssMb, 1)} MB after {options.Idle.TotalSeconds:F0} s idle");

    private static string Optional(TimeSpan? t) => t is { } value ? Log.Ms(value) : "?";
}
