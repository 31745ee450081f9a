using Microsoft.Data.Sqlite;

namespace FoccoCrm.Core.Data;

/// <summary>Configuration section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>
    /// Path of the SQLite file; relative paths are resolved against the app's content root.
    /// Used when ConnectionStrings:Focco is not set. Default: App_Data/foccocrm.db.
    /// </summary>
    public string Path { get; set; } = "App_Data/foccocrm.db";

    /// <summary>Builds the connection string: an explicit ConnectionStrings:Focco wins; else Data Source=&lt;Path&gt;.</summary>
    public static string ResolveConnectionString(string? configured, string? path, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var file = System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, string.IsNullOrWhiteSpace(path) ? "App_Data/foccocrm.db" : path));
        return new SqliteConnectionStringBuilder { DataSource = file, Cache = SqliteCacheMode.Default, Pooling = true }.ToString();
    }

    /// <summary>Creates the folder of a file database so SQLite can create the file.</summary>
    public static void EnsureDirectory(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return;
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }
}
