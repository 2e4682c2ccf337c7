using System.Text;

namespace Nightshift.Activities.Jobs;

/// <summary>The last lines of a log file, read from its end so a huge log costs no more than a small one.</summary>
internal static class LogTail
{
    private const int MaxBytes = 8192;

    public static string? Read(string? path, int lines)
    {
        if (path is null || lines <= 0 || !File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var start = Math.Max(0, stream.Length - MaxBytes);
            stream.Seek(start, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - start];
            stream.ReadExactly(buffer);
            var text = Encoding.UTF8.GetString(buffer).TrimEnd('\n', '\r');
            var all = text.Split('\n');
            // A read that started mid-file begins mid-line; drop that partial first line.
            var skip = start > 0 && all.Length > 1 ? 1 : 0;
            var kept = all.Skip(skip).TakeLast(lines);
            return string.Join('\n', kept);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
