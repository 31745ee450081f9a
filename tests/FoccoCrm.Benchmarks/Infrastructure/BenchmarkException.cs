namespace FoccoCrm.Benchmarks.Infrastructure;

/// <summary>An expected failure (publish failed, app did not answer, ...): reported as a one-paragraph error, no stack trace.</summary>
public sealed class BenchmarkException(string message, Exception? inner = null) : Exception(message, inner);
