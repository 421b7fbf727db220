using System.CommandLine;
using System.Diagnostics;
using System.Threading.Channels;
using Lab.Cli.Views;
using Lab.Core.Errors;
using Lab.Core.Guide;
using Lab.Core.Instances;
using Lab.Core.Messages;
using Lab.Core.Scenarios;
using Lab.Core.Targets;

namespace Lab.Cli.Commands;

/// <summary>
/// `lab guide LAB SCENARIO`: the scenario as a hands-on exercise. The student types the stage's commands in `lab shell`
/// in another terminal; the guide checks the stage's expectations until they hold, answers h (hint), s (solve) and
/// q (quit) on its standard input, and saves the progress in the instance's directory after every stage.
/// </summary>
internal static class GuideCommand
{
    public static Command Create(CliContext context)
    {
        var lab = Options.Lab();
        var scenario = new Argument<string>("scenario") { Description = "The scenario to do by hand (labs/<lab>/scenarios/, e.g. kill-node1-ist)" };
        var instance = Options.Instance();
        var language = new Option<string>("--lang") { Description = "Language of the guide: en or ko", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong([.. Languages.Codes]);
        var restart = new Option<bool>("--restart") { Description = "Start from the first stage, whatever progress this instance has saved" };
        var hintAfter = new Option<string>("--hint-after")
        {
            Description = "Show a hint by itself after this long without progress on a stage (e.g. 90s, 2m; 0 never)", DefaultValueFactory = _ => "2m",
        };
        var target = Options.Target(context);
        var inventory = Options.Inventory();
        var command = new Command("guide",
            "Do a scenario by hand: each stage shows what to type in `lab shell` (another terminal), then checks the lab until the stage " +
            "holds; h = hint, s = solve (the guide does the stage), q = quit (progress is kept per instance; run again to resume)")
        {
            lab, scenario, instance, language, restart, hintAfter, target, inventory,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var definition = context.Catalog.Load(parse.GetValue(lab)!);
            var chosen = new ScenarioLoader(definition).LoadByName(parse.GetValue(scenario)!);
            var lang = Languages.Parse(parse.GetValue(language) ?? "en");
            var hint = parse.GetValue(hintAfter) is { } text && (text.Trim() == "0" ? TimeSpan.Zero : DurationText.TryParse(text, out var after) ? after : (TimeSpan?)null) is { } every
                ? every
                : throw new LabInputException($"--hint-after {parse.GetValue(hintAfter)} is not a duration; write e.g. 90s or 2m, or 0 for never");
            if (GuideSteps.WhyNotGuidable(chosen, definition.Name, lang) is { } why) throw new LabInputException(why);

            var name = context.DefaultInstance(parse.GetValue(instance), definition.Name);
            var clock = Stopwatch.StartNew();
            var view = new GuideConsoleView(context.Console);
            LabInstance running;
            var created = !context.ExistingInstances().Contains(name);
            if (created)
            {
                view.Show(GuideLine.Note, EngineText.Guide.BringingUp.In(lang, name));
                var request = new UpRequest(definition, name, Inventory: parse.GetValue(inventory), Language: lang);
                running = await context.UpAsync(parse.GetValue(target)!, request, m => context.Progress(clock.Elapsed, m), ct);
            }
            else
            {
                running = context.Open(name);
                if (running.Lab.Name != definition.Name)
                    throw new LabInputException($"instance '{name}' runs the {running.Lab.Name} lab, not {definition.Name}: give the guide an instance of its own: " +
                                                $"lab guide {definition.Name} {chosen.Name} --instance {definition.Name}-guide");
                view.Show(GuideLine.Note, EngineText.Guide.UsingInstance.In(lang, name, running.Target));
            }
            if (await ScenarioPrerequisites.WhyNotRunnableAsync(chosen, definition.Name, running.Kernels, ct, lang) is { } cannot)
                throw new CliException($"{chosen.Name}: {cannot}");

            var dir = context.Layout.InstanceDir(name);
            var stagesTotal = chosen.Stages.Count(s => !s.Finally);
            var options = StartingPoint(GuideProgress.TryLoad(dir), definition.Name, chosen.Name, stagesTotal, parse.GetValue(restart), hint, lang, view);

            view.Show(GuideLine.Title, EngineText.Guide.Header.In(lang, $"{definition.Name} {chosen.Name}", name));
            view.Show(GuideLine.Title, chosen.Title.In(lang));
            if (options.StartAt == 0 && chosen.Explain.En.Length > 0) view.Show(GuideLine.Text, chosen.Explain.In(lang));
            view.Show(GuideLine.Note, EngineText.Guide.Keys.In(lang));

            void Save(GuideCheckpoint at) => new GuideProgress(definition.Name, chosen.Name, name, at.StagesDone, stagesTotal, at.Completed, DateTimeOffset.UtcNow,
                lang.Code()) { LogMarks = at.LogMarks, LogMarksStage = at.LogMarksStage }.Save(dir);
            var outcome = await new GuideRunner(running, chosen, view, ReadLines(context.Input), TimeProvider.System, lang, Save).RunAsync(options, ct);
            if (outcome == GuideOutcome.Quit && GuideProgress.TryLoad(dir) is { } saved)
                view.Show(GuideLine.Note, EngineText.Guide.Quit.In(lang, saved.StagesDone + 1, stagesTotal, $"{definition.Name} {chosen.Name}", name));
            if (created) view.Show(GuideLine.Note, EngineText.Guide.InstanceKept.In(lang, name));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Where to begin: the saved stage of this same scenario unless it is complete or --restart says otherwise.</summary>
    private static GuideOptions StartingPoint(GuideProgress? saved, string lab, string scenario, int total, bool restart, TimeSpan hintAfter, Language language,
        GuideConsoleView view)
    {
        var hint = hintAfter > TimeSpan.Zero ? hintAfter : (TimeSpan?)null;
        if (restart || saved is null) return new GuideOptions(0, hint);
        if (saved.Lab != lab || saved.Scenario != scenario)
        {
            view.Show(GuideLine.Note, EngineText.Guide.OtherScenarioSaved.In(language, $"{saved.Lab} {saved.Scenario}"));
            return new GuideOptions(0, hint);
        }
        if (saved.Completed || saved.StagesDone >= total)
        {
            view.Show(GuideLine.Note, EngineText.Guide.AlreadyCompleted.In(language));
            return new GuideOptions(0, hint);
        }
        if (saved.StagesDone > 0) view.Show(GuideLine.Note, EngineText.Guide.Resuming.In(language, saved.StagesDone + 1, total));
        return new GuideOptions(saved.StagesDone, hint) { LogMarks = saved.LogMarks, LogMarksStage = saved.LogMarksStage };
    }

    /// <summary>
    /// The student's lines, read on a thread of their own: a terminal's or a pipe's read blocks, and the guide must keep
    /// checking meanwhile. The channel completes when the input ends.
    /// </summary>
    private static ChannelReader<string> ReadLines(TextReader input)
    {
        var channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var thread = new Thread(() =>
        {
            try
            {
                while (input.ReadLine() is { } line) channel.Writer.TryWrite(line);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException) { }
            channel.Writer.TryComplete();
        }) { IsBackground = true, Name = "lab guide input" };
        thread.Start();
        return channel.Reader;
    }
}
