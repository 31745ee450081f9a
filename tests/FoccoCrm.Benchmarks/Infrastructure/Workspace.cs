namespace FoccoCrm.Benchmarks.Infrastructure;

/// <summary>
/// A temporary folder outside the repository for publish outputs, databases and generated projects.
/// Deleted on dispose unless asked to keep it.
/// </summary>
public sealed class Workspace : IDisposable
{
    private readonly bool _keep;

    public string Root { get; }

    public Workspace(bool keep)
    {
        _keep = keep;
        Root = Path.Combine(Path.GetTempPath(), "focco-bench-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(Root);
    }

    /// <summary>A path inside the workspace (not created).</summary>
    public string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A fresh, empty folder inside the workspace.</summary>
    public string CreateEmptyFolder(params string[] parts)
    {
        var path = PathOf(parts);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Stops MSBuild from importing Directory.Build.props/.targets and Directory.Packages.props from folders
    /// above the workspace, so projects generated here build with plain SDK defaults wherever the temp folder is.
    /// </summary>
    public void IsolateFromParentBuildFiles()
    {
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            File.WriteAllText(PathOf(name), "<Project />\n");
    }

    public void Dispose()
    {
        if (_keep)
        {
            Log.Info($"temporary folder kept: {Root}");
            return;
        }
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (attempt == 3) Log.Warn($"could not delete {Root}: {e.Message}");
                else Thread.Sleep(500);
            }
        }
    }
}
