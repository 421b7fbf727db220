using Lab.Core.Errors;
using Lab.Core.Loading;
using Lab.Instances;

namespace Lab.Cli;

/// <summary>
/// What `lab` exits with. Each code means one kind of outcome, so a CI job can tell "my pipeline is wrong" from "the
/// lab is sick" from "a scenario found a problem" without reading the output. `lab --help` and the README list them.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked (a lab that is up and healthy, every scenario passed).</summary>
    public const int Ok = 0;

    /// <summary>
    /// Anything else that went wrong: the machine (a package, privileges, a subnet in use), a target that failed to
    /// create or reach its hosts. The same command may work once the environment is fixed.
    /// </summary>
    public const int Failure = 1;

    /// <summary>
    /// The command line or a lab file is wrong (an unknown lab, host, scenario, instance or option, bad YAML): running it
    /// again cannot help, the command or the file has to change.
    /// </summary>
    public const int BadInput = 2;

    /// <summary>
    /// The lab exists but its health rule does not hold (`status`, `up`, `start --wait`), or a lab built by hand misses
    /// some of its graded items (`check`): a pipeline waits, repairs or gives up, but its input was fine.
    /// </summary>
    public const int NotHealthy = 3;

    /// <summary>`lab run` ran, and at least one scenario failed an expectation: the result a test job reports.</summary>
    public const int ScenarioFailed = 4;

    /// <summary>
    /// Not yours: a student of a class asked for another student's instance or an instructor's command (refused and
    /// logged); 77 is sysexits' EX_NOPERM.
    /// </summary>
    public const int NotAllowed = 77;

    /// <summary>A bug in lab itself (an exception it did not expect); 70 is sysexits' EX_SOFTWARE.</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted (Ctrl-C, or the job was cancelled); 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>The code for an error the user can act on: bad input, or any other failure.</summary>
    public static int For(LabException e) => e is Lab.Instances.Class.NotAllowedException ? NotAllowed : e is LabInputException or LabFileException or UnknownLabException
        or InstanceNotFoundException or InstanceExistsException ? BadInput : Failure;

    /// <summary>The list `lab --help` ends with (the README has the same table).</summary>
    public const string Help =
        "Exit codes: 0 ok; 1 failure (environment, target); 2 bad input (unknown lab/host/scenario/instance/option, bad YAML); " +
        "3 lab not healthy (or `lab check` items failed); 4 a scenario failed (`lab run`); 77 not allowed (a student and another's instance); 70 internal error (a bug in lab); 130 interrupted";
}
