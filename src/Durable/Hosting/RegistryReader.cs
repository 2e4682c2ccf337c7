using System.Collections;
using System.Reflection;
using Microsoft.DurableTask;

namespace Nightshift.Durable.Hosting;

/// <summary>
/// Reads the registrations out of the SDK's <see cref="DurableTaskRegistry"/>, with their versions.
/// </summary>
/// <remarks>
/// The public <c>GetOrchestrators()</c> and <c>GetActivities()</c> drop the version, and the versioned dictionaries
/// (<c>OrchestratorsByVersion</c>, <c>ActivitiesByVersion</c>, keyed by the internal <c>TaskVersionKey</c>) are internal,
/// so they are read by reflection. When a later SDK renames them, the public enumeration is used and every
/// registration counts as unversioned, which is what most registries hold anyway.
/// </remarks>
internal static class RegistryReader
{
    public static IReadOnlyList<TaskRegistration<Func<IServiceProvider, ITaskOrchestrator>>> Orchestrators(DurableTaskRegistry registry)
        => Read(registry, "OrchestratorsByVersion", registry.GetOrchestrators());

    public static IReadOnlyList<TaskRegistration<Func<IServiceProvider, ITaskActivity>>> Activities(DurableTaskRegistry registry)
        => Read(registry, "ActivitiesByVersion", registry.GetActivities());

    private static List<TaskRegistration<TFactory>> Read<TFactory>(
        DurableTaskRegistry registry, string versionedProperty, IEnumerable<KeyValuePair<TaskName, TFactory>> unversioned)
        where TFactory : class
    {
        var property = typeof(DurableTaskRegistry).GetProperty(versionedProperty, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        if (property?.GetValue(registry) is IEnumerable versioned)
        {
            var registrations = new List<TaskRegistration<TFactory>>();
            foreach (var entry in versioned)
            {
                var key = Member(entry, "Key");
                if (Text(Member(key, "Name")) is not { Length: > 0 } name || Member(entry, "Value") is not TFactory factory)
                {
                    return Unversioned(unversioned);
                }

                registrations.Add(new TaskRegistration<TFactory>(name, Text(Member(key, "Version")) ?? "", factory));
            }

            return registrations;
        }

        return Unversioned(unversioned);
    }

    private static List<TaskRegistration<TFactory>> Unversioned<TFactory>(IEnumerable<KeyValuePair<TaskName, TFactory>> registrations)
        => [.. registrations.Select(kv => new TaskRegistration<TFactory>(kv.Key.Name, "", kv.Value))];

    private static object? Member(object? target, string name)
        => target?.GetType().GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(target);

    private static string? Text(object? value) => value switch
    {
        string text => text,
        TaskName name => name.Name,
        TaskVersion version => version.Version,
        _ => null,
    };
}
