using System.CommandLine;
using Nightshift.Durable;
using Nightshift.Host.Cli;

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
        CustomParser = NumberArgument.WholeNumber(1, 1024),
    };

    public Option<int> Activities { get; } = new("--activities")
    {
        Description = "Activities this worker runs at once.",
        HelpName = "N",
        DefaultValueFactory = _ => Defaults.MaxConcurrentActivities,
        CustomParser = NumberArgument.WholeNumber(1, 4096),
    };

    public Option<double> LockTimeout { get; } = new("--lock-timeout")
    {
        Description = "Seconds an instance stays locked by an episode; after a crash, another worker takes it over after this long.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => Defaults.OrchestrationLockTimeout.TotalSeconds,
        CustomParser = NumberArgument.PositiveSeconds,
    };

    public Option<double> Lease { get; } = new("--lease")
    {
        Description = "Seconds of an activity's lease (renewed while it runs); after a crash, another worker runs it again after this long.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => Defaults.ActivityLeaseTimeout.TotalSeconds,
        CustomParser = NumberArgument.PositiveSeconds,
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
}
