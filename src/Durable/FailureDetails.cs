using System.Text.Json.Serialization;

namespace Nightshift.Durable;

/// <summary>
/// A failure as data: what an activity, a sub-orchestration or an orchestration threw, kept in history
/// instead of a live exception so that it survives serialisation and replay.
/// </summary>
/// <param name="ErrorType">The full name of the exception type.</param>
/// <param name="ErrorMessage">The exception message.</param>
/// <param name="StackTrace">The stack trace where it was thrown, if any.</param>
/// <param name="InnerFailure">The failure that caused this one, if any.</param>
/// <param name="IsNonRetriable">DurableTask.Core: a failure that no retry policy should retry.</param>
public sealed record FailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    FailureDetails? InnerFailure = null,
    bool IsNonRetriable = false)
{
    /// <summary>Captures an exception (with its inner exceptions) as data.</summary>
    public static FailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new FailureDetails(
            exception.GetType().FullName!,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException));
    }

    /// <summary>True when this failure, or one it wraps, was of type <typeparamref name="T"/> or a subtype of it.</summary>
    public bool IsCausedBy<T>() where T : Exception
    {
        for (var failure = this; failure is not null; failure = failure.InnerFailure)
        {
            if (failure.ErrorType == typeof(T).FullName)
            {
                return true;
            }

            var actual = AppDomain.CurrentDomain.GetAssemblies()
                .Select(a => a.GetType(failure.ErrorType, throwOnError: false))
                .FirstOrDefault(t => t is not null);
            if (actual is not null && typeof(T).IsAssignableFrom(actual))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One line: type and message, then the causes.</summary>
    [JsonIgnore]
    public string Summary => InnerFailure is null
        ? $"{ErrorType}: {ErrorMessage}"
        : $"{ErrorType}: {ErrorMessage} ---> {InnerFailure.Summary}";

    /// <inheritdoc/>
    public override string ToString() => StackTrace is null ? Summary : $"{Summary}{Environment.NewLine}{StackTrace}";
}
