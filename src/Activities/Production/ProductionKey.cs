namespace Nightshift.Activities.Production;

/// <summary>
/// What names a production: its name (<c>main</c>, or a person's test production), the code version it runs
/// (<c>SNF-02-03</c>) and its output version (the SNfactory "production ID": 0 for the central production).
/// Outputs go to <c>OUTPUT/CODE_VERSION/NAME.OUTPUT_VERSION/</c>, and every table row carries all three.
/// </summary>
public sealed record ProductionKey(string Name, string CodeVersion, int OutputVersion)
{
    /// <summary>The directory of this production under the output root.</summary>
    public string Directory(string outputRoot) => Path.Combine(outputRoot, CodeVersion, $"{Name}.{OutputVersion}");

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {CodeVersion} v{OutputVersion}";
}
