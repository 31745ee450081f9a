using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FoccoCrm.E2E;

/// <summary>Keeps the app's warnings and errors during the E2E run, written to server.log next to the screenshots.</summary>
public sealed class ServerLog : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void Dispose() { }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log.Lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss} {logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
