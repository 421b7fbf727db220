using Lab.Core.Messages;

namespace Lab.Cli.Class;

/// <summary>The class sheet's own words, in English and Korean (for the HTML sheet handed to an instructor or a class).</summary>
public static class ClassSheetText
{
    public static readonly Msg<string> Title = new("class {0}", "수업 {0}");
    public static readonly Msg<string, int, string> Subtitle = new("lab {0} · {1} students · read {2}", "랩 {0} · 학생 {1}명 · {2} 기준");
    public static readonly Msg<int, int> HealthySummary = new("{0} of {1} instances healthy", "인스턴스 {1}개 중 {0}개 정상");
    public static readonly Msg Student = new("student", "학생");
    public static readonly Msg Account = new("account", "계정");
    public static readonly Msg Instance = new("instance", "인스턴스");
    public static readonly Msg Health = new("health", "상태");
    public static readonly Msg Guide = new("guide", "가이드 진행");
    public static readonly Msg Check = new("last check", "최근 채점");
    public static readonly Msg Healthy = new("healthy", "정상");
    public static readonly Msg NotHealthy = new("not healthy", "비정상");
    public static readonly Msg NoInstance = new("no instance", "인스턴스 없음");
    public static readonly Msg Unreadable = new("unreadable", "읽을 수 없음");
    public static readonly Msg None = new("-", "-");

    public static string HealthWord(string health, Language language) => (health switch
    {
        ClassSheet.Healthy => Healthy,
        ClassSheet.NotHealthy => NotHealthy,
        ClassSheet.NoInstance => NoInstance,
        _ => Unreadable,
    }).In(language);
}
