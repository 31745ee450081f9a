using FoccoCrm.Benchmarks.Infrastructure;

namespace FoccoCrm.Benchmarks.Scenarios;

/// <summary>Everything a scenario gets: the checkout, the options and a temporary workspace outside the repository.</summary>
public sealed record ScenarioContext(string RepositoryRoot, BenchmarkOptions Options, Workspace Workspace);

/// <summary>
/// One benchmark, selected by name on the command line. It reports through <see cref="Log.Result"/>
/// ("RESULT &lt;scenario&gt;.&lt;metric&gt; &lt;value&gt;") and signals failure with <see cref="BenchmarkException"/>.
/// </summary>
public interface IScenario
{
    /// <summary>Name used on the command line and as the prefix of its results.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Description { get; }

    Task RunAsync(ScenarioContext context, CancellationToken ct);
}
