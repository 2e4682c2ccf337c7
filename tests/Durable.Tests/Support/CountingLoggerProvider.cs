using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Nightshift.Durable.Tests.Support;

/// <summary>Keeps every log line written through it, with its category, so tests can count them.</summary>
public sealed class CountingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message)> lines = new();

    public IReadOnlyList<string> Messages(string category)
        => lines.Where(l => l.Category == category).Select(l => l.Message).ToList();

    /// <summary>Every line, as "category: message", for diagnostics.</summary>
    public IReadOnlyList<string> All => lines.Select(l => $"{l.Category}: {l.Message}").ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CountingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => provider.lines.Enqueue((category, formatter(state, exception)));
    }
}
