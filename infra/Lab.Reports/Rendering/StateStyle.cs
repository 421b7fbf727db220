using Lab.Core.Messages;
using Lab.Reports.Model;

namespace Lab.Reports.Rendering;

/// <summary>How each node state looks in the chart: its CSS class (colour) and its label in the report's language.</summary>
internal static class StateStyle
{
    public static string Class(NodeCondition condition) => "st-" + condition.ToString().ToLowerInvariant();

    /// <summary>Galera's words are shown as the server says them; the report's own words come from <see cref="ReportText"/>.</summary>
    public static string Label(NodeState state, Language language) => state.Condition switch
    {
        NodeCondition.Down => ReportText.StateDown.In(language),
        NodeCondition.Paused => ReportText.StatePaused.In(language),
        NodeCondition.NoAnswer => ReportText.StateNoAnswer.In(language),
        NodeCondition.Writable => ReportText.StateWritable.In(language),
        NodeCondition.Replica => ReportText.StateReplica.In(language),
        NodeCondition.Detached => ReportText.StateDetached.In(language),
        NodeCondition.VipNone => ReportText.StateVipNone.In(language),
        NodeCondition.VipSplit => ReportText.StateVipSplit.In(language, state.Word),
        NodeCondition.NonPrimary => state.Word is "" or "non-Primary" ? "non-Primary" : $"non-Primary ({state.Word})",
        _ => state.Word,
    };

    /// <summary>The colours, one rule per condition; light fills get dark text.</summary>
    public const string Css = """
        .st-synced, .st-writable { fill: #2f9e44; } .st-joining { fill: #1c7ed6; } .st-donor { fill: #f59f00; }
        .st-nonprimary { fill: #e8590c; } .st-replica { fill: #0c8599; } .st-detached { fill: #9c36b5; }
        .st-down { fill: #c92a2a; } .st-paused { fill: #7048e8; } .st-noanswer { fill: #ced4da; } .st-other { fill: #adb5bd; }
        .st-vipheld { fill: #1c5d99; } .st-vipheld.alt { fill: #4263eb; } .st-vipnone { fill: #dee2e6; } .st-vipsplit { fill: #c92a2a; }
        .seg-label { fill: #fff; font-size: 11px; font-weight: 600; pointer-events: none; }
        .seg-label.dark { fill: #343a40; }
        """;

    public static bool IsLight(NodeCondition condition) => condition is NodeCondition.NoAnswer or NodeCondition.Other or NodeCondition.VipNone or NodeCondition.Donor;
}
