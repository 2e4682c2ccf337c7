namespace Nightshift.Durable.Postgres.TestWorker;

/// <summary>What to stamp, and how long the activity works on it (so a test can kill a worker mid-run).</summary>
public sealed record StampRequest(string Key, int DelayMs);
