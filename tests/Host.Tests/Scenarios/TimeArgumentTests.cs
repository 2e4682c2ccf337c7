using Nightshift.Host.Cli;

namespace Nightshift.Host.Tests.Scenarios;

[TestClass]
public sealed class TimeArgumentTests
{
    private static readonly DateTime Now = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [TestMethod]
    [DataRow("90s", "2025-06-01T11:58:30Z")]
    [DataRow("15m", "2025-06-01T11:45:00Z")]
    [DataRow("2h", "2025-06-01T10:00:00Z")]
    [DataRow("7d", "2025-05-25T12:00:00Z")]
    [DataRow("2025-05-31", "2025-05-31T00:00:00Z")]
    [DataRow("2025-05-31T08:00:00", "2025-05-31T08:00:00Z")]
    [DataRow("2025-05-31T08:00:00+02:00", "2025-05-31T06:00:00Z")]
    public void Times_are_ages_or_ISO_8601_read_as_UTC(string text, string expected)
    {
        Assert.IsTrue(TimeArgument.TryParse(text, Now, out var utc));
        Assert.AreEqual(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), utc);
        Assert.AreEqual(DateTimeKind.Utc, utc.Kind);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("yesterday")]
    [DataRow("-2h")]
    [DataRow("5x")]
    public void Anything_else_is_not_a_time(string text)
        => Assert.IsFalse(TimeArgument.TryParse(text, Now, out _));
}
