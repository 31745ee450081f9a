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

    /// <summary>Keep the temporary folder (publish outputs, databases, app logs) for inspection.</summary>
    public bool KeepTemp { get; init; }

    /// <summary>Explicit repository root; found by walking up to FoccoCrm.sln when not given.</summary>
    public string? RepositoryRoot { get; init; }

    public const string Usage = """
          --runs N        repeat each cold start N times (fresh database each) and report the median (default 1)
          --timeout S     seconds an app may take to answer its first request (default 120)
          --idle S        seconds to stay idle before reading the resident memory (default 5)
          --rows N        rows a data scenario seeds (persons: default 1000000)
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
