using Nightshift.Durable;

namespace Nightshift.Activities.Jobs;

/// <summary>A scheduler command failed; <see cref="IsTransient"/> says whether trying again may help.</summary>
public sealed class SchedulerCommandException : NightshiftException
{
    /// <summary>Creates the exception.</summary>
    public SchedulerCommandException(string message, bool isTransient, Exception? inner = null) : base(message, inner)
    {
        IsTransient = isTransient;
    }

    /// <summary>True for controller hiccups (timeouts, garbled messages) that go away on their own.</summary>
    public bool IsTransient { get; }
}
