using System.Reflection;

namespace Lab.Core.Messages;

/// <summary>
/// Every sentence the engine and `lab run` print, in English and Korean, in one place; a run picks one language.
/// English is the default and reads exactly as before. Korean uses the classroom's terms: 노드, 클러스터, 프라이머리,
/// 레플리카; Galera's own words (Primary, Synced, SST, IST, seqno) and commands stay as the server prints them.
/// Seconds are "s" in columns and timestamps, "초" inside sentences.
/// </summary>
public static partial class EngineText
{
    /// <summary>The live run: the step lines, the end of each scenario, the summary table and the lines around it.</summary>
    public static class Run
    {
        public static readonly Msg Do = new("do", "실행");
        public static readonly Msg Expect = new("expect", "확인");
        public static readonly Msg Passed = new("passed", "통과");
        public static readonly Msg Failed = new("FAILED", "실패");
        public static readonly Msg NotRun = new("not run", "미실행");
        public static readonly Msg<string, double, double, double> PassedIn = new(
            "{0} in {1:0.0}s (waiting on the database {2:0.0}s, actions {3:0.0}s)",
            "{0}: {1:0.0}초 (데이터베이스 대기 {2:0.0}초, 실행 {3:0.0}초)");
        public static readonly Msg<string, double> FailedAfter = new("{0} after {1:0.0}s", "{0}: {1:0.0}초 만에 멈춤");
        public static readonly Msg<string, string> NotRunBecause = new("{0}: not run: {1}", "{0}: 미실행: {1}");

        public static readonly Msg ColumnScenario = new("scenario", "시나리오");
        public static readonly Msg ColumnResult = new("result", "결과");
        public static readonly Msg ColumnSeconds = new("seconds", "시간(초)");
        public static readonly Msg ColumnWaiting = new("waiting on DB", "DB 대기(초)");
        public static readonly Msg ColumnActions = new("actions", "실행(초)");
        public static readonly Msg<int> CountPassed = new("{0} passed", "통과 {0}");
        public static readonly Msg<int> CountFailed = new("{0} failed", "실패 {0}");
        public static readonly Msg<int> CountNotRun = new("{0} not run", "미실행 {0}");

        public static readonly Msg<string> JUnitWritten = new("JUnit XML: {0}", "JUnit XML 보고서: {0}");
        public static readonly Msg<string> InstanceRemoved = new("removed instance '{0}', which this run made (--keep keeps it)",
            "이번 실행이 만든 인스턴스 '{0}' 삭제함 (남기려면 --keep)");
        public static readonly Msg<string> Recreating = new("recreating instance '{0}' so the next scenario starts from the initial topology",
            "다음 시나리오를 처음 토폴로지에서 시작하도록 인스턴스 '{0}' 다시 만드는 중");
        public static readonly Msg<string> RecreatingAsked = new("removing and bringing up instance '{0}' again (--recreate) so the scenario starts from the initial topology",
            "시나리오를 처음 토폴로지에서 시작하도록 인스턴스 '{0}'를 지우고 다시 만드는 중 (--recreate)");
        public static readonly Msg<string, string> NotPrepared = new("could not bring the lab to its starting state before {0}: {1}",
            "{0} 전에 랩을 시작 상태로 되돌리지 못함: {1}");
        public static readonly Msg<string, string, string, string, string> NeedsKernelFeature = new(
            "needs {0} on {1} (this machine's kernel has no {2}); run it on VMs: lab run {3} {4} --target vm",
            "{1}에 {0} 기능이 필요함 (이 머신의 커널에는 {2} 없음); VM에서 실행할 것: lab run {3} {4} --target vm");
        public static readonly Msg<string> NotHealthy = new("lab not healthy before the scenario: {0}", "시나리오 전에 랩이 정상 상태가 아님: {0}");
        public static readonly Msg FinalStageAfterFailure = new("the scenario failed; its final stage runs anyway", "시나리오가 실패했지만 마지막(finally) 단계는 실행함");
        public static readonly Msg<string> FinalStageFailedToo = new("the final stage failed too: {0}", "마지막(finally) 단계도 실패함: {0}");
    }

