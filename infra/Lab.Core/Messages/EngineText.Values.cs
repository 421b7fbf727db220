namespace Lab.Core.Messages;

public static partial class EngineText
{
    /// <summary>
    /// Saved values and what is compared with them, counted log lines, file `lacks`, per-action timeouts and a start
    /// whose provider options are merged into the lab's.
    /// </summary>
    public static class Values
    {
        public static readonly Msg<string, string, string> Save = new("{0}: save {1} as '{2}'", "{0}: {1} 값을 '{2}' 이름으로 저장");
        public static readonly Msg<string> StatusOf = new("status {0}", "상태 변수 {0}");
        public static readonly Msg<string, string> Saved = new("'{0}' = {1}", "'{0}' = {1}");

        public static readonly Msg<string> EqualTo = new("equal to {0}", "{0} 값과 같음");
        public static readonly Msg<string> DifferentFrom = new("different from {0}", "{0} 값과 다름");
        public static readonly Msg<string> GreaterThan = new("greater than {0}", "{0}보다 큼");
        public static readonly Msg<string> LessThan = new("less than {0}", "{0}보다 작음");
        public static readonly Msg<decimal, string> ChangedBy = new("changed by exactly {0:+0.####;-0.####;0} since '{1}'",
            "'{1}' 이후 정확히 {0:+0.####;-0.####;0}만큼 변함");
        public static readonly Msg SameEverywhere = new("the same on every one of them", "모든 호스트에서 같음");

        public static readonly Msg<string, string> SavedWas = new("'{0}' was {1}", "저장한 '{0}' 값은 {1}");
        public static readonly Msg<decimal> Difference = new("a change of {0:+0.####;-0.####;0}", "차이 {0:+0.####;-0.####;0}");
        public static readonly Msg<string> NotANumber = new("'{0}' is not a number", "'{0}'은(는) 숫자가 아님");
        public static readonly Msg<string> NoStatusVariable = new("no status variable {0}", "상태 변수 {0} 없음");
        public static readonly Msg NoRow = new("the query returned no row", "쿼리 결과에 행이 없음");
        public static readonly Msg<string> NotTheSame = new("not the same everywhere: {0}", "호스트마다 값이 다름: {0}");
        public static readonly Msg<string> NeverSaved = new("no value '{0}' was saved: the step that saves it did not run",
            "'{0}' 값이 저장되지 않음: 저장하는 단계가 실행되지 않음");
        public static readonly Msg<string, string> CannotSave = new("{0}: nothing to save: {1}", "{0}: 저장할 값이 없음: {1}");

        public static readonly Msg<string, int> LogTimes = new("\"{0}\" {1} time(s)", "\"{0}\" {1}번");
        public static readonly Msg<string, int, int> LogCounted = new("\"{0}\" {1} time(s), expected {2}", "\"{0}\" {1}번 나옴 (기대: {2}번)");

        public static readonly Msg<string, double, string> ActionTimedOut = new("{0}: {2} did not finish within its timeout of {1:0.###}s",
            "{0}: {2} 작업이 제한 시간 {1:0.###}초 안에 끝나지 않음");
        public static readonly Msg<string> WithProviderOptions = new(", provider options {0} merged into the lab's", ", 프로바이더 옵션 {0}을(를) 랩 설정에 합쳐서");
        public static readonly Msg<string, string> StartedWithProviderOptions = new("{0}: started with wsrep_provider_options={1}",
            "{0}: wsrep_provider_options={1} 설정으로 시작");
        public static readonly Msg<string> UndoProviderOptions = new("restart {0} with the lab's own provider options (it was started with added ones)",
            "{0}을(를) 랩 원래의 프로바이더 옵션으로 재시작 (옵션을 더해서 시작했었음)");
        public static readonly Msg<string, string> CannotReadConfiguration = new(
            "{0}: cannot read the server's configuration with `my_print_defaults --mysqld` ({1}); it comes with the MariaDB server packages, install them on the host",
            "{0}: `my_print_defaults --mysqld`로 서버 설정을 읽지 못함 ({1}); MariaDB 서버 패키지에 들어 있으니 호스트에 설치할 것");
    }
}
