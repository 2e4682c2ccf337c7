using System.Globalization;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>File helpers: writes go through a temporary file and a rename so that a killed job never leaves half a product.</summary>
internal static class DesFiles
{
    public static void WriteText(string path, string text)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temp = path + ".tmp" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    public static List<string> ReadLines(string path)
    {
        try
        {
            return [.. File.ReadLines(path).Where(l => l.Length > 0)];
        }
        catch (FileNotFoundException)
        {
            throw new DesDataException(path, "does not exist");
        }
        catch (DirectoryNotFoundException)
        {
            throw new DesDataException(path, "does not exist");
        }
    }
}
