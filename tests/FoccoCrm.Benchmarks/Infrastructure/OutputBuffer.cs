using System.Diagnostics;
using System.Globalization;

namespace FoccoCrm.Benchmarks.Infrastructure;

/// <summary>
/// Collects a child process's output lines, keeping only the last <c>capacity</c> ones (for error messages and logs).
/// With a clock, each line is stamped with the time it arrived (relative to the clock's start).
/// </summary>
public sealed class OutputBuffer(int capacity = 200, Stopwatch? clock = null)
{
    private readonly Queue<(TimeSpan At, string Line)> _lines = new();
    private readonly Lock _lock = new();

    public void Add(string? line)
    {
        if (line is null) return;
        var at = clock?.Elapsed ?? TimeSpan.Zero;
        lock (_lock)
        {
            if (_lines.Count == capacity) _lines.Dequeue();
            _lines.Enqueue((at, line));
        }
    }

    /// <summary>When the first kept line containing <paramref name="text"/> arrived, if any.</summary>
    public TimeSpan? FirstArrival(string text)
    {
        lock (_lock)
            foreach (var (at, line) in _lines)
                if (line.Contains(text, StringComparison.Ordinal)) return at;
        return null;
    }

    /// <summary>The last <paramref name="count"/> lines; with <paramref name="stamped"/>, prefixed by "[+N ms]".</summary>
    public string Tail(int count, bool stamped = false)
    {
        lock (_lock)
            return string.Join(Environment.NewLine, _lines
                .Skip(Math.Max(0, _lines.Count - count))
                .Select(l => stamped ? $"[+{l.At.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture),6} ms] {l.Line}" : l.Line));
    }
}
