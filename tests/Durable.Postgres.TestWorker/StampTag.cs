namespace Nightshift.Durable.Postgres.TestWorker;

/// <summary>The mark a worker puts on its results: the hub it serves, so a test can see who ran what.</summary>
public sealed record StampTag(string Value);