    /// <summary>How the engine describes a scenario's actions (the "do" lines) and what they report.</summary>
    public static class Actions
    {
        public static readonly Msg<string> Kill = new("kill {0}", "{0} 강제 종료(SIGKILL)");
        public static readonly Msg<string> Stop = new("stop {0}", "{0} 정지");
        public static readonly Msg<string> Pause = new("pause {0}", "{0} 일시 정지(SIGSTOP)");
        public static readonly Msg<string> Resume = new("resume {0}", "{0} 재개(SIGCONT)");
        public static readonly Msg<string, string> Start = new("start {0}{1}", "{0} 시작{1}");
        public static readonly Msg<string> Isolate = new("cut off the network: {0}", "네트워크 차단: {0}");
        public static readonly Msg<string> Reconnect = new("reconnect: {0}", "네트워크 다시 연결: {0}");
        public static readonly Msg<string, string> Impair = new("impair the link of {0}: {1}", "{0} 링크 품질 저하: {1}");
        public static readonly Msg<string> Unimpair = new("restore the link of {0} (no more netem)", "{0} 링크 복구 (netem 해제)");
        public static readonly Msg<int> SqlExpectsError = new(" (expect ERROR {0})", " (ERROR {0} 나와야 함)");
        public static readonly Msg<double> SqlSlowerThan = new(" (takes > {0:0.##}s)", " ({0:0.##}초 넘게 걸려야 함)");
        public static readonly Msg<double> SqlFasterThan = new(" (takes < {0:0.##}s)", " ({0:0.##}초 안에 끝나야 함)");
        public static readonly Msg<string, string, string, string> EditFile = new("{0}: edit {1}: '{2}' → '{3}'", "{0}: {1} 수정: '{2}' → '{3}'");
        public static readonly Msg<string> MarkLog = new("mark the log of {0}", "{0} 로그 위치 표시");
        public static readonly Msg<string> BootstrapMostAdvanced = new("bootstrap from the node with the highest seqno among {0}, then start the others",
            "{0} 중 seqno가 가장 높은 노드로 부트스트랩하고 나머지 노드 시작");
        public static readonly Msg<string> RemoveAcknowledgedWrite = new("{0}: delete one acknowledged row behind the cluster's back (wsrep_on=OFF)",
            "{0}: 커밋 응답을 받은 행 하나를 클러스터 몰래 삭제 (wsrep_on=OFF)");
        public static readonly Msg<string, string> AttachCopy = new("{0}: replicate from {1} after loading a consistent copy (mariadb-dump --gtid --master-data)",
            "{0}: {1}의 일관된 복사본을 적재한 뒤 {1}에서 복제 (mariadb-dump --gtid --master-data)");
        public static readonly Msg<string, string> AttachCurrent = new("{0}: replicate from {1} starting at {1}'s current position, without copying its data",
            "{0}: 데이터 복사 없이 {1}의 현재 위치부터 {1}에서 복제");
        public static readonly Msg<string, string> AttachKeep = new("{0}: replicate from {1} from its own gtid_slave_pos",
            "{0}: 자신의 gtid_slave_pos부터 {1}에서 복제");
        public static readonly Msg<string> Promote = new("promote {0}: STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only=OFF",
            "{0} 프라이머리로 승격: STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only=OFF");
        public static readonly Msg<string> PromoteMostAdvanced = new("promote the most up-to-date of {0} (by GTID received), repoint the others to it",
            "{0} 중 가장 최신인 레플리카(받은 GTID 기준)를 프라이머리로 승격하고 나머지 레플리카가 그쪽을 따르게 함");
        public static readonly Msg<string> StartWriter = new("start writing from {0} (through the address its [client] settings name)",
            "{0}에서 쓰기 시작 ([client] 설정에 적힌 주소로)");
        public static readonly Msg StopWriter = new("stop the writer", "쓰기 중지");
        public static readonly Msg<string> PowerOn = new("power on {0} (boot from the same disks, wait until it answers)",
            "{0} 전원 켜기 (같은 디스크로 부팅, 응답할 때까지 대기)");
        public static readonly Msg<string> PowerOff = new("power off {0} (pull the plug: no shutdown, no flush)",
            "{0} 전원 끄기 (플러그를 뽑듯이: 종료 절차도 flush도 없음)");

