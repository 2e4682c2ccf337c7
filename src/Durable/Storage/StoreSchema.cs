using System.Globalization;
using System.Reflection;

namespace Nightshift.Durable.Storage;

/// <summary>
/// The tables an add-on keeps in the store's database: its versioned schema scripts for each dialect. Register it with
/// <see cref="INightshiftSqlStore.AddSchema"/>; the store's migration applies every script that <c>schema_version</c>
/// lacks, under the same lock and in the same transaction as its own.
/// </summary>
public sealed class StoreSchema
{
    private readonly IReadOnlyList<SchemaScript> sqlite;
    private readonly IReadOnlyList<SchemaScript> postgres;

    /// <param name="name">Names the add-on in errors, e.g. <c>jobs</c>.</param>
    /// <param name="sqlite">The scripts for a SQLite store.</param>
    /// <param name="postgres">The scripts for a PostgreSQL store, with the same versions.</param>
    public StoreSchema(string name, IEnumerable<SchemaScript> sqlite, IEnumerable<SchemaScript> postgres)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(sqlite);
        ArgumentNullException.ThrowIfNull(postgres);
        Name = name;
        this.sqlite = [.. sqlite.OrderBy(s => s.Version)];
        this.postgres = [.. postgres.OrderBy(s => s.Version)];
        var sqliteVersions = this.sqlite.Select(s => s.Version).ToList();
        var postgresVersions = this.postgres.Select(s => s.Version).ToList();
        // A version present for one dialect only would leave the two databases with different tables under one number.
        if (sqliteVersions.Count != sqliteVersions.Distinct().Count() || !sqliteVersions.SequenceEqual(postgresVersions))
        {
            throw new ArgumentException(
                $"The store schema '{name}' must have one script per version for each dialect; SQLite has [{string.Join(", ", sqliteVersions)}], " +
                $"PostgreSQL [{string.Join(", ", postgresVersions)}].");
        }
    }

    /// <summary>Names the add-on in errors.</summary>
    public string Name { get; }

    /// <summary>The versions this schema owns.</summary>
    public IEnumerable<int> Versions => sqlite.Select(s => s.Version);

    /// <summary>The scripts for a store of <paramref name="kind"/>, in version order.</summary>
    public IReadOnlyList<SchemaScript> ScriptsFor(SqlStoreKind kind) => kind == SqlStoreKind.Sqlite ? sqlite : postgres;

    /// <summary>
    /// Reads the scripts from embedded resources of <paramref name="assembly"/>: <c>NNN-description.sql</c> files whose
    /// manifest names start with <paramref name="resourcePrefix"/> followed by <c>.Sqlite.</c> or <c>.Postgres.</c>
    /// (for a project with root namespace <c>My.Addon</c> and files in <c>Scripts/Sqlite/</c> and <c>Scripts/Postgres/</c>,
    /// the prefix is <c>My.Addon.Scripts</c>).
    /// </summary>
    public static StoreSchema FromEmbeddedResources(string name, Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(resourcePrefix);
        var sqlite = Read(assembly, $"{resourcePrefix}.Sqlite.");
        var postgres = Read(assembly, $"{resourcePrefix}.Postgres.");
        if (sqlite.Count == 0)
        {
            throw new ArgumentException($"The store schema '{name}' has no embedded scripts named '{resourcePrefix}.Sqlite.NNN-description.sql' in {assembly.GetName().Name}.");
        }

        return new StoreSchema(name, sqlite, postgres);
    }

    private static List<SchemaScript> Read(Assembly assembly, string prefix)
    {
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var file = resource[prefix.Length..^4];
            var dash = file.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(file[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new ArgumentException($"The embedded script '{resource}' in {assembly.GetName().Name} is not named NNN-description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new SchemaScript(version, file[(dash + 1)..], reader.ReadToEnd()));
        }

        return scripts;
    }
}
