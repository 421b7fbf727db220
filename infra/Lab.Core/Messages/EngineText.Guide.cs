namespace Lab.Core.Messages;

public static partial class EngineText
{
    /// <summary>`lab guide`: a scenario's stages shown to a student, who does them in `lab shell` while the guide checks.</summary>
    public static class Guide
    {
        public static readonly Msg<string, string> Header = new("guided: {0} on instance '{1}'", "가이드 실습: {0} (인스턴스 '{1}')");
        public static readonly Msg Keys = new(
            "Work in another terminal. Here, type a letter and Enter: h = hint, s = solve (the guide does this stage for you), q = quit (progress is kept).",
            "작업은 다른 터미널에서 한다. 여기서는 글자를 입력하고 Enter: h = 힌트, s = 풀이 (가이드가 이 단계를 대신 수행), q = 종료 (진행 상황은 저장됨).");
        public static readonly Msg<int, int> Resuming = new("resuming at stage {0} of {1} (saved progress; --restart starts over)",
            "저장된 진행 상황에서 이어서 {1}단계 중 {0}단계부터 시작 (처음부터 하려면 --restart)");
        public static readonly Msg AlreadyCompleted = new("this instance already completed this guide; starting over (the lab is as you left it)",
            "이 인스턴스는 이미 이 가이드를 마쳤음; 처음부터 다시 시작 (랩은 마지막 상태 그대로)");
        public static readonly Msg<string> OtherScenarioSaved = new("the saved progress on this instance is for {0}; starting this guide from its first stage",
            "이 인스턴스에 저장된 진행 상황은 {0}의 것; 이 가이드는 첫 단계부터 시작");
        public static readonly Msg<int, int, string> Stage = new("stage {0}/{1}: {2}", "{1}단계 중 {0}단계: {2}");
        public static readonly Msg WhatToType = new("type:", "입력할 명령:");
        public static readonly Msg WhatToDo = new("do (this stage has no typed instructions; these are its own steps):",
            "할 일 (이 단계에는 입력할 명령이 적혀 있지 않아 단계 자체의 동작을 보여 줌):");
        public static readonly Msg<string, string> OpenShell = new("open a shell on the host: lab shell {0} --instance {1}", "호스트에 셸 열기: lab shell {0} --instance {1}");
        public static readonly Msg Waiting = new("checking continuously until this holds:", "다음이 성립할 때까지 계속 확인 중:");
        public static readonly Msg NothingToCheck = new("this stage has nothing to check: press Enter when you have done it (s: the guide does it)",
            "이 단계에는 확인할 것이 없음: 다 했으면 Enter (s: 가이드가 수행)");
        public static readonly Msg<string> GuideDoes = new("the guide does this itself (no shell command does it): {0}",
            "셸 명령으로는 할 수 없어 가이드가 직접 수행: {0}");
        public static readonly Msg<int, string, double> Passed = new("✓ stage {0}: {1} ({2:0.0}s)", "✓ {0}단계: {1} ({2:0.0}초)");
        public static readonly Msg AlreadyHolds = new("(it already held when the stage began: nothing was left to do)", "(단계를 시작할 때 이미 성립해 있어서 할 일이 없었음)");
        public static readonly Msg HintTitle = new("hint:", "힌트:");
        public static readonly Msg<string> LastSeen = new("not yet: {0}", "아직 아님: {0}");
        public static readonly Msg<double> HintAfterWhile = new("no progress for {0:0}s; a hint:", "{0:0}초 동안 진행이 없어 힌트를 보여 줌:");
        public static readonly Msg Solving = new("solving: the guide does this stage's own steps", "풀이: 가이드가 이 단계의 동작을 직접 수행함");
        public static readonly Msg<string> SolveStepFailed = new("✗ {0}; fix it by hand or try s again", "✗ {0}; 직접 고치거나 s를 다시 시도할 것");
        public static readonly Msg UnknownKey = new("keys: h = hint, s = solve, q = quit", "키: h = 힌트, s = 풀이, q = 종료");
        public static readonly Msg FinalStage = new("the scenario's final stage gives back what it took; the guide does it", "시나리오의 마지막(finally) 단계는 가져간 것을 되돌리므로 가이드가 수행함");
        public static readonly Msg<string> FinalStageFailed = new("the final stage did not finish: {0}", "마지막(finally) 단계가 끝나지 않음: {0}");
        public static readonly Msg<string, int, double> Completed = new("completed: {0}, {1} stage(s) in {2:0}s", "완료: {0}, {1}개 단계, {2:0}초");
        public static readonly Msg<int, int, string, string> Quit = new("stopped at stage {0} of {1}; progress is saved: lab guide {2} --instance {3} resumes there",
            "{1}단계 중 {0}단계에서 멈춤; 진행 상황 저장됨: lab guide {2} --instance {3} 로 이어서 할 수 있음");
        public static readonly Msg<string, string> UsingInstance = new("using instance '{0}' as it is ({1})", "인스턴스 '{0}'를 지금 상태 그대로 사용 ({1})");
        public static readonly Msg<string> BringingUp = new("bringing up instance '{0}' first", "먼저 인스턴스 '{0}' 시작");
        public static readonly Msg<string> InstanceKept = new("instance '{0}' stays up: lab down --instance {0} removes it", "인스턴스 '{0}'는 그대로 남음: 지우려면 lab down --instance {0}");
        public static readonly Msg<string, int, string, string> NotGuidable = new(
            "{0} cannot be guided: stage {1} needs {2}, which nothing typed in a host shell can start or check; run it with: lab run {3}",
            "{0}는 가이드 실습으로 할 수 없음: {1}단계에 필요한 {2}는 호스트 셸에서 입력해 시작하거나 확인할 수 없음; 다음으로 실행할 것: lab run {3}");
        public static readonly Msg Workload = new("the tool's client workload (writer or data-safety checker)", "도구의 클라이언트 작업(쓰기 또는 데이터 안전성 검사)");
        public static readonly Msg Session = new("SQL sessions held open across stages", "단계에 걸쳐 열어 두는 SQL 세션");
        public static readonly Msg RemovedWrite = new("deleting a write the tool's writer recorded", "도구의 쓰기 작업이 기록한 행 삭제");
    }
}