        public static readonly Msg IsolatedDetail = new("nftables drops all traffic in and out of the host's namespace (loopback excepted)",
            "nftables가 호스트 네임스페이스를 드나드는 트래픽을 모두 버림 (루프백 제외)");
        public static readonly Msg<string> ImpairedDetail = new(
            "{0}: netem shapes what the host sends (a round trip to it gains the delay once); removed when the scenario ends, pass or fail",
            "{0}: netem은 호스트가 보내는 패킷에 적용됨 (왕복 시간에는 지연이 한 번 더해짐); 시나리오가 끝나면 성공/실패와 관계없이 해제");
        public static readonly Msg<string, int, string> SqlWrongError = new("{0}: expected ERROR {1}, got {2}", "{0}: 기대한 오류 ERROR {1}, 실제 결과: {2}");
        public static readonly Msg<double> Took = new("took {0:0.000}s", "{0:0.000}초 걸림");
        public static readonly Msg<string, double, string> TooFast = new("{0}: expected the statement to take more than {1:0.###}s; it {2}",
            "{0}: 문장이 {1:0.###}초보다 오래 걸려야 하는데 {2}");
        public static readonly Msg<string, double, string> TooSlow = new("{0}: expected the statement to take less than {1:0.###}s; it {2}",
            "{0}: 문장이 {1:0.###}초 안에 끝나야 하는데 {2}");
        public static readonly Msg<string, int, string> WrongExit = new("{0}: expected exit {1}, got {2}", "{0}: 기대한 종료 코드 {1}, 실제 결과: {2}");
        public static readonly Msg<string, string> FileMissing = new("{0}: {1} does not exist", "{0}: {1} 파일이 없음");
        public static readonly Msg<string, string, string, string> TextMissing = new("{0}: {1} does not contain '{2}'; it reads: {3}",
            "{0}: {1}에 '{2}' 부분이 없음; 파일 내용: {3}");
        public static readonly Msg PoweredOffDetail = new(
            "the machine stopped at once, as when its power is cut; it is powered on again at the end of the scenario if the scenario does not",
            "전원이 끊긴 것처럼 머신이 바로 멈춤; 시나리오가 다시 켜지 않으면 시나리오가 끝날 때 다시 켬");
        public static readonly Msg<string, long> MarkedAt = new("{0} @ byte {1}", "{0} @ {1}바이트");
        public static readonly Msg NoFinishedWriter = new("no finished writer: add `workload: stop` first", "끝난 쓰기 작업이 없음: 먼저 `workload: stop`을 넣을 것");
        public static readonly Msg NoAcknowledgedWrite = new("the writer has no acknowledged write", "쓰기 작업에 커밋 응답을 받은 쓰기가 없음");
        public static readonly Msg<long, string> DeletedRow = new("deleted id {0} on {1} only", "{1}에서만 id {0} 삭제함");
        public static readonly Msg WriterRunning = new("a writer is already running", "쓰기 작업이 이미 실행 중");
        public static readonly Msg NoWriter = new("no writer is running", "실행 중인 쓰기 작업이 없음");
        public static readonly Msg<string, string> WriterStarted = new("INSERTs into {0} from {1}, one connection each, to the address of its [client] settings",
            "{1}에서 {0}에 INSERT, 쓰기마다 새 연결, [client] 설정에 적힌 주소로");
        public static readonly Msg<string> UndoImpair = new("restore the link of {0} (remove netem)", "{0} 링크 복구 (netem 제거)");
        public static readonly Msg<string> UndoPowerOff = new("power on {0} (it was powered off)", "{0} 전원 켜기 (꺼져 있었음)");
    }

    /// <summary>How the engine describes expectations (the "expect" lines), what their probes saw, and why one failed.</summary>
    public static class Expectations
    {
        public static readonly Msg<int> Rows = new("{0} row(s)", "{0}행");
        public static readonly Msg<string> FirstValue = new(", first: {0}", ", 첫 값: {0}");
        public static readonly Msg<string> LogSinceMark = new("{0} log since mark: ", "{0} 로그(표시 이후): ");
        public static readonly Msg<string> LogHas = new("has \"{0}\"", "\"{0}\" 있음");
        public static readonly Msg<string> LogLacks = new("no \"{0}\"", "\"{0}\" 없음");
        public static readonly Msg<string, string, string> FileContains = new("{0}:{1} contains {2}", "{0}:{1} 내용에 {2} 포함");
        public static readonly Msg<string, string> Service = new("{0}: service {1}", "{0}: 서비스 {1}");
        public static readonly Msg<string, string, string> Backend = new("{0}: backend {1} {2}", "{0}: 백엔드 {1} {2}");
        public static readonly Msg<string, int> NoneLost = new("every acknowledged write on {0}, at least {1} acknowledged",
            "커밋 응답을 받은 쓰기가 {0}에 모두 있음, 응답받은 쓰기 {1}건 이상");
        public static readonly Msg<int, string, int> SomeLost = new("exactly {0} acknowledged write(s) missing on {1}, at least {2} acknowledged",
            "커밋 응답을 받은 쓰기 중 정확히 {0}건이 {1}에 없음, 응답받은 쓰기 {2}건 이상");
        public static readonly Msg<int, string, int> AtLeastLost = new("at least {0} acknowledged write(s) missing on {1}, at least {2} acknowledged",
            "커밋 응답을 받은 쓰기 중 {0}건 이상이 {1}에 없음, 응답받은 쓰기 {2}건 이상");
        public static readonly Msg EveryNode = new("every node", "모든 노드");
        public static readonly Msg<double> LongestInterruptionBelow = new(", longest interruption < {0:0.#}s", ", 가장 긴 중단 < {0:0.#}초");
        public static readonly Msg<string, string, string> Lag = new("{0} behind {1} by {2} transactions (GTID)", "{0}: {1}보다 트랜잭션 {2}개 뒤처짐 (GTID)");
        public static readonly Msg<string> Shows = new(" shows {0}", " 출력에 {0} 있음");
        public static readonly Msg<string> Without = new(" without {0}", " {0} 없음");
        public static readonly Msg<string> Matching = new(" matching /{0}/", " /{0}/ 일치");
        public static readonly Msg<int> ExitCode = new(" (exit {0})", " (종료 코드 {0})");
        public static readonly Msg<string> VipOnAll = new("virtual IP on every one of {0} at once (and nowhere else)", "가상 IP가 {0} 모두에 동시에 있음 (다른 곳에는 없음)");
        public static readonly Msg<string, string> Held = new("held {0}s: {1}", "{0}초 동안 유지됨: {1}");
        public static readonly Msg<string, string, string, string, string> HoldBroken = new("{0}: expected {1} to stay so for {2}s; it stopped after {3}s: {4}",
            "{0}: {1} 상태가 {2}초 동안 유지되어야 했지만 {3}초 뒤에 깨짐: {4}");
        public static readonly Msg<string, string> AndStillSo = new("{0}, and still so for {1}s", "{0}, 그리고 {1}초 동안 그대로");
        public static readonly Msg<string> VipOnOne = new("virtual IP on {0} (and nowhere else)", "가상 IP가 {0}에만 있음");
        public static readonly Msg<string> VipOnOneOf = new("virtual IP on exactly one of {0}", "가상 IP가 {0} 중 정확히 한 곳에만 있음");

