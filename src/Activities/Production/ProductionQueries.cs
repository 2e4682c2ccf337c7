using Nightshift.Activities.Jobs;
using Nightshift.Durable;

namespace Nightshift.Activities.Production;

/// <summary>Read-only questions about registered productions, for <c>nightshift production check</c>.</summary>
public sealed class ProductionQueries
{
    private readonly ProductionLedger ledger;

    internal ProductionQueries(ProductionLedger ledger) => this.ledger = ledger;

    /// <summary>
    /// Compares the outputs the production's completed jobs declared with what it registered and what is on disk.
    /// Without <paramref name="codeVersion"/> and <paramref name="outputVersion"/> the name must be unambiguous.
    /// </summary>
    /// <exception cref="NightshiftException">No such production, or the name matches several versions.</exception>
    public async Task<ProductionCheck> CheckAsync(string name, string? codeVersion = null, int? outputVersion = null, CancellationToken cancellationToken = default)
    {
        var all = await ledger.FindAsync(name, cancellationToken).ConfigureAwait(false);
        var matches = all.Where(r => (codeVersion is null || r.Key.CodeVersion == codeVersion) && (outputVersion is null || r.Key.OutputVersion == outputVersion)).ToList();
        if (matches.Count == 0)
        {
            throw new NightshiftException(all.Count == 0
                ? $"no registered production named '{name}'"
                : $"production '{name}' has no version {codeVersion ?? "*"} output {outputVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*"} (registered: {string.Join(", ", all.Select(r => r.Key))})");
        }

        if (matches.Count > 1)
        {
            throw new NightshiftException($"production '{name}' is ambiguous: {string.Join(", ", matches.Select(r => r.Key))}; give --code-version and --output-version");
        }

        var (key, status, _, _) = matches[0];
        var jobs = await ledger.CompletedJobsAsync(key, cancellationToken).ConfigureAwait(false);
        var registered = await ledger.RegisteredAsync(key, cancellationToken).ConfigureAwait(false);
        var registeredSet = registered.ToHashSet(StringComparer.Ordinal);
        var expected = 0;
        var notRegistered = new List<string>();
        foreach (var (_, _, jobKey, specJson) in jobs)
        {
            var spec = DurableJson.Deserialize<JobSpec>(specJson)!;
            foreach (var output in spec.Outputs)
            {
                expected++;
                var prefix = output.TrimEnd('/') + "/";
                if (!registeredSet.Contains(output) && !registered.Any(r => r.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    notRegistered.Add($"{jobKey} {output}");
                }
            }
        }

        return new ProductionCheck(key, status, jobs.Count, expected, registered.Count)
        {
            NotRegistered = notRegistered,
            MissingOnDisk = registered.Where(r => !File.Exists(r)).ToList(),
        };
    }
}
