using Lab.Cli.Class;
using Lab.Core.Errors;
using Lab.Instances.Class;

namespace Lab.Targets.Local.Tests;

/// <summary>The instructor's roster: read in any column order, and each mistake refused at its file:line with the fix.</summary>
public sealed class ClassRosterTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}.csv");
    private static readonly HashSet<string> Users = ["kim", "lee", "park"];

    [Fact]
    public void Given_columns_in_another_order_with_comments_When_loaded_Then_each_student_has_their_line()
    {
        File.WriteAllText(_file, "# 2학기 DB 수업\nuser,email,name\nkim,kim@example.org,minji\n\nlee,,seojun\n");
        var roster = ClassRoster.Load(_file, Users.Contains);
        Assert.Equal([("minji", "kim", 3), ("seojun", "lee", 5)], roster.Select(e => (e.Student, e.User, e.Line)));
    }

    [Theory]
    [InlineData("student,login\nminji,kim\n", ":1: the first line must name the columns")]
    [InlineData("name,user\nMinji,kim\n", ":2: the student's name becomes their instance's name")]
    [InlineData("name,user\nminji,nobody\n", ":2: no Unix user 'nobody' on this machine; create it first (useradd --create-home nobody)")]
    [InlineData("name,user\nminji,kim\nseojun,kim\n", ":3: 'kim' is already on line 2")]
    [InlineData("name,user\nminji,kim\nminji,lee\n", ":3: 'minji' is already on line 2")]
    [InlineData("name,user\nminji\n", ":2: expected a name and a user")]
    [InlineData("name,user\nminji,root\n", ":2: a student cannot be root")]
    [InlineData("name,user\n", "no students in it")]
    public void Given_a_mistake_When_loaded_Then_it_is_refused_at_its_line(string text, string expected)
    {
        File.WriteAllText(_file, text);
        var e = Assert.Throws<LabInputException>(() => ClassRoster.Load(_file, u => Users.Contains(u) || u == "root"));
        Assert.Contains(_file, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Given_a_problem_with_a_comma_and_quotes_When_written_as_CSV_Then_it_stays_one_field()
    {
        var sheet = new ClassSheet("c", "galera", DateTimeOffset.UnixEpoch,
            [new ClassSheetRow("minji", "kim", "minji", ClassSheet.NotHealthy, "db2: state \"Joiner\", size 2", null, "7/9")]);
        Assert.Equal("student,user,instance,health,problem,guide,check\nminji,kim,minji,not healthy,\"db2: state \"\"Joiner\"\", size 2\",,7/9\n",
            ClassSheetCsv.Render(sheet));
    }

    public void Dispose() => File.Delete(_file);
}