        public static readonly Msg AllAsExpected = new("all as expected", "모두 예상대로");
        public static readonly Msg<string> NotYet = new("no \"{0}\" yet", "아직 \"{0}\" 없음");
        public static readonly Msg<string> Found = new("found \"{0}\"", "\"{0}\" 발견");
        public static readonly Msg<int> Exited = new("exit {0}", "종료 코드 {0}");
        public static readonly Msg<string> NotEqual = new("not '{0}'", "'{0}' 아님");
        public static readonly Msg<string> NoMatch = new("no match for /{0}/", "/{0}/ 불일치");
        public static readonly Msg<string, string> ProblemsIn = new("{0} in: {1}", "{0}, 출력: {1}");
        public static readonly Msg<string> DoesNotExist = new("{0} does not exist", "{0} 파일이 없음");
        public static readonly Msg NotAReplica = new("SHOW SLAVE STATUS is empty: not a replica", "SHOW SLAVE STATUS 결과가 비어 있음: 레플리카가 아님");
        public static readonly Msg<string, long, string, string, string> Behind = new("{0} is {1} transaction(s) behind {2} (applied {3}, {2} at {4})",
            "{0}: {2}보다 트랜잭션 {1}개 뒤처짐 (적용 {3}, {2} 위치 {4})");
        public static readonly Msg<string, string, string> ReplicaProgress = new("; Seconds_Behind_Master {0}, received {1}, relay log {2} bytes",
            "; Seconds_Behind_Master {0}, 받은 위치 {1}, 릴레이 로그 {2}바이트");
        public static readonly Msg<string> NobodyHolds = new("nobody holds {0}", "{0}: 가진 호스트 없음");
        public static readonly Msg<string, string> HeldOn = new("{0} on {1}", "{0}: {1}에 있음");

        public static readonly Msg<string, string, double, string> TimedOut = new("{0}: expected {1} within {2:0.#}s; last observed: {3}",
            "{0}: {2:0.#}초 안에 다음 상태가 되지 않음: {1}; 마지막으로 본 값: {3}");
        public static readonly Msg<string, string> LogTail = new("--- {0}:{1} (last lines) ---", "--- {0}:{1} (마지막 줄) ---");
        public static readonly Msg<double> CleanUpTimedOut = new("did not finish within {0:0}s", "{0:0}초 안에 끝나지 않음");
        public static readonly Msg<string, string> CleanUpFailed = new("clean-up: {0}: {1}", "정리 단계: {0}: {1}");
    }

    /// <summary>What the client writer saw and what the nodes hold of it.</summary>
    public static class Workload
    {
        public static readonly Msg<int, int, int, int, double> Writes = new("{0} writes: {1} ok, {2} failed, {3} unknown; longest interruption {4:0.00}s",
            "쓰기 {0}건: 성공 {1}, 실패 {2}, 결과 불명 {3}; 가장 긴 중단 {4:0.00}초");
        public static readonly Msg<string, int> NodeRows = new("{0}: {1} rows", "{0}: {1}행");
        public static readonly Msg<int, string> Lost = new(", LOST {0} (ids {1})", ", 유실 {0}건 (id {1})");
        public static readonly Msg NoneLost = new(", none lost", ", 유실 없음");
        public static readonly Msg<int, string> Phantoms = new(", {0} never written (ids {1})", ", 쓴 적 없는 행 {0}건 (id {1})");
        public static readonly Msg<int, string> FailedButPresent = new(", {0} told FAILED yet present (ids {1})", ", 실패로 응답했는데 들어 있는 행 {0}건 (id {1})");
        public static readonly Msg NoWriterToCheck = new("no finished writer to check: add `workload: stop` before this expectation",
            "확인할 끝난 쓰기 작업이 없음: 이 확인 앞에 `workload: stop`을 넣을 것");
    }

