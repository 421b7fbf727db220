using Lab.Core.Galera;

namespace Lab.Core.Tests;

public sealed class GaleraStateFilesTests
{
    // As mariadbd writes it while running (seqno -1) on a node that may not bootstrap alone.
    private const string RunningNode = """
        # GALERA saved state
        version: 2.1
        uuid:    6c2c5ab8-4a1f-11ef-9a0b-5f2a7d1c3e10
        seqno:   -1
        safe_to_bootstrap: 0

        """;

    [Fact]
    public void Given_grastate_of_a_running_or_crashed_node_When_parsed_Then_seqno_is_minus_one_and_it_is_not_safe_to_bootstrap()
    {
        var state = GraState.Parse(RunningNode);

        Assert.True(state == new GraState("6c2c5ab8-4a1f-11ef-9a0b-5f2a7d1c3e10", -1, false), $"parsed as {state}");
    }

    [Fact]
    public void Given_grastate_of_the_last_node_shut_down_cleanly_When_parsed_Then_seqno_and_safe_to_bootstrap_are_read()
    {
        var state = GraState.Parse(RunningNode.Replace("seqno:   -1", "seqno:   1523").Replace("safe_to_bootstrap: 0", "safe_to_bootstrap: 1"));

        Assert.True(state is { Seqno: 1523, SafeToBootstrap: true }, $"parsed as {state}");
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(987654321012, true)]
    public void Given_a_state_When_rendered_and_parsed_again_Then_it_is_unchanged(long seqno, bool safe)
    {
        var state = new GraState("6c2c5ab8-4a1f-11ef-9a0b-5f2a7d1c3e10", seqno, safe);

        var text = state.Render();
        var again = GraState.Parse(text);

        Assert.True(again == state, $"round trip changed {state} into {again}; text was:\n{text}");
        Assert.True(text.Contains($"safe_to_bootstrap: {(safe ? 1 : 0)}\n") && text.Contains($"seqno:   {seqno}\n") && text.StartsWith("# GALERA saved state\nversion: 2.1\n"),
            $"rendered text does not look like grastate.dat:\n{text}");
    }

    [Fact]
    public void Given_an_empty_or_truncated_grastate_When_parsed_Then_it_reads_as_unknown_position_not_safe()
    {
        var state = GraState.Parse("# GALERA saved state\nversion: 2.1\n");

        Assert.True(state is { Seqno: -1, SafeToBootstrap: false, Uuid: "00000000-0000-0000-0000-000000000000" }, $"parsed as {state}");
    }

    [Fact]
    public void Given_three_member_ids_When_the_saved_view_is_rendered_for_the_second_Then_it_has_galeras_gvwstate_format()
    {
        Guid[] ids =
        [
            Guid.Parse("11111111-1111-1111-1111-111111111111"),
            Guid.Parse("22222222-2222-2222-2222-222222222222"),
            Guid.Parse("33333333-3333-3333-3333-333333333333"),
        ];

        var text = SavedPrimaryView.Render(ids, 1);

        const string expected = """
            my_uuid: 22222222-2222-2222-2222-222222222222
            #vwbeg
            view_id: 3 11111111-1111-1111-1111-111111111111 1
            bootstrap: 0
            member: 11111111-1111-1111-1111-111111111111 0
            member: 22222222-2222-2222-2222-222222222222 0
            member: 33333333-3333-3333-3333-333333333333 0
            #vwend

            """;
        Assert.True(text == expected.ReplaceLineEndings("\n"), $"rendered:\n{text}");
    }
}
