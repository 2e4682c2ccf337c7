using System.Text.Json.Serialization;

namespace Nightshift.Activities.Demo;

/// <summary>One chunk of the demo: the integers <paramref name="From"/> to <paramref name="To"/>, both included.</summary>
/// <param name="Index">The chunk's position in the fan-out, from 0.</param>
/// <param name="From">The first integer of the range (at least 1).</param>
/// <param name="To">The last integer of the range.</param>
/// <param name="HaltFile">Fault injection: while this file exists the chunk fails, so that an operator can try <c>restart</c>.</param>
public sealed record ChunkInput(int Index, long From, long To, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HaltFile = null);