    /// <summary>What replication steps did: attach a replica, promote one, choose the most up-to-date (MHA).</summary>
    public static class Replication
    {
        public static readonly Msg<string, string, string, string> Attached = new("{0} replicates from {1} ({2}), {3}", "{0}: {1} ({2})에서 복제, {3}");
        public static readonly Msg<string> FromOwnPosition = new("from its own gtid_slave_pos {0}", "자신의 gtid_slave_pos {0}부터");
        public static readonly Msg<string, string> AtCurrentPosition = new("starting at {0}'s current position {1} with no copy of its data",
            "데이터 복사 없이 {0}의 현재 위치 {1}부터");
        public static readonly Msg<string, double, string> FromCopy = new("from a consistent copy of {0} (mariadb-dump --gtid --master-data, {1:0.#} KiB) at {2}",
            "{0}의 일관된 복사본에서 (mariadb-dump --gtid --master-data, {1:0.#} KiB), 위치 {2}");
        public static readonly Msg<string, string> Promoted = new("{0} promoted: STOP SLAVE; RESET SLAVE ALL; read_only=OFF ({1})",
            "{0} 프라이머리로 승격: STOP SLAVE; RESET SLAVE ALL; read_only=OFF ({1})");
        public static readonly Msg<string, string> Received = new("{0} received {1}", "{0} 수신 위치 {1}");
        public static readonly Msg<string, string> MostUpToDate = new("{0}: {1} is the most up to date", "{0}: 가장 최신은 {1}");
        public static readonly Msg<string, string, string, double> PromotedMostAdvanced = new("{0} → {1} (applied its relay log up to {2} in {3:0.00}s), promoted; ",
            "{0} → {1} (릴레이 로그를 {2}까지 {3:0.00}초 만에 적용), 승격; ");
    }

