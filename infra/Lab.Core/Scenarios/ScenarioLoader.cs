using Lab.Core.Hosts;
using Lab.Core.Loading;
using Lab.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Lab.Core.Scenarios;

/// <summary>Reads labs/&lt;lab&gt;/scenarios/*.yaml into validated scenarios; every error names the file and line.</summary>
public sealed partial class ScenarioLoader(LabDefinition lab)
{
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(30);

    private static readonly string[] ActionKinds =
        ["kill", "stop", "pause", "resume", "start", "isolate", "heal", "impair", "unimpair", "sql", "shell", "edit", "provider", "mark", "bootstrap-most-advanced", "workload", "remove-acknowledged-write",
         "attach", "promote", "promote-most-advanced", "power", "save", Sessions.SessionActionReader.Kind];

    private static readonly string[] ExpectationKinds = ["status", "query", "log", "file", "service", "backend", "workload", "replica", "lag", "vip", "command", "value", "lost_updates", "stale_reads"];

    /// <summary>Every action a stage's `do` may hold, by its key: what docs/scenarios.md must describe.</summary>
    public static IReadOnlyList<string> ActionKindNames => ActionKinds;

    /// <summary>Every expectation a stage's `expect` may hold, by its key.</summary>
    public static IReadOnlyList<string> ExpectationKindNames => ExpectationKinds;

    public string ScenariosDir => Path.Combine(lab.Directory, "scenarios");

