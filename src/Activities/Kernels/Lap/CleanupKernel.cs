namespace Nightshift.Activities.Kernels.Lap;

/// <summary>
/// The cleanup stage: delete the intermediate products of a chip (its chip, warp, diff and destreaked files) given as a
/// list of paths, and report what was removed. It never deletes outside <c>root</c> and never deletes directories.
/// </summary>
public static class CleanupKernel
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "lap-cleanup";

    /// <summary>Deletes <paramref name="paths"/>; when <paramref name="root"/> is given, only files under it.</summary>
    public static CleanupResult Run(IEnumerable<string> paths, string? root = null)
    {
        var fullRoot = root is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        var removed = new List<string>();
        var missing = new List<string>();
        var refused = new List<string>();
        long bytes = 0;
        // Sorted and de-duplicated so that the report is the same whatever order the caller listed the files in.
        foreach (var path in paths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if ((fullRoot is not null && !path.StartsWith(fullRoot, StringComparison.Ordinal)) || Directory.Exists(path))
            {
                refused.Add(path);
                continue;
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                missing.Add(path);
                continue;
            }

            var length = info.Length;
            try
            {
                info.Delete();
            }
            catch (FileNotFoundException)
            {
                // Another cleanup of the same chip got there first; the file is gone either way.
                missing.Add(path);
                continue;
            }

            removed.Add(path);
            bytes += length;
        }

        return new CleanupResult(removed, missing, refused, bytes);
    }
}