    /// <summary>The bring-up's progress lines (`lab run` brings a lab up first) and the health restore between scenarios.</summary>
    public static class BringUp
    {
        /// <summary>A finished step. The Korean leaves out the step's key (form-cluster...), an English name that only the Azure program's resources use.</summary>
        public static readonly Msg<string, string, double> StepDone = new("✓ {0}: {1} ({2:0.00}s)", "✓ {1} ({2:0.00}s)");
        public static readonly Msg<string> Prepare = new("prepare {0}: each host made ready its target's way, with the rendered files in place",
            "{0} 준비: 타깃 방식대로 호스트마다 준비하고 렌더링한 파일 배치");
        public static readonly Msg<string> FormShared = new("start {0} together from a shared initial state (saved primary view, no SST)",
            "{0} 동시 시작: 공유된 초기 상태에서 (저장한 primary view, SST 없음)");
        public static readonly Msg<string, string> FormClassic = new("{0}: galera_new_cluster; then {1} join one at a time (SST)",
            "{0}: galera_new_cluster; 이어서 {1} 하나씩 합류 (SST)");
        public static readonly Msg<string, int> WaitSynced = new("wait until {0} are Primary and Synced (cluster size {1})",
            "대기: {0} 모두 Primary, Synced (클러스터 크기 {1})");
        public static readonly Msg<string> StartServers = new("start mariadbd on {0} and wait until each answers", "{0}에서 mariadbd 시작, 모두 응답할 때까지 대기");
        public static readonly Msg<string, string> Accounts = new("run {0} on {1} (this instance's generated passwords)",
            "{1}에서 {0} 실행 (이 인스턴스용으로 생성한 비밀번호)");
        public static readonly Msg<string, string> AttachReplicas = new("{0}: consistent copy of {1} (mariadb-dump --gtid), CHANGE MASTER, START SLAVE, caught up",
            "{0}: {1}의 일관된 복사본 (mariadb-dump --gtid), CHANGE MASTER, START SLAVE, 따라잡기 완료");
        public static readonly Msg<string> StartServices = new("start {0}", "서비스 시작: {0}");
        public static readonly Msg<string, string> ServiceOnHost = new("{0} on {1}", "{1}의 {0}");
        public static readonly Msg<string, string> WaitVip = new("wait until the virtual IP {0} is on {1} only", "대기: 가상 IP {0}, {1}에만 할당");
        public static readonly Msg<string, int> WaitHaproxy = new("wait until {0} sees all {1} database backends UP",
            "대기: {0}에서 데이터베이스 백엔드 {1}개 모두 UP");
        public static readonly Msg<string, string, string> ClientQuery = new("{0}: `mariadb -e 'SELECT @@hostname'` through {1}, answered by one of {2}",
            "{0}: {1} 경유 `mariadb -e 'SELECT @@hostname'`, {2} 중 하나가 응답");
        public static readonly Msg<string> ViaVirtualIp = new("the virtual IP {0}", "가상 IP {0}");
        public static readonly Msg<string> ViaHaproxy = new("HAProxy on {0}", "{0}의 HAProxy");
        public static readonly Msg<string, string, string> ClientAnswered = new("{0}: a query through {1} answered by {2}", "{0}: {1} 경유 쿼리에 {2} 응답");
        public static readonly Msg<string> AnsweredBy = new("answered by {0}", "{0} 응답");
        public static readonly Msg<string, string> ReplicasCaughtUp = new("{0}: Slave_IO_Running and Slave_SQL_Running Yes, caught up with {1}",
            "{0}: Slave_IO_Running, Slave_SQL_Running 모두 Yes, {1} 따라잡기 완료");
        public static readonly Msg<string> StartedOnceMore = new("{0}: mariadbd is not running after its start; starting it once more",
            "{0}: 시작했는데 mariadbd가 실행 중이 아님; 한 번 더 시작");
        public static readonly Msg<string> StartingTogether = new("starting {0} together from a shared initial state", "{0} 동시 시작 중 (공유된 초기 상태)");
        public static readonly Msg<string> NewCluster = new("{0}: starting a new cluster (galera_new_cluster)", "{0}: 새 클러스터 시작 (galera_new_cluster)");
        public static readonly Msg<string> Joining = new("{0}: joining (state snapshot transfer)", "{0}: 클러스터 합류 중 (SST, 전체 상태 전송)");
        public static readonly Msg<string, string, string> InstanceClaimed = new("instance '{0}': subnet {1}, hosts {2}", "인스턴스 '{0}': 서브넷 {1}, 호스트 {2}");
        public static readonly Msg<string> Rootless = new(
            "rootless mode: the hosts live in your own user namespace (state in {0}); no guard route in the machine's namespace, where no route leads into the lab",
            "루트 없는 모드: 호스트는 사용자 자신의 사용자 네임스페이스 안에 있음 (상태 {0}); 머신 네임스페이스에는 가드 경로 없음, 거기서 랩으로 가는 경로가 없음");
        public static readonly Msg<string> LeftOut = new("rootless mode: left out of the hosts' copies, readable by the machine's root only: {0}",
            "루트 없는 모드: 머신의 root만 읽을 수 있어 호스트 복사본에서 제외: {0}");
        public static readonly Msg<string> Published = new("reachable from this machine: {0}", "이 머신에서 접속: {0}");
        public static readonly Msg<double> NetworkReady = new("network and host directories ready ({0:0.00}s)", "네트워크와 호스트 디렉터리 준비 완료 ({0:0.00}s)");
        public static readonly Msg<string, double> Connected = new("connected to {0} ({1:0.00}s)", "{0}에 연결됨 ({1:0.00}s)");
        public static readonly Msg<string, string> Installing = new("{0}: installing:{1}", "{0}: 패키지 설치 중:{1}");
        public static readonly Msg<string, int> Provisioned = new("{0}: packages, systemd units and {1} rendered file(s) in place",
            "{0}: 패키지, systemd 유닛, 렌더링한 파일 {1}개 배치 완료");
        public static readonly Msg<int, string, double> MachinesBooting = new("{0} machines booting; ssh from {1} in the lab's own namespace ({2:0.00}s)",
            "머신 {0}대 부팅 중; 랩 전용 네임스페이스의 {1}에서 ssh 접속 ({2:0.00}s)");
        public static readonly Msg<double> MachinesBooted = new("machines booted, sshd answering ({0:0.00}s)", "머신 부팅 완료, sshd 응답함 ({0:0.00}s)");
        public static readonly Msg<string, string> UpFailed = new("up failed ({0}); removing what was made for '{1}'", "up 실패 ({0}); '{1}'용으로 만든 것을 지우는 중");

        public static readonly Msg<string, string> StartingService = new("{0}: starting {1}", "{0}: {1} 시작");
        public static readonly Msg NoNodeRunning = new("no node is running: bootstrapping from the most advanced one", "실행 중인 노드가 없음: 가장 앞선 노드에서 부트스트랩");
        public static readonly Msg<string, long> NoPrimary = new("no Primary component: pc.bootstrap on {0} (last committed {1})",
            "Primary 컴포넌트가 없음: {0}에서 pc.bootstrap (마지막 커밋 {1})");
        public static readonly Msg<string> StartingMariadbd = new("{0}: starting mariadbd", "{0}: mariadbd 시작");
        public static readonly Msg<string, string> BootstrapChosen = new("{0} → bootstrap {1}", "{0} → {1}에서 부트스트랩");
    }