    public IReadOnlyList<string> Names =>
        Directory.Exists(ScenariosDir)
            ? Directory.GetFiles(ScenariosDir, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    public Scenario LoadByName(string name)
    {
        var file = Path.Combine(ScenariosDir, name + ".yaml");
        if (!File.Exists(file))
            throw new Lab.Core.Errors.LabInputException($"lab '{lab.Name}' has no scenario '{name}'; scenarios: {string.Join(", ", Names)}");
        return Load(file);
    }

    public Scenario Load(string file) => Parse(file, File.ReadAllText(file));

    public Scenario Parse(string file, string text)
    {
        var root = Loading.YamlDocument.Parse(file, text).Root;
        root.RejectUnknown("name", "title", "explain", "stages");
        var name = root.RequireString("name", "the scenario's name");
        var stages = root.OptionalList("stages");
        if (stages.Count == 0) throw root.Error("missing 'stages': expected a list of stages, each with 'title', 'do' and/or 'expect'");
        var read = stages.Select(s => ReadStage(root.AsMap(s, "a stage"))).ToList();
        FinalStageRule.Check(read, root);
        var scenario = new Scenario(name, LabLoader.ReadText(root, "title"), LabLoader.ReadText(root, "explain"),
            Sessions.SessionPlan.Resolve(file, read), Path.GetFullPath(file));
        CheckSavedBeforeUse(scenario, file);
        return scenario;
    }

    private Stage ReadStage(YamlMap stage)
    {
        stage.RejectUnknown("title", "explain", "do", "expect", "finally", "instructions", "hint");
        if (!stage.Has("title")) throw stage.Error("a stage needs a 'title'");
        var actions = stage.OptionalList("do").Select(n => ReadTimedAction(stage.AsMap(n, "an action"))).ToList();
        var expectations = stage.OptionalList("expect").Select(n => ReadExpectation(stage.AsMap(n, "an expectation"))).ToList();
        if (actions.Count + expectations.Count == 0) throw stage.Error("a stage needs 'do' or 'expect'");
        return new Stage(LabLoader.ReadText(stage, "title"), LabLoader.ReadText(stage, "explain"), actions, expectations, stage.Line)
            { Finally = stage.OptionalBool("finally") ?? false, Instructions = LabLoader.ReadText(stage, "instructions"), Hint = LabLoader.ReadText(stage, "hint") };
    }

    private static string SingleKind(YamlMap entry, string[] kinds, string what, params string[] extra)
    {
        var keys = entry.Keys.Where(k => !extra.Contains(k)).ToList();
        if (keys.Count != 1 || !kinds.Contains(keys[0]))
            throw entry.Error($"{what} must have exactly one of: {string.Join(", ", kinds)}; found: {string.Join(", ", entry.Keys)}");
        return keys[0];
    }

    private ScenarioAction ReadAction(YamlMap entry)
    {
        var kind = SingleKind(entry, ActionKinds, "an action", "timeout");
        var line = entry.Line;
        switch (kind)
        {
            case "kill": return new ServiceAction(line, ServiceVerb.Kill, Hosts(entry, kind));
            case "stop": return new ServiceAction(line, ServiceVerb.Stop, Hosts(entry, kind));
            case "pause": return new ServiceAction(line, ServiceVerb.Pause, Hosts(entry, kind));
            case "resume": return new ServiceAction(line, ServiceVerb.Resume, Hosts(entry, kind));
            case "isolate": return new IsolateAction(line, Hosts(entry, kind), true);
            case "heal": return new IsolateAction(line, Hosts(entry, kind), false);
            case "impair":
                var impair = entry.RequireMap(kind, "{ on: HOSTS, delay: 100ms, jitter: 10ms, loss: 1%, rate: 10mbit }");
                impair.RejectUnknown("on", "delay", "jitter", "loss", "rate");
                return new ImpairAction(line, On(impair), ReadImpairment(impair));
            case "unimpair": return new ImpairAction(line, Hosts(entry, kind), null);
            case "mark": return new MarkLogAction(line, Hosts(entry, kind));
            case "bootstrap-most-advanced": return new BootstrapMostAdvancedAction(line, Hosts(entry, kind));
            case "remove-acknowledged-write":
                var target = Hosts(entry, kind);
                return target.Count == 1 ? new RemoveAcknowledgedWriteAction(line, target[0]) : throw entry.Error($"'{kind}' takes one host");
            case "start":
                if (entry.Find(kind) is YamlScalarNode or YamlSequenceNode) return new StartAction(line, Hosts(entry, kind), []);
                var start = entry.RequireMap(kind, "a host, a list of hosts, or { on, args, provider_options }");
                start.RejectUnknown("on", "args", "provider_options");
                var args = start.OptionalStringList("args", "a server argument such as --wsrep-new-cluster");
                RejectReplacingProviderOptions(start, args);
                var startHosts = On(start);
                return new StartAction(line, startHosts, args) { ProviderOptions = ReadProviderOptions(start, startHosts) };
            case "sql":
                var sql = entry.RequireMap(kind, "{ on: HOST, run: SQL, error: CODE (optional), slower_than / faster_than: DURATION (optional) }");
                sql.RejectUnknown("on", "run", "error", "slower_than", "faster_than");
                return new SqlAction(line, OneHost(sql), sql.RequireString("run", "an SQL statement"), sql.OptionalInt("error", "a MariaDB error code such as 1047"),
                    OptionalDuration(sql, "slower_than"), OptionalDuration(sql, "faster_than"));
            case "attach":
                var attach = entry.RequireMap(kind, "{ on: REPLICA, to: SOURCE, start: keep | current | copy }");
                attach.RejectUnknown("on", "to", "start");
                var source = attach.RequireString("to", "the host to replicate from");
                RequireHost(attach, source);
                var startText = attach.OptionalString("start", "keep, current or copy") ?? "keep";
                var attachStart = startText switch
                {
                    "keep" => Replication.AttachStart.Keep,
                    "current" => Replication.AttachStart.Current,
                    "copy" => Replication.AttachStart.Copy,
                    _ => throw attach.Error($"start '{startText}' must be keep (its own gtid_slave_pos), current (the source's position, no copy) or copy (a consistent dump first)"),
                };
                return new AttachAction(line, OneHost(attach), source, attachStart);
            case "promote":
                var promoted = Hosts(entry, kind);
                return promoted.Count == 1 ? new PromoteAction(line, promoted[0]) : throw entry.Error($"'{kind}' takes one host");
            case "promote-most-advanced":
                var candidates = Hosts(entry, kind);
                return candidates.Count >= 1 ? new PromoteMostAdvancedAction(line, candidates) : throw entry.Error($"'{kind}' needs candidate replicas");
            case "save": return ReadSave(entry, line);
            case "shell":
                var shell = entry.RequireMap(kind, "{ on: HOST, run: COMMAND, exit: CODE (optional, default 0) }");
                shell.RejectUnknown("on", "run", "exit");
                return new ShellAction(line, OneHost(shell), Command(shell), shell.OptionalInt("exit", "an exit code") ?? 0);
            case "edit":
                var edit = entry.RequireMap(kind, "{ on: HOST, path: FILE, replace: TEXT, with: TEXT }");
                edit.RejectUnknown("on", "path", "replace", "with");
                return new EditFileAction(line, OneHost(edit), edit.RequireString("path", "an absolute path"),
                    edit.RequireString("replace", "the text to find"), edit.RequireString("with", "the replacement text"));
            case "power":
                var power = entry.RequireMap(kind, "{ off: HOSTS } or { on: HOSTS }");
                power.RejectUnknown("off", "on");
                if (power.Has("off") == power.Has("on")) throw power.Error("'power' takes exactly one of 'off' or 'on', e.g. power: { off: node1 }");
                return new PowerAction(line, Hosts(power, power.Has("on") ? "on" : "off"), power.Has("on"));
            case "provider":
                var provider = entry.RequireMap(kind, "{ on: HOST, options: \"pc.bootstrap=YES\" }");
                provider.RejectUnknown("on", "options");
                return new ProviderOptionsAction(line, OneHost(provider), provider.RequireString("options", "wsrep provider options"));
            case Sessions.SessionActionReader.Kind:
                return Sessions.SessionActionReader.Read(entry, lab);
            default: // workload
                var node = entry.Find(kind)!;
                if (node is YamlScalarNode { Value: "stop" }) return new WorkloadAction(line, false, "");
                if (node is YamlMappingNode && entry.RequireMap(kind, "a map") is var safety && (safety.Has("kind") || safety.Has("stop"))) return ReadSafetyAction(safety, line);
                var workload = entry.RequireMap(kind, "'stop' or { start: CLIENT_HOST }");
                workload.RejectUnknown("start");
                var through = workload.RequireString("start", "the host that writes (the client)");
                RequireHost(workload, through);
                return new WorkloadAction(line, true, through);
        }
    }

    /// <summary>A shell command; its {{placeholders}} must name something in the lab (they are filled in when it runs).</summary>
    private string Command(YamlMap body)
    {
        var run = body.RequireString("run", "a shell command");
        if (ScenarioText.Problem(run, lab) is { } problem) throw body.Error(body.Find("run")!, problem);
        return run;
    }

    /// <summary>One `expect` entry, as a stage reads it (`lab check` reads its items' probes with it too).</summary>
    internal Expectation ReadExpectation(YamlMap entry)
    {
        var kind = SingleKind(entry, ExpectationKinds, "an expectation", "within", "for");
        var within = DefaultWithin;
        if (entry.OptionalString("within", "a duration such as 30s") is { } w && !DurationText.TryParse(w, out within))
            throw entry.Error($"'within: {w}' is not a duration; write e.g. 500ms, 30s or 2m");
        return ReadExpectation(entry, kind, within) with { Hold = ReadHold(entry) };
    }

    /// <summary>`for: 8s`: once true, the expectation must stay true that long (how a scenario shows that nothing happens).</summary>
    private static TimeSpan? ReadHold(YamlMap entry)
    {
        if (entry.OptionalString("for", "a duration such as 8s") is not { } text) return null;
        if (!DurationText.TryParse(text, out var hold) || hold <= TimeSpan.Zero)
            throw entry.Error(entry.Find("for")!, $"'for: {text}' must be a duration more than 0, e.g. 8s: how long the expectation must stay true");
        if (hold > MaxHold)
            throw entry.Error(entry.Find("for")!, $"'for: {text}' is more than {MaxHold.TotalSeconds:0}s; a hold only needs to outlast what it rules out");
        return hold;
    }

    /// <summary>Every second of a hold is spent waiting, on every run: long ones are a mistake, not a stronger check.</summary>
    private static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(1);

    private Expectation ReadExpectation(YamlMap entry, string kind, TimeSpan within)
    {
        var body = entry.RequireMap(kind, $"the {kind} expectation's settings");
        var line = entry.Line;
        switch (kind)
        {
            case "status":
                var hosts = On(body);
                var values = body.Keys.Where(k => k != "on")
                    .ToDictionary(k => k, k => body.RequireString(k, "a plain value such as 3 or Primary"));
                if (values.Count == 0) throw body.Error("name at least one status variable, e.g. wsrep_cluster_size: 3");
                return new StatusExpectation(line, within, hosts, values);
            case "query":
                body.RejectUnknown("on", "run", "rows", "equals", "error");
                var rows = body.OptionalInt("rows", "a row count");
                var equals = body.Find("equals") is YamlScalarNode s ? s.Value ?? "" : null;
                var error = body.OptionalInt("error", "a MariaDB error code");
                if (rows is null && equals is null && error is null) throw body.Error("say what the query should give: rows, equals or error");
                return new QueryExpectation(line, within, On(body), body.RequireString("run", "an SQL query"), rows, equals, error);
            case "log":
                body.RejectUnknown("on", "contains", "lacks", "count");
                var contains = body.OneOrMany("contains", "text to find in the log");
                var lacks = body.OneOrMany("lacks", "text that must not be in the log");
                var counts = ReadLogCounts(body);
                if (contains.Count + lacks.Count + counts.Count == 0) throw body.Error("give 'contains', 'lacks' and/or 'count'");
                return new LogExpectation(line, within, OneHost(body), contains, lacks) { Counts = counts };
            case "file":
                body.RejectUnknown("on", "path", "contains", "lacks");
                var fileLacks = body.OneOrMany("lacks", "text the file must not contain");
                var fileContains = body.OneOrMany("contains", "text the file must contain");
                if (fileContains.Count + fileLacks.Count == 0) throw body.Error("give 'contains' and/or 'lacks'");
                return new FileExpectation(line, within, OneHost(body), body.RequireString("path", "an absolute path"), fileContains) { Lacks = fileLacks };
            case "service":
                body.RejectUnknown("on", "state");
                var state = body.RequireString("state", "running, stopped or paused");
                if (state is not ("running" or "stopped" or "paused")) throw body.Error($"state '{state}' must be running, stopped or paused");
                return new ServiceExpectation(line, within, On(body), state);
            case "backend":
                body.RejectUnknown("on", "server", "status");
                var proxy = OneHost(body);
                var status = body.RequireString("status", "UP or DOWN");
                if (status is not ("UP" or "DOWN")) throw body.Error($"status '{status}' must be UP or DOWN");
                return new BackendExpectation(line, within, proxy, body.OneOrMany("server", "a backend server name"), status);
            case "replica":
                var replicas = On(body);
                var columns = body.Keys.Where(k => k != "on")
                    .ToDictionary(k => k, k => body.RequireString(k, "a plain value such as Yes, 0 or \"Waiting for master to send event\""));
                if (columns.Count == 0) throw body.Error("name at least one SHOW SLAVE STATUS column, e.g. Slave_IO_Running: \"Yes\"");
                return new ReplicaExpectation(line, within, replicas, columns);
            case "lag":
                body.RejectUnknown("on", "behind", "min", "max");
                var reference = body.RequireString("behind", "the host whose binlog is the reference, e.g. primary");
                RequireHost(body, reference);
                var min = body.OptionalInt("min", "a number of transactions");
                var maxLag = body.OptionalInt("max", "a number of transactions");
                if (min is null && maxLag is null) throw body.Error("give 'min' and/or 'max' (transactions behind)");
                return new LagExpectation(line, within, OneHost(body), reference, min, maxLag);
            case "command":
                body.RejectUnknown("on", "run", "exit", "equals", "contains", "lacks", "matches");
                var matches = body.OptionalString("matches", "a regular expression the output must match");
                if (matches is not null)
                    try { _ = new System.Text.RegularExpressions.Regex(matches); }
                    catch (ArgumentException e) { throw body.Error(body.Find("matches")!, $"'matches' is not a valid regular expression: {e.Message}"); }
                var commandEquals = body.Find("equals") is YamlScalarNode ce ? ce.Value ?? "" : null;
                var mustContain = body.OneOrMany("contains", "text the output must contain");
                var mustLack = body.OneOrMany("lacks", "text the output must not contain");
                foreach (var text in mustContain.Concat(mustLack).Append(matches ?? "").Append(commandEquals ?? ""))
                    if (ScenarioText.Problem(text, lab) is { } problem) throw body.Error(problem);
                return new CommandExpectation(line, within, On(body), Command(body), body.OptionalInt("exit", "an exit code") ?? 0, mustContain, mustLack, matches,
                    commandEquals);
            case "value": return ReadValue(body, line, within);
            case "vip":
                body.RejectUnknown("on", "all");
                if (!lab.Vars.ContainsKey("vip")) throw body.Error($"lab '{lab.Name}' has no virtual IP ('vip' under vars)");
                var holders = On(body);
                var all = body.OptionalBool("all") ?? false;
                if (all && holders.Distinct().Count() < 2)
                    throw body.Error("'all: true' means several hosts hold the virtual IP at once: name at least two, e.g. on: [primary, replica1]");
                return new VipExpectation(line, within, holders, all);
            case "lost_updates" or "stale_reads":
                return ReadSafetyExpectation(body, kind, line, within);
            default: // workload
                body.RejectUnknown("lost", "max_interruption", "min_ok", "on");
                TimeSpan? max = null;
                if (body.OptionalString("max_interruption", "a duration") is { } m)
                    max = DurationText.TryParse(m, out var d) ? d : throw body.Error($"max_interruption '{m}' is not a duration");
                int? lostAtLeast = null;
                if (body.Find("lost") is YamlMappingNode)
                {
                    var lost = body.RequireMap("lost", "{ min: N }");
                    lost.RejectUnknown("min");
                    lostAtLeast = lost.OptionalInt("min", "a count") is { } least and > 0 ? least
                        : throw lost.Error("'lost: { min: N }' needs N of 1 or more; for no loss write lost: 0");
                }
                return new WorkloadExpectation(line, within, lostAtLeast is null ? body.OptionalInt("lost", "a count") ?? 0 : 0, max,
                    body.OptionalInt("min_ok", "a count") ?? 1, body.Has("on") ? On(body) : null) { LostAtLeast = lostAtLeast };
        }
    }

    /// <summary>Longer than this, a delay or jitter is a cut in disguise (and netem holds every packet that long).</summary>
    private static readonly TimeSpan MaxLinkDelay = TimeSpan.FromSeconds(10);

    private static LinkImpairment ReadImpairment(YamlMap body)
    {
        TimeSpan? LinkDuration(string key)
        {
            if (body.OptionalString(key, "a duration such as 100ms") is not { } text) return null;
            var at = body.Find(key)!;
            if (text.TrimStart().StartsWith('-')) throw body.Error(at, $"'{key}: {text}' must be positive; write e.g. 100ms");
            if (!DurationText.TryParse(text, out var value)) throw body.Error(at, $"'{key}: {text}' is not a duration; write e.g. 100ms, 1.5s");
            if (value <= TimeSpan.Zero) throw body.Error(at, $"'{key}: {text}' must be more than 0");
            if (value > MaxLinkDelay) throw body.Error(at, $"'{key}: {text}' is more than {MaxLinkDelay.TotalSeconds:0}s; to cut a host off, use isolate");
            return value;
        }
        var delay = LinkDuration("delay");
        var jitter = LinkDuration("jitter");
        if (jitter is not null && delay is null) throw body.Error(body.Find("jitter")!, "'jitter' varies the delay: give 'delay' too, e.g. delay: 100ms, jitter: 10ms");

        double? loss = null;
        if (body.OptionalString("loss", "a percentage such as 1%") is { } lossText)
        {
            var at = body.Find("loss")!;
            if (!LinkImpairment.TryParseLoss(lossText, out var percent))
                throw body.Error(at, $"'loss: {lossText}' must be a percentage such as 1% or 0.5%" + (lossText.TrimStart().StartsWith('-') ? " (not negative)" : ""));
            if (percent <= 0) throw body.Error(at, $"'loss: {lossText}' must be more than 0%");
            if (percent >= 100) throw body.Error(at, $"'loss: {lossText}' must be below 100%; to cut a host off, use isolate (it keeps the tool's own SSH connection)");
            loss = percent;
        }

        long? rate = null;
        if (body.OptionalString("rate", "a rate such as 10mbit") is { } rateText)
        {
            var at = body.Find("rate")!;
            if (rateText.Trim().EndsWith("bps", StringComparison.OrdinalIgnoreCase))
                throw body.Error(at, $"'rate: {rateText}': tc reads 'bps' as bytes per second; write bits, e.g. 10mbit, 512kbit or 1gbit");
            if (!LinkImpairment.TryParseRate(rateText, out var bits))
                throw body.Error(at, $"'rate: {rateText}' must be a rate more than 0 in bit, kbit, mbit or gbit per second, e.g. 10mbit or 512kbit");
            rate = bits;
        }

        if (delay is null && loss is null && rate is null)
            throw body.Error("say what to do to the link: 'delay' (with optional 'jitter'), 'loss' and/or 'rate'");
        return new LinkImpairment(delay, jitter, loss, rate);
    }

    private static TimeSpan? OptionalDuration(YamlMap body, string key)
    {
        if (body.OptionalString(key, "a duration such as 1.5s") is not { } text) return null;
        return DurationText.TryParse(text, out var value) ? value : throw body.Error($"'{key}: {text}' is not a duration; write e.g. 500ms, 1.5s or 2m");
    }

    private IReadOnlyList<string> Hosts(YamlMap entry, string key)
    {
        var hosts = entry.OneOrMany(key, "a host name");
        if (hosts.Count == 0) throw entry.Error($"'{key}' needs a host or a list of hosts");
        foreach (var h in hosts) RequireHost(entry, h);
        return hosts;
    }

    private IReadOnlyList<string> On(YamlMap body) => Hosts(body, "on");

    private string OneHost(YamlMap body)
    {
        var hosts = On(body);
        return hosts.Count == 1 ? hosts[0] : throw body.Error("'on' must name exactly one host here");
    }

    private void RequireHost(YamlMap at, string host)
    {
        if (lab.FindHost(host) is null)
            throw at.Error($"unknown host '{host}'; lab '{lab.Name}' has: {string.Join(", ", lab.Hosts.Select(h => h.Name))}");
    }
}
