using Lab.Core.Model;
using Lab.Core.Scenarios;

namespace Lab.Core.Checks;

/// <summary>
/// One graded item of `lab check` (labs/&lt;lab&gt;/checks.yaml): what it grades (<see cref="Title"/>), what to do when
/// it fails (<see cref="Hint"/>), both in English and Korean, and the scenario engine's expectations that must all
/// hold, each looked at once.
/// </summary>
public sealed record LabCheck(string Id, LocalizedText Title, LocalizedText Hint, IReadOnlyList<Expectation> Expect, int Line);