    /// <summary>The health restore between scenarios when waiting in place is not enough: each step it escalates to, and what it took.</summary>
    public static class Restore
    {
        public static readonly Msg<string, double, string> StillStuck = new("not Primary/Synced after {1:0.#}s: {0} ({2})",
            "{1:0.#}초를 기다려도 Primary/Synced가 아님: {0} ({2})");
        public static readonly Msg<string> EndingSessions = new("ending the client connections left on {0} (not system or replication threads)",
            "{0}에 남은 클라이언트 연결 종료 (시스템·복제 스레드 제외)");
        public static readonly Msg<string, int> EndedSessions = new("{0}: ended {1} client connection(s)", "{0}: 클라이언트 연결 {1}개 종료");
        public static readonly Msg<string> DesyncOff = new("{0}: wsrep_desync was ON: SET GLOBAL wsrep_desync=OFF", "{0}: wsrep_desync가 ON이었음: SET GLOBAL wsrep_desync=OFF");
        public static readonly Msg<string, string> SessionsNotEnded = new("{0}: could not end its connections: {1}", "{0}: 연결을 끝내지 못함: {1}");
        public static readonly Msg<string> Restarting = new("ending connections was not enough: restarting {0}", "연결 종료로는 부족함: {0} 재시작");
        public static readonly Msg<string, double> StopTimedOut = new("{0}: mariadbd did not stop within {1:0}s: killed", "{0}: mariadbd가 {1:0}초 안에 멈추지 않아 강제 종료(SIGKILL)");
        public static readonly Msg<string> Recreating = new("healing in place failed ({0}): recreating the instance, the last resort",
            "제자리 복구 실패 ({0}): 최후 수단으로 인스턴스를 다시 만드는 중");
        public static readonly Msg<string, double> Done = new("lab healthy again: {0} ({1:0.0}s)", "랩이 다시 정상: {0} ({1:0.0}초)");
        public static readonly Msg StepInPlace = new("healed in place", "제자리에서 복구");
        public static readonly Msg<string> StepEndedSessions = new("ended the connections left on {0}", "{0}에 남은 연결 종료");
        public static readonly Msg<string> StepRestarted = new("restarted {0}", "{0} 재시작");
        public static readonly Msg StepRecreated = new("recreated the instance", "인스턴스 다시 만듦");
        public static readonly Msg<string, string, double> SummaryLine = new("before {0}: {1} ({2:0.0}s)", "{0} 전: {1} ({2:0.0}초)");
        public static readonly Msg<string> RecreateNotAllowed = new(
            "recreating instance '{0}', the last resort, would remove what was made in it: add --recreate to allow that",
            "최후 수단인 인스턴스 '{0}' 재생성은 그 안에서 만든 것을 모두 지움: 허용하려면 --recreate 추가");
    }

    /// <summary>Named SQL sessions: how their actions read in the timeline, what they report, and why one failed.</summary>
    public static class Sessions
    {
        public static readonly Msg<string, string> Send = new("{0}: send {1} (goes on at once)", "{0}: {1} 보내기 (기다리지 않고 진행)");
        public static readonly Msg<string> Reap = new("{0}: reap what was sent", "{0}: 보낸 문장의 결과 받기");
        public static readonly Msg<int> ExpectsRows = new(" (expect {0} row(s))", " ({0}행 나와야 함)");
        public static readonly Msg<string> ExpectsValue = new(" (expect '{0}')", " ('{0}' 나와야 함)");
        public static readonly Msg<long> Sent = new("sent on connection {0}", "연결 {0}에 보냄");
        public static readonly Msg<double> Waited = new("finished {0:0.0#}s after it was sent", "보낸 뒤 {0:0.0#}초 만에 끝남");
        public static readonly Msg<string, string, double> NoAnswer = new(
            "{0}: {1}: no answer within {2:0.#}s (the statement still runs; clean-up ends the session)",
            "{0}: {1}: {2:0.#}초 안에 응답 없음 (문장은 아직 실행 중; 정리 단계에서 세션을 끝냄)");
        public static readonly Msg<string, string, string> NotOpened = new("{0}: {1}: could not open the session: {2}", "{0}: {1}: 세션을 열지 못함: {2}");
        public static readonly Msg<double> NoAnswerToOpen = new("the server did not answer within {0:0.#}s", "서버가 {0:0.#}초 안에 응답하지 않음");
        public static readonly Msg<string, string, long> End = new("end session {0} on {1} (connection {2})", "{1}의 세션 {0} 끝내기 (연결 {2})");
        public static readonly Msg<int> MoreErrors = new(" (and {0} more error(s))", " (오류 {0}개 더)");
        public static readonly Msg<string, string, string> ClientEnded = new("{0}: {1}: the session's mariadb client ended: {2}",
            "{0}: {1}: 세션의 mariadb 클라이언트가 끝남: {2}");
        public static readonly Msg<string, string, int, string> WrongError = new("{0}: {1}: expected ERROR {2}, got {3}", "{0}: {1}: 기대한 오류 ERROR {2}, 실제 결과: {3}");
        public static readonly Msg<string, string, string> Failed = new("{0}: {1}: failed: {2}", "{0}: {1}: 실패: {2}");
        public static readonly Msg<string, string, string, string> WrongResult = new("{0}: {1}: expected {2}, got {3}", "{0}: {1}: 기대한 결과 {2}, 실제 결과: {3}");
    }

