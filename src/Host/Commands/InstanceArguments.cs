using System.CommandLine;

namespace Nightshift.Host.Commands;

/// <summary>Arguments and options that several commands share.</summary>
internal static class InstanceArguments
{
    public static Argument<string> Instance(string description = "The instance id (see 'nightshift list').")
        => new("INSTANCE") { Description = description };

    public static Option<bool> Json(string description)
        => new("--json") { Description = description };

    public static Option<string?> Reason(string description)
        => new("--reason") { Description = description, HelpName = "TEXT" };
}
