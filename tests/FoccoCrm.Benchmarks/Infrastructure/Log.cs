using System.Globalization;

namespace FoccoCrm.Benchmarks.Infrastructure;

/// <summary>
/// Output conventions: machine-readable results go to stdout as "RESULT &lt;name&gt; &lt;value&gt;";
/// everything else (progress, details, errors) goes to stderr so stdout stays parseable.
/// </summary>
public static class Log
{
    public static void Info(string message) => Console.Error.WriteLine($"[bench] {message}");

    public static void Warn(string message) => Console.Error.WriteLine($"[bench] warning: {message}");

    public static void Error(string message) => Console.Error.WriteLine($"[bench] error: {message}");

    /// <summary>Writes one result line; numbers always use the invariant culture.</summary>
    public static void Result(string name, double value, int decimals)
    {
        var text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        Console.Out.WriteLine($"RESULT {name} {text}");
        Console.Out.Flush();
    }

    public static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms";

    public static string Num(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
