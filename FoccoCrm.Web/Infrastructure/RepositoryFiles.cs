using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace FoccoCrm.Web.Infrastructure;

/// <summary>
/// The repository keeps two things at its top level that the app serves and reads:
/// wwwroot-assets/ (the app's own static files) and appsettings.Development.json.
/// From a checkout (dotnet run, tests) they are found next to FoccoCrm.sln; from a build or
/// publish output, the copies next to the binaries are used.
/// </summary>
public static class RepositoryFiles
{
    public const string AssetsFolder = "wwwroot-assets";
    public const string DevelopmentSettings = "appsettings.Development.json";

    /// <summary>The checkout's root (the folder holding FoccoCrm.sln), walking up from <paramref name="start"/>.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FoccoCrm.sln"))) return dir.FullName;
        return null;
    }

    public static string AssetsPath(string contentRoot)
    {
        var root = FindRepositoryRoot(contentRoot);
        var fromCheckout = root is null ? null : Path.Combine(root, AssetsFolder);
        return fromCheckout is not null && Directory.Exists(fromCheckout) ? fromCheckout : Path.Combine(AppContext.BaseDirectory, AssetsFolder);
    }

    public static IFileProvider AssetsProvider(string contentRoot) => new PhysicalFileProvider(AssetsPath(contentRoot));

    /// <summary>
    /// In Development, adds the repository's appsettings.Development.json right after appsettings.json,
    /// so environment variables and the command line still win over it.
    /// </summary>
    public static void AddRootDevelopmentSettings(WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment()) return;
        var root = FindRepositoryRoot(builder.Environment.ContentRootPath);
        if (root is null) return;
        var path = Path.Combine(root, DevelopmentSettings);
        var sources = builder.Configuration.Sources;
        var appsettings = sources.OfType<JsonConfigurationSource>().LastOrDefault(s => s.Path is "appsettings.json" or DevelopmentSettings);
        var index = appsettings is null ? 0 : sources.IndexOf(appsettings) + 1;
        var source = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = true };
        source.ResolveFileProvider();
        sources.Insert(index, source);
    }
}
