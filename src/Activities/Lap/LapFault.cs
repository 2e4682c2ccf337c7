using System.Globalization;
using Nightshift.Activities.Fits;
using Microsoft.DurableTask;

namespace Nightshift.Activities.Lap;

/// <summary>LAP's fault classes, and how an exception or a recorded failure maps onto them.</summary>
public static class LapFault
{
    /// <summary>No fault.</summary>
    public const int None = 0;

    /// <summary>A system fault (I/O, a lost node): retried automatically.</summary>
    public const int System = 2;

    /// <summary>A configuration fault: left for an operator.</summary>
    public const int Config = 3;

    /// <summary>A programming fault: left for an operator.</summary>
    public const int Programming = 4;

    /// <summary>A data fault: left for an operator.</summary>
    public const int Data = 5;

    /// <summary>A timeout: left for an operator.</summary>
    public const int Timeout = 6;

    /// <summary>The fault class of an exception thrown by a kernel.</summary>
    public static int Classify(Exception exception) => exception switch
    {
        LapFaultException lap => lap.Fault,
        FitsFormatException or InvalidDataException => Data,
        IOException or UnauthorizedAccessException => System,
        TimeoutException or OperationCanceledException => Timeout,
        ArgumentException => Config,
        _ => Programming,
    };

    /// <summary>
    /// The fault class of a failed step, read back from its recorded failure: a <see cref="LapFaultException"/> anywhere in
    /// the chain carries its class in its message; anything else is a programming fault.
    /// </summary>
    public static int FromFailure(TaskFailureDetails? failure)
    {
        for (var f = failure; f is not null; f = f.InnerFailure)
        {
            if (f.ErrorType == typeof(LapFaultException).FullName && LapFaultException.TryParse(f.ErrorMessage, out var fault))
            {
                return fault;
            }
        }

        return Programming;
    }

    /// <summary>The retry predicate: only system faults are retried automatically.</summary>
    public static bool IsSystem(TaskFailureDetails failure) => FromFailure(failure) == System;

    /// <summary>The class as text for messages.</summary>
    public static string Describe(int fault) => fault switch
    {
        System => "2 (system)",
        Config => "3 (config)",
        Programming => "4 (programming)",
        Data => "5 (data)",
        Timeout => "6 (timeout)",
        _ => fault.ToString(CultureInfo.InvariantCulture),
    };
}
