using System.Text.Json;
using Nightshift.Durable;

namespace Nightshift.Host.Pipelines;

/// <summary>A pipeline the launcher can run by name.</summary>
/// <param name="Name">The name on the command line.</param>
/// <param name="Description">One line for help and error messages.</param>
/// <param name="Orchestration">The registered name of its top-level orchestration.</param>
/// <param name="InputHelp">Its input fields and defaults, for <c>run --help</c>.</param>
/// <param name="ReadInput">Turns the JSON input (null: none given) into the orchestration's input, or throws a usage error naming the field.</param>
/// <param name="Register">Adds its orchestrations and activities to a builder.</param>
/// <param name="Summarize">Turns a completed run's output (JSON) into the lines <c>run</c> prints; null prints the JSON.</param>
internal sealed record Pipeline(
    string Name,
    string Description,
    string Orchestration,
    string InputHelp,
    Func<JsonElement?, object> ReadInput,
    Action<NightshiftBuilder> Register,
    Func<string?, string?>? Summarize = null);
