namespace Nightshift.Activities.Lap;

/// <summary>The outcome of a LAP sequence, as the demo prints it and writes it to <c>summary.json</c>.</summary>
/// <param name="SeqId">The sequence.</param>
/// <param name="Runs">Runs by state.</param>
/// <param name="Exposures">Exposure rows (over all runs) by data state.</param>
/// <param name="StacksWritten">Stacks made (both passes).</param>
/// <param name="StacksFaulted">Stacks that faulted.</param>
/// <param name="Diffs">Final (destreaked) skycell differences.</param>
/// <param name="Detections">Detections in the final differences.</param>
/// <param name="Injected">Injected transients above the S/N floor.</param>
/// <param name="Recoverable">Of those, on good pixels of some final difference.</param>
/// <param name="Recovered">Of those, detected with the right sign within the match radius.</param>
/// <param name="FalseDetections">Detections matching no injected transient of their exposures.</param>
/// <param name="RecoveryRate">Recovered over recoverable.</param>
/// <param name="FalseRate">False over all detections.</param>
/// <param name="OutputDirectory">Where the products are.</param>
public sealed record LapSummary(
    string SeqId,
    IReadOnlyDictionary<string, int> Runs,
    IReadOnlyDictionary<string, int> Exposures,
    int StacksWritten,
    int StacksFaulted,
    int Diffs,
    int Detections,
    int Injected,
    int Recoverable,
    int Recovered,
    int FalseDetections,
    double RecoveryRate,
    double FalseRate,
    string OutputDirectory);
