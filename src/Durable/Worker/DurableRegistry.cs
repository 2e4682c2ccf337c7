namespace Nightshift.Durable.Worker;

/// <summary>The orchestrations and activities known to this process, by name.</summary>
internal sealed class DurableRegistry
{
    private readonly Dictionary<string, Type> orchestrations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> activities = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> OrchestrationNames => orchestrations.Keys;

    public IReadOnlyCollection<string> ActivityNames => activities.Keys;

    public void AddOrchestration(string name, Type type) => Add(orchestrations, name, type, "orchestration");

    public void AddActivity(string name, Type type) => Add(activities, name, type, "activity");

    public Type? FindOrchestration(string name) => orchestrations.GetValueOrDefault(name);

    public Type? FindActivity(string name) => activities.GetValueOrDefault(name);

    private static void Add(Dictionary<string, Type> map, string name, Type type, string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (map.TryGetValue(name, out var existing) && existing != type)
        {
            throw new NightshiftException($"Two {kind} types are registered as '{name}': {existing.FullName} and {type.FullName}.");
        }

        map[name] = type;
    }
}
