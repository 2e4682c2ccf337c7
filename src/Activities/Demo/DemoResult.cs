using System.Text.Json.Serialization;

namespace Nightshift.Activities.Demo;

/// <summary>The demo's output: what was computed, how it was checked, and one line that says it.</summary>
/// <param name="Summary">One line for people.</param>
/// <param name="Chunks">How many chunk activities ran.</param>
/// <param name="Size">The integers per chunk.</param>
/// <param name="Limit">The largest integer covered.</param>
/// <param name="Primes">π(Limit).</param>
/// <param name="PrimeSum">The sum of the primes up to Limit.</param>
/// <param name="Sum">The sum of 1..Limit.</param>
/// <param name="InverseSquares">The sum of 1/n² for n = 1..Limit.</param>
/// <param name="Verified">True when every check passed.</param>
/// <param name="Checks">The checks.</param>
/// <param name="ElapsedSeconds">Orchestration time from start to summary.</param>
/// <param name="Released">The event that released the run's gate, if it had one.</param>
public sealed record DemoResult(
    string Summary,
    int Chunks,
    int Size,
    long Limit,
    long Primes,
    long PrimeSum,
    long Sum,
    double InverseSquares,
    bool Verified,
    IReadOnlyList<DemoCheck> Checks,
    double ElapsedSeconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Released);
