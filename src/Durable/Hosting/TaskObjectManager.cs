using DurableTask.Core;

namespace Nightshift.Durable.Hosting;

/// <summary>
/// Finds the orchestration or activity that DurableTask.Core asks for by (name, version).
/// </summary>
/// <remarks>
/// DurableTask.Core's own manager matches name and version exactly, but the SDK schedules activities (and
/// sub-orchestrations) under the calling orchestration's version, so an exact miss falls back to the unversioned
/// registration of the name, as the SDK's own worker does when the name has no versioned registration at all. A
/// name that is not registered gets <c>missing</c>'s object, which fails the task with a message instead of letting
/// DurableTask.Core abandon the work item and retry it forever.
/// </remarks>
internal sealed class TaskObjectManager<T> : INameVersionObjectManager<T>
{
    private readonly Dictionary<(string Name, string Version), ObjectCreator<T>> creators = [];
    private readonly HashSet<string> versionedNames = new(StringComparer.Ordinal);
    private readonly Func<string, string, T> missing;

    public TaskObjectManager(Func<string, string, T> missing) => this.missing = missing;

    public int Count => creators.Count;

    public void Add(ObjectCreator<T> creator)
    {
        var key = (creator.Name, creator.Version ?? "");
        if (!creators.TryAdd(key, creator))
        {
            throw new InvalidOperationException($"'{creator.Name}' (version '{key.Item2}') is registered twice.");
        }

        if (key.Item2.Length > 0)
        {
            versionedNames.Add(creator.Name);
        }
    }

    public T GetObject(string name, string? version)
    {
        version ??= "";
        if (creators.TryGetValue((name, version), out var creator))
        {
            return creator.Create();
        }

        if (version.Length > 0 && !versionedNames.Contains(name) && creators.TryGetValue((name, ""), out creator))
        {
            return creator.Create();
        }

        return missing(name, version);
    }
}
