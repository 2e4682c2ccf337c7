namespace Nightshift.Durable.Hosting;

/// <summary>One registered orchestrator or activity: its name, version ("" when unversioned) and factory.</summary>
internal sealed record TaskRegistration<TFactory>(string Name, string Version, TFactory Factory);
