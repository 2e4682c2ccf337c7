namespace Nightshift.Activities.Jobs;

/// <summary>What a scheduler command printed and returned.</summary>
internal sealed record CommandResult(int ExitCode, string Stdout, string Stderr);
