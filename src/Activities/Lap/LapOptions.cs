namespace Nightshift.Activities.Lap;

/// <summary>Where the LAP activities keep their ledger (<c>lap_runs</c>, <c>lap_exposures</c>, …).</summary>
public sealed class LapOptions
{
    /// <summary>
    /// The SQLite file of the ledger; the launcher sets it to the store file so that operators read runs and exposures next
    /// to the instances. When null, the ledger is <c>lap.db</c> in the run's output directory.
    /// </summary>
    public string? LedgerPath { get; set; }

    /// <summary>The ledger file for a run writing under <paramref name="outputDirectory"/>.</summary>
    public string ResolveLedger(string outputDirectory) => LedgerPath ?? Path.Combine(outputDirectory, "lap.db");
}
