using System.Reflection;

namespace Nightshift.Host.Hosting;

/// <summary>The words that start this very launcher as <c>nightshift kernel</c>, for the batch jobs its worker submits.</summary>
internal static class KernelLauncher
{
    public static IReadOnlyList<string> Words()
    {
        var process = Environment.ProcessPath;
        if (process is null)
        {
            return ["nightshift", "kernel"];
        }

        // Started as 'dotnet nightshift.dll': the job must name the assembly too.
        var entry = Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && !string.IsNullOrEmpty(entry)
            ? [process, entry, "kernel"]
            : [process, "kernel"];
    }
}
