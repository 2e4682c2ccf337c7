namespace Nightshift.Activities.Production;

/// <summary>
/// Expected against registered outputs of one production (SNfactory's <c>check_job_output</c>): every output that a
/// completed job of the production declared should be registered (a file, or files under a directory) and on disk.
/// </summary>
/// <param name="Key">The production.</param>
/// <param name="Status">Its status in <c>productions</c>.</param>
/// <param name="Jobs">Completed jobs looked at.</param>
/// <param name="Expected">Outputs those jobs declared.</param>
/// <param name="Registered">Files registered in <c>production_outputs</c>.</param>
public sealed record ProductionCheck(ProductionKey Key, string Status, int Jobs, int Expected, int Registered)
{
    /// <summary>Declared outputs with no registered file, as "JOB_KEY PATH".</summary>
    public IReadOnlyList<string> NotRegistered { get; init; } = [];

    /// <summary>Registered files that are no longer on disk.</summary>
    public IReadOnlyList<string> MissingOnDisk { get; init; } = [];

    /// <summary>True when every expected output is registered and every registered file exists.</summary>
    public bool Consistent => NotRegistered.Count == 0 && MissingOnDisk.Count == 0;
}
