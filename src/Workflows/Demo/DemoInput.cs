using System.Text.Json.Serialization;

namespace Nightshift.Workflows.Demo;

/// <summary>
/// The demo's input: <see cref="Chunks"/> ranges of <see cref="Size"/> integers, tiling 1..Chunks·Size.
/// </summary>
public sealed record DemoInput
{
    /// <summary>The largest N = Chunks × Size; keeps every sum within a 64-bit integer.</summary>
    public const long MaxLimit = 4_000_000_000;

    /// <summary>How many chunk activities to fan out.</summary>
    public int Chunks { get; init; } = 24;

    /// <summary>How many integers each chunk covers.</summary>
    public int Size { get; init; } = 20_000;

    /// <summary>When set, the run first waits for an external event of this name (try <c>nightshift raise ID NAME</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Gate { get; init; }

    /// <summary>Fault injection: while this file exists, the chunk <see cref="HaltChunk"/> (every chunk when null) fails.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HaltFile { get; init; }

    /// <summary>The chunk that <see cref="HaltFile"/> halts; every chunk when null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? HaltChunk { get; init; }

    /// <summary>The first problem with this input, naming the field, or null when it is valid.</summary>
    public string? Validate()
    {
        if (Chunks is < 1 or > 1_000_000)
        {
            return $"chunks must be between 1 and 1000000, not {Chunks}";
        }

        if (Size is < 1 or > 10_000_000)
        {
            return $"size must be between 1 and 10000000, not {Size}";
        }

        if ((long)Chunks * Size > MaxLimit)
        {
            return $"chunks × size must be at most {MaxLimit}, not {(long)Chunks * Size}";
        }

        if (Gate is { Length: 0 })
        {
            return "gate must be an event name, not empty";
        }

        if (HaltChunk is { } chunk && (chunk < 0 || chunk >= Chunks))
        {
            return $"haltChunk must be between 0 and {Chunks - 1} (chunks - 1), not {chunk}";
        }

        return null;
    }
}
