namespace Lab.Reports.Html;

/// <summary>The shared look of the lab's pages: readable on screen and on paper, system fonts (Hangul included), no web fonts.</summary>
internal static class PageStyles
{
    public const string Base = """
        :root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --panel: #f5f7fa; --ok: #2f9e44; --bad: #c92a2a; --warn: #e67700; --accent: #1c5d99; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1280px; padding: 28px 36px 48px; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK KR", "Noto Sans KR", "NanumGothic", "Malgun Gothic", sans-serif; color: var(--ink); background: #fff; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
        h3 { font-size: 15px; margin: 18px 0 8px; color: var(--accent); }
        p { margin: 6px 0; }
        .muted { color: var(--muted); }
        table { border-collapse: collapse; width: 100%; margin: 8px 0; }
        th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
        th { background: var(--panel); font-weight: 600; white-space: nowrap; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
        .badge { display: inline-block; padding: 1px 9px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; }
        .badge.pass { background: var(--ok); } .badge.fail { background: var(--bad); } .badge.skip { background: #868e96; }
        .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 10px 0; }
        svg { display: block; max-width: 100%; height: auto; }
        """;
}