    /// <summary>The data-safety checkers beyond lost writes: lost updates (read-modify-write increments) and stale reads.</summary>
    public static class Safety
    {
        public static readonly Msg<string, string, int> StartIncrements = new("start read-modify-write increments through {0} ({1}, {2} each)",
            "{0}에서 읽고-고쳐-쓰기 증가 시작 ({1}, 각 {2}번)");
        public static readonly Msg<string, string, string, int> StartStaleReads = new("from {0}: write on {1}, then at once read it on {2}, {3} times",
            "{0}에서: {1}에 쓰고 곧바로 {2}에서 읽기, {3}번");
        public static readonly Msg<string> SyncWaits = new(" with wsrep_sync_wait {0} in turn", ", wsrep_sync_wait {0} 번갈아");
        public static readonly Msg<string> StopWorkload = new("stop the {0} workload (its report)", "{0} 작업 중지 (결과 보고)");
        public static readonly Msg<string> Started = new("running: {0}", "실행 중: {0}");
        public static readonly Msg<string> AlreadyRunning = new("a {0} workload is already running: stop it first",
            "{0} 작업이 이미 실행 중: 먼저 중지할 것");
        public static readonly Msg<string> NothingToCheck = new("no {0} workload was started: start one with `workload: {{ kind: {0}, ... }}` before this expectation",
            "시작한 {0} 작업이 없음: 이 확인 앞에 `workload: {{ kind: {0}, ... }}`로 시작할 것");
        public static readonly Msg<int, int> StillRunning = new("still running: {0} of {1} done", "아직 실행 중: {1}개 중 {0}개 끝남");

        public static readonly Msg ForUpdate = new("SELECT ... FOR UPDATE", "SELECT ... FOR UPDATE로 잠금");
        public static readonly Msg PlainRead = new("plain SELECT, then UPDATE", "일반 SELECT 후 UPDATE");
        public static readonly Msg<int, int, int, int, string> Increments = new("{0} increments ({4}): {1} acknowledged, {2} refused, {3} in doubt",
            "증가 {0}번 ({4}): 커밋 응답 {1}, 거부 {2}, 결과 불명 {3}");
        public static readonly Msg<long, long> CounterAndJournal = new("; counter {0}, committed increments {1}", "; 카운터 {0}, 커밋된 증가 {1}");
        public static readonly Msg<long> LostUpdates = new(": {0} LOST UPDATE(S)", ": 갱신 유실 {0}건");
        public static readonly Msg NoLostUpdates = new(": no lost update", ": 갱신 유실 없음");
        public static readonly Msg<int> MissingAcknowledged = new(", {0} acknowledged increment(s) not committed", ", 커밋 응답을 받은 증가 중 {0}건이 커밋되지 않음");
        public static readonly Msg<long> ExtraIncrements = new(", {0} more than committed", ", 커밋된 것보다 {0} 많음");

        public static readonly Msg<string, string> StaleReadsFrom = new("write on {0}, read on {1}: ", "{0}에 쓰고 {1}에서 읽기: ");
        public static readonly Msg<int, int, int> StaleReads = new("wsrep_sync_wait={0}: {1} reads, {2} stale", "wsrep_sync_wait={0}: 읽기 {1}번, 오래된 읽기 {2}번");
        public static readonly Msg<int> ReadsFailed = new(", {0} without an answer", ", 응답 없음 {0}번");
        public static readonly Msg<int> WritesNotAcknowledged = new("; {0} write(s) not acknowledged (their reads not counted)",
            "; 커밋 응답을 받지 못한 쓰기 {0}건 (그 읽기는 세지 않음)");

        public static readonly Msg<string, int> AtMostLostUpdates = new("lost updates {0}, at least {1} increments acknowledged",
            "갱신 유실 {0}, 커밋 응답을 받은 증가 {1}번 이상");
        public static readonly Msg<string> DeadlocksSeen = new(", deadlocks (ERROR 1213) seen by the clients {0}", ", 클라이언트가 본 deadlock(ERROR 1213) {0}");
        public static readonly Msg<int, string> StaleReadsWithin = new("stale reads with wsrep_sync_wait={0}: {1}",
            "wsrep_sync_wait={0}일 때 오래된 읽기: {1}");
        public static readonly Msg<string> FirstError = new("; first error: {0}", "; 첫 오류: {0}");
        public static readonly Msg<int> AtLeastReads = new(", at least {0} reads", ", 읽기 {0}번 이상");
    }

    /// <summary>Every message of the catalogue, by its path (e.g. "Run.Passed"): what the tests check.</summary>
    public static IReadOnlyList<(string Name, IMessage Message)> All { get; } = typeof(EngineText).GetNestedTypes()
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => typeof(IMessage).IsAssignableFrom(f.FieldType))
            .Select(f => ($"{t.Name}.{f.Name}", (IMessage)f.GetValue(null)!)))
        .ToList();
}
