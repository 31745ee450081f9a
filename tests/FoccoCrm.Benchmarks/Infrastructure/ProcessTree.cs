using System.Diagnostics;

namespace FoccoCrm.Benchmarks.Infrastructure;

public static class ProcessTree
{
    /// <summary>Kills a process and all its descendants; never throws.</summary>
    public static void Kill(Process process, TimeSpan? wait = null)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone, or never started.
        }
        try
        {
            if (!process.WaitForExit(wait ?? TimeSpan.FromSeconds(10)))
                Log.Warn($"process {SafeId(process)} did not exit after being killed");
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    private static string SafeId(Process process)
    {
        try { return process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture); }
        catch (InvalidOperationException) { return "?"; }
    }
}
