namespace FoccoCrm.Benchmarks.Infrastructure;

/// <summary>Finds the checkout: the folder holding FoccoCrm.sln.</summary>
public static class RepositoryLocator
{
    public const string SolutionFile = "FoccoCrm.sln";

    public static string Find(string? explicitRoot)
    {
        if (explicitRoot is not null)
        {
            if (File.Exists(Path.Combine(explicitRoot, SolutionFile))) return explicitRoot;
            throw new BenchmarkException($"--repo {explicitRoot}: no {SolutionFile} there.");
        }
        // The current folder first (dotnet run from the repo root), then where the benchmark binary lives.
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            if (WalkUp(start) is { } root) return root;
        throw new BenchmarkException(
            $"Cannot find {SolutionFile} above '{Environment.CurrentDirectory}' or '{AppContext.BaseDirectory}'. Run from the repository or pass --repo PATH.");
    }

    private static string? WalkUp(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        return null;
    }
}
