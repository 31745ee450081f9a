using System.Globalization;

namespace FoccoCrm.Benchmarks.Infrastructure;

/// <summary>Options shared by all scenarios (everything after the scenario name).</summary>
public sealed record BenchmarkOptions
{
    /// <summary>How many times each measurement is repeated; the median is reported.</summary>
    public int Runs { get; init; } = 1;

    /// <summary>How long an app may take to answer its first request.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long an app stays idle before its memory is read.</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Rows a data scenario seeds (persons: 1,000,000 when not given).</summary>
    public int? Rows { get; init; }

    /// <summary>Circuit counts the board scenario measures, ascending (default 250 and 1000).</summary>
    public IReadOnlyList<int>? Circuits { get; init; }

    /// <summary>Changes (render fan-outs, hub broadcasts) measured per circuit count (board: default 20).</summary>
    public int? Triggers { get; init; }

    /// <summary>Use an app that is already running (with diagnostics enabled) instead of publishing and starting one.</summary>
    public Uri? Url { get; init; }

    /// <summary>What the board scenario opens and changes (see BoardScenario's targets).</summary>
    public string? Target { get; init; }

    /// <summary>Keep the temporary folder (publish outputs, databases, app logs) for inspection.</summary>
    public bool KeepTemp { get; init; }

    /// <summary>Explicit repository root; found by walking up to FoccoCrm.sln when not given.</summary>
    public string? RepositoryRoot { get; init; }

    public const string Usage = """
          --runs N        repeat each cold start N times (fresh database each) and report the median (default 1)
          --timeout S     seconds an app may take to answer its first request (default 120)
          --idle S        seconds to stay idle before reading the resident memory (default 5)
          --rows N        rows a data scenario seeds (persons: default 1000000)
          --circuits A,B  board: circuit counts to measure (default 250,1000)
          --triggers K    board: changes measured per circuit count (default 20)
          --target NAME   board: page + change to measure (board: /tickets/board + a ticket move; bell: the app bar bell)
          --url URL       board: measure an app already running there (Development, Diagnostics:Enabled) instead of publishing one
          --keep-temp     keep the temporary folder (publish outputs, databases, app logs)
          --repo PATH     repository root (default: walk up from the current folder to FoccoCrm.sln)
        """;

    /// <summary>Parses the options; returns null and sets <paramref name="error"/> on bad input.</summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new BenchmarkOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? Value()
            {
                if (i + 1 < args.Count) return args[++i];
                return null;
            }
            switch (arg)
            {
                case "--runs":
                    if (!TryPositiveInt(Value(), out var runs)) { error = "--runs needs a whole number >= 1"; return null; }
                    options = options with { Runs = runs };
                    break;
                case "--timeout":
                    if (!TryPositiveInt(Value(), out var timeout)) { error = "--timeout needs a whole number of seconds >= 1"; return null; }
                    options = options with { StartTimeout = TimeSpan.FromSeconds(timeout) };
                    break;
                case "--idle":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var idle)) { error = "--idle needs a whole number of seconds >= 0"; return null; }
                    options = options with { Idle = TimeSpan.FromSeconds(idle) };
                    break;
                case "--rows":
                    if (!TryPositiveInt(Value(), out var rows)) { error = "--rows needs a whole number >= 1"; return null; }
                    options = options with { Rows = rows };
                    break;
                case "--circuits":
                    var counts = new List<int>();
                    foreach (var part in (Value() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!TryPositiveInt(part, out var count)) { error = "--circuits needs whole numbers >= 1, comma-separated"; return null; }
                        counts.Add(count);
                    }
                    if (counts.Count == 0) { error = "--circuits needs whole numbers >= 1, comma-separated"; return null; }
                    options = options with { Circuits = counts.Distinct().Order().ToList() };
                    break;
                case "--triggers":
                    if (!TryPositiveInt(Value(), out var triggers)) { error = "--triggers needs a whole number >= 1"; return null; }
                    options = options with { Triggers = triggers };
                    break;
                case "--url":
                    if (!Uri.TryCreate(Value(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")) { error = "--url needs an absolute http(s) address"; return null; }
                    options = options with { Url = url };
                    break;
                case "--target":
                    var target = Value();
                    if (string.IsNullOrWhiteSpace(target)) { error = "--target needs a name"; return null; }
                    options = options with { Target = target };
                    break;
                case "--keep-temp":
                    options = options with { KeepTemp = true };
                    break;
                case "--repo":
                    var repo = Value();
                    if (string.IsNullOrWhiteSpace(repo)) { error = "--repo needs a path"; return null; }
                    options = options with { RepositoryRoot = Path.GetFullPath(repo) };
                    break;
                default:
                    error = $"unknown option '{arg}'";
                    return null;
            }
        }
        return options;
    }

    private static bool TryPositiveInt(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;
}
