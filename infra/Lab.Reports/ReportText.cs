using System.Reflection;
using Lab.Core.Messages;

namespace Lab.Reports;

/// <summary>
/// Every word the HTML report adds of its own, in English and Korean (the engine's lines come from
/// <see cref="EngineText"/>; Galera's state words, host and service names are shown as the servers and lab.yaml say them).
/// </summary>
public static class ReportText
{
    public static readonly Msg<string> DocumentTitle = new("lab {0}: run report", "랩 {0}: 실행 보고서");
    public static readonly Msg<string, string> InstanceOn = new("instance {0} on the {1} target", "인스턴스 {0}, 대상 {1}");
    public static readonly Msg<string> Generated = new("written {0}", "작성 {0}");
    public static readonly Msg Topology = new("Topology", "토폴로지");
    public static readonly Msg<string, string> Network = new("network {0} · {1}", "네트워크 {0} · {1}");
    public static readonly Msg<string> VirtualIp = new("virtual IP {0}", "가상 IP {0}");
    public static readonly Msg VipCandidate = new("can take the virtual IP", "가상 IP를 가질 수 있음");
    public static readonly Msg Scenarios = new("Scenarios", "시나리오");
    public static readonly Msg Summary = new("Summary", "요약");
    public static readonly Msg ColumnScenario = new("scenario", "시나리오");
    public static readonly Msg ColumnResult = new("result", "결과");
    public static readonly Msg ColumnTook = new("took", "소요");
    public static readonly Msg ColumnLongestInterruption = new("longest write interruption", "가장 긴 쓰기 중단");
    public static readonly Msg<double> Seconds = new("{0:0.0} s", "{0:0.0}초");
    public static readonly Msg<double, double, double> TookIn = new("{0:0.0} s: waiting on the database {1:0.0} s, actions {2:0.0} s",
        "{0:0.0}초: 데이터베이스 대기 {1:0.0}초, 실행 {2:0.0}초");
    public static readonly Msg Timeline = new("Timeline", "타임라인");
    public static readonly Msg TimeAxis = new("seconds since the scenario started", "시나리오 시작 후 경과 시간(초)");
    public static readonly Msg StagesRow = new("stages", "단계");
    public static readonly Msg ActionsRow = new("actions", "실행");
    public static readonly Msg WritesRow = new("client writes", "클라이언트 쓰기");
    public static readonly Msg NoSamples = new("no node state was read during this scenario", "이 시나리오 동안 읽은 노드 상태가 없음");
    public static readonly Msg Steps = new("Stages and steps", "단계와 스텝");
    public static readonly Msg ColumnAt = new("at", "시작");
    public static readonly Msg ColumnWaited = new("waited / allowed", "대기 / 허용");
    public static readonly Msg ColumnStep = new("step", "스텝");
    public static readonly Msg NotReached = new("not reached: an earlier stage failed", "앞 단계가 실패해 실행되지 않음");
    public static readonly Msg CleanUp = new("clean-up: what the run undoes after the last stage", "정리: 마지막 단계 뒤 실행이 되돌리는 것");
    public static readonly Msg Error = new("Why it failed", "실패 이유");
    public static readonly Msg NotRunWhy = new("Why it was not run", "실행하지 않은 이유");
    public static readonly Msg ClientWrites = new("The client's writes", "클라이언트의 쓰기");
    public static readonly Msg<int, string, int, int, int> WriteCounts = new("{0} writes through {1}: {2} acknowledged, {3} refused, {4} in doubt",
        "{1}를 통한 쓰기 {0}건: 커밋 응답 {2}, 거부 {3}, 결과 불명 {4}");
    public static readonly Msg<double> LongestInterruption = new("longest time without an acknowledged write: {0:0.00} s",
        "커밋 응답 없이 지난 가장 긴 시간: {0:0.00}초");
    public static readonly Msg<double> Interruptions = new("interruptions of {0:0.#} s or more:", "{0:0.#}초 이상의 중단:");
    public static readonly Msg<double, double, double> Interruption = new("{0:0.0} s → {1:0.0} s ({2:0.00} s)", "{0:0.0}초 → {1:0.0}초 ({2:0.00}초)");
    public static readonly Msg NoInterruption = new("none", "없음");
    public static readonly Msg Verdicts = new("Data-safety verdicts", "데이터 안전성 판정");
    public static readonly Msg Legend = new("legend", "범례");
    public static readonly Msg StepPassed = new("passed", "통과");
    public static readonly Msg StepFailed = new("failed", "실패");
    public static readonly Msg AckedWrite = new("acknowledged writes", "커밋 응답을 받은 쓰기");
    public static readonly Msg NotAckedWrite = new("refused or in doubt", "거부 또는 결과 불명");
    public static readonly Msg GapLegend = new("interruption", "중단");

    public static readonly Msg<string> Written = new("HTML report: {0}", "HTML 보고서: {0}");

    public static readonly Msg StateDown = new("down", "꺼짐");
    public static readonly Msg StatePaused = new("paused", "일시 정지");
    public static readonly Msg StateNoAnswer = new("no answer", "응답 없음");
    public static readonly Msg StateWritable = new("primary (writable)", "프라이머리 (쓰기 가능)");
    public static readonly Msg StateReplica = new("replica", "레플리카");
    public static readonly Msg StateDetached = new("read-only, replicating from nobody", "읽기 전용, 복제 소스 없음");
    public static readonly Msg VipHeldBy = new("VIP held by the host named in the bar", "막대에 적힌 호스트가 VIP 보유");
    public static readonly Msg StateVipNone = new("nobody holds it", "아무도 갖지 않음");
    public static readonly Msg<string> StateVipSplit = new("split brain: {0}", "스플릿 브레인: {0}");

    /// <summary>Every entry, by name: what the tests check.</summary>
    public static IReadOnlyList<(string Name, IMessage Message)> All { get; } = typeof(ReportText)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => typeof(IMessage).IsAssignableFrom(f.FieldType))
        .Select(f => (f.Name, (IMessage)f.GetValue(null)!))
        .ToList();
}
