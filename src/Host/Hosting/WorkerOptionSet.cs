using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Nightshift.Durable;

namespace Nightshift.Host.Hosting;

/// <summary>The options that tune a worker, shared by <c>worker</c> and <c>run</c> (which hosts one in-process).</summary>
internal sealed class WorkerOptionSet
{
    private static readonly WorkerOptions Defaults = new();

    public Option<int> Orchestrations { get; } = new("--orchestrations")
    {
        Description = "Orchestration episodes this worker runs at once.",
        HelpName = "N",
        DefaultValueFactory = _ => Defaults.MaxConcurrentOrchestrations,
        Validators = { AtLeastOne },
    };

    public Option<int> Activities { get; } = new("--activities")
    {
        Description = "Activities this worker runs at once.",
        HelpName = "N",
        DefaultValueFactory = _ => Defaults.MaxConcurrentActivities,
        Validators = { AtLeastOne },
    };

    public Option<double> LockTimeout { get; } = new("--lock-timeout")
    {
        Description = "Seconds an instance stays locked by an episode; after a crash, another worker takes it over after this long.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => Defaults.OrchestrationLockTimeout.TotalSeconds,
        Validators = { Positive },
    };

    public Option<double> Lease { get; } = new("--lease")
    {
        Description = "Seconds of an activity's lease (renewed while it runs); after a crash, another worker runs it again after this long.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => Defaults.ActivityLeaseTimeout.TotalSeconds,
        Validators = { Positive },
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Orchestrations);
        command.Options.Add(Activities);
        command.Options.Add(LockTimeout);
        command.Options.Add(Lease);
    }

    /// <summary>The configuration to hand to <c>AddWorker</c>.</summary>
    public Action<WorkerOptions> Read(ParseResult parse)
    {
        var orchestrations = parse.GetValue(Orchestrations);
        var activities = parse.GetValue(Activities);
        var lockTimeout = TimeSpan.FromSeconds(parse.GetValue(LockTimeout));
        var lease = TimeSpan.FromSeconds(parse.GetValue(Lease));
        return options =>
        {
            options.MaxConcurrentOrchestrations = orchestrations;
            options.MaxConcurrentActivities = activities;
            options.OrchestrationLockTimeout = lockTimeout;
            options.ActivityLeaseTimeout = lease;
        };
    }

    private static void AtLeastOne(OptionResult result)
    {
        if (result.Implicit)
        {
            return;
        }

        var value = result.GetValueOrDefault<int>();
        if (value < 1)
        {
            result.AddError($"{result.Option.Name} must be at least 1, not {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static void Positive(OptionResult result)
    {
        if (result.Implicit)
        {
            return;
        }

        var value = result.GetValueOrDefault<double>();
        if (!(value > 0) || double.IsInfinity(value))
        {
            result.AddError($"{result.Option.Name} must be a positive number of seconds, not {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
