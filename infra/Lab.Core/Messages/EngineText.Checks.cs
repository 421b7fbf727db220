namespace Lab.Core.Messages;

public static partial class EngineText
{
    /// <summary>`lab check`: a hand-built lab graded item by item, and `lab up --bare`'s closing lines.</summary>
    public static class Checks
    {
        public static readonly Msg<string, string, string> Header = new("grading {0} · instance {1} · {2}", "{0} 채점 · 인스턴스 {1} · {2}");
        public static readonly Msg Pass = new("✓", "✓");
        public static readonly Msg Fail = new("✗", "✗");
        public static readonly Msg<string> Seen = new("seen: {0}", "확인된 상태: {0}");
        public static readonly Msg<string> Hint = new("hint: {0}", "힌트: {0}");
        public static readonly Msg<int, int, int> Score = new("score: {0}/{1} ({2}%)", "점수: {0}/{1} ({2}%)");
        public static readonly Msg AllPassed = new("every item passed: the lab is built as the guide says", "모든 항목 통과: 가이드대로 랩이 구성됨");
        public static readonly Msg<int> SomeFailed = new("{0} item(s) to fix: see the hints above, then run lab check again",
            "고칠 항목 {0}개: 위의 힌트를 보고 고친 뒤 lab check 다시 실행");
        public static readonly Msg<string> SavedTo = new("result saved to {0}", "결과 저장: {0}");
        public static readonly Msg NothingSeen = new("nothing (no such servers, no output)", "아무것도 없음 (해당 서버 없음, 출력 없음)");
        public static readonly Msg<double> NoAnswer = new("no answer within {0:0}s", "{0:0}초 안에 응답 없음");

        public static readonly Msg<string> BareUp = new(
            "bare lab: packages installed, the distribution's own configuration, each MariaDB server running stand-alone; nothing of '{0}' is configured yet",
            "빈(bare) 랩: 패키지 설치와 배포판 기본 설정만 된 상태, MariaDB 서버는 각각 단독 실행 중; '{0}' 랩 구성은 아직 없음");
        public static readonly Msg<string> PrepareAsInstalled = new("prepare {0}: each host as right after `apt install` (the distribution's own configuration files, an initialised datadir)",
            "{0} 준비: 각 호스트를 `apt install` 직후 상태로 (배포판 기본 설정 파일, 초기화된 datadir)");
        public static readonly Msg<string, string> BareNext = new(
            "build it by hand (the guide's \"build it yourself\" part) in lab shell HOST, then grade it: lab check {0} --instance {1}",
            "가이드의 \"직접 구성하기\"를 따라 lab shell HOST에서 직접 구성한 뒤 채점: lab check {0} --instance {1}");
    }
}
