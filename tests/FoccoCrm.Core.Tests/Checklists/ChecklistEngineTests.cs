using System.Globalization;
using FoccoCrm.Core.Checklists;

namespace FoccoCrm.Core.Tests.Checklists;

/// <summary>The filling engine: fixed cases per kind, then properties over randomly generated trees and answers (fixed seeds).</summary>
public sealed class ChecklistEngineTests
{
    private static readonly AnswerKind[] Kinds = Enum.GetValues<AnswerKind>();

    /// <summary>A random tree: choice parents, children on random non-empty subsets of the parent's options.</summary>
    internal static ChecklistDefinition RandomTree(Random rnd, int size)
    {
        var nodes = new List<FormNode>();
        for (var i = 0; i < size; i++)
        {
            var kind = Kinds[rnd.Next(Kinds.Length)];
            var options = kind switch
            {
                AnswerKind.YesNo => new List<FormOption> { new(i * 100 + 1, "Sim"), new(i * 100 + 2, "Não") },
                AnswerKind.SingleChoice or AnswerKind.MultipleChoice => [.. Enumerable.Range(1, rnd.Next(2, 5)).Select(n => new FormOption(i * 100 + n, "O" + n))],
                _ => [],
            };
            var question = new FormQuestion(i + 1, "Q" + i, kind, options);
            var parents = nodes.Where(n => n.Question.Kind.HasOptions()).ToList();
            if (parents.Count == 0 || rnd.Next(4) == 0)
                nodes.Add(new FormNode(Guid.NewGuid(), null, [], i, rnd.Next(3) == 0, question));
            else
            {
                var parent = parents[rnd.Next(parents.Count)];
                var condition = parent.Question.Options.Where(_ => rnd.Next(2) == 0).Select(o => o.Id).ToList();
                if (condition.Count == 0) condition.Add(parent.Question.Options[0].Id);
                nodes.Add(new FormNode(Guid.NewGuid(), parent.Id, condition, i, rnd.Next(3) == 0, question));
            }
        }
        return new ChecklistDefinition(nodes);
    }

    /// <summary>Random valid answers for about 70% of the nodes (visible or not).</summary>
    internal static List<ChecklistAnswer> RandomAnswers(Random rnd, ChecklistDefinition def)
    {
        var answers = new List<ChecklistAnswer>();
        foreach (var n in def.Nodes)
        {
            if (rnd.Next(10) < 3) continue;
            var q = n.Question;
            answers.Add(q.Kind switch
            {
                AnswerKind.SingleChoice or AnswerKind.YesNo => ChecklistAnswer.Options(n.Id, q.Options[rnd.Next(q.Options.Count)].Id),
                AnswerKind.MultipleChoice => ChecklistAnswer.Options(n.Id, [.. q.Options.Where(_ => rnd.Next(2) == 0).Select(o => o.Id).DefaultIfEmpty(q.Options[0].Id)]),
                AnswerKind.Text => ChecklistAnswer.OfText(n.Id, "t" + rnd.Next(100)),
                AnswerKind.Number => ChecklistAnswer.OfNumber(n.Id, rnd.Next(-50, 50) / 4m),
                _ => ChecklistAnswer.OfDate(n.Id, new DateOnly(2020, 1, 1).AddDays(rnd.Next(2000))),
            });
        }
        return answers;
    }

    private static IEnumerable<(ChecklistDefinition Def, List<ChecklistAnswer> Answers)> Cases(int seed, int count = 400)
    {
        var rnd = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var def = RandomTree(rnd, rnd.Next(1, 40));
            yield return (def, RandomAnswers(rnd, def));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Property_VisibleNodesAreExactlyThoseWhoseConditionsHold(int seed)
    {
        foreach (var (def, answers) in Cases(seed))
        {
            var visible = ChecklistEngine.VisibleNodes(def, answers);
            var byNode = answers.ToDictionary(a => a.NodeId);
            foreach (var n in def.Nodes)
            {
                bool expected;
                if (n.ParentId is not { } pid) expected = true; // roots always show
                else expected = visible.Contains(pid) && byNode.TryGetValue(pid, out var pa) && pa.OptionIds.Any(n.ConditionOptionIds.Contains);
                Assert.Equal(expected, visible.Contains(n.Id));
            }
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Property_AHiddenNodesDescendantsAreAllHidden(int seed)
    {
        foreach (var (def, answers) in Cases(seed))
        {
            var visible = ChecklistEngine.VisibleNodes(def, answers);
            foreach (var hidden in def.Nodes.Where(n => !visible.Contains(n.Id)))
            {
                var stack = new Stack<FormNode>(def.ChildrenOf(hidden.Id));
                while (stack.TryPop(out var d))
                {
                    Assert.DoesNotContain(d.Id, visible);
                    foreach (var c in def.ChildrenOf(d.Id)) stack.Push(c);
                }
            }
        }
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void Property_CleaningIsIdempotent_KeepsVisibility_AndKeepsNoHiddenAnswer(int seed)
    {
        foreach (var (def, answers) in Cases(seed))
        {
            var visible = ChecklistEngine.VisibleNodes(def, answers);
            var clean = ChecklistEngine.Clean(def, answers);
            Assert.All(clean, a => Assert.Contains(a.NodeId, visible));
            Assert.Equal(clean, ChecklistEngine.Clean(def, clean));
            Assert.Equal(visible.OrderBy(x => x), ChecklistEngine.VisibleNodes(def, clean).OrderBy(x => x));
            // every answer of a visible node survives
            Assert.Equal(answers.Count(a => visible.Contains(a.NodeId)), clean.Count);
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    public void Property_ProgressAndRequiredErrorsMatchTheVisibleNodes(int seed)
    {
        foreach (var (def, answers) in Cases(seed))
        {
            var e = ChecklistEngine.Evaluate(def, answers);
            var answered = answers.Select(a => a.NodeId).ToHashSet();
            var requiredVisible = def.Nodes.Where(n => n.Required && e.IsVisible(n.Id)).ToList();
            Assert.Equal(requiredVisible.Count, e.RequiredCount);
            Assert.Equal(requiredVisible.Count(n => answered.Contains(n.Id)), e.RequiredAnsweredCount);
            Assert.Equal(e.CleanAnswers.Count, e.AnsweredCount);
            // valid random answers: the only errors are visible required nodes without an answer
            Assert.Equal(requiredVisible.Where(n => !answered.Contains(n.Id)).Select(n => n.Id).OrderBy(x => x), e.Errors.Keys.OrderBy(x => x));
            Assert.All(def.Nodes.Where(n => n.Required && !e.IsVisible(n.Id)), n => Assert.False(e.Errors.ContainsKey(n.Id)));
        }
    }

    private static FormNode Node(FormQuestion q, bool required = false) => new(Guid.NewGuid(), null, [], 0, required, q);

    [Fact]
    public void Validation_ChoiceAnswers_MustNameTheQuestionsOptions_AndSingleHasOne()
    {
        var single = ChecklistTreeTests.Choice(1, "A", "B");
        var multi = ChecklistTreeTests.Multi(2, "A", "B", "C");
        var yesNo = ChecklistTreeTests.YesNo(3);
        var id = Guid.NewGuid();
        Assert.Null(ChecklistEngine.ValidateAnswer(single, ChecklistAnswer.Options(id, 11)));
        Assert.Equal(Core.Checklists.ChecklistMessages.AnswerOneOption, ChecklistEngine.ValidateAnswer(single, ChecklistAnswer.Options(id, 11, 12)));
        Assert.Equal(Core.Checklists.ChecklistMessages.AnswerOneOption, ChecklistEngine.ValidateAnswer(yesNo, ChecklistAnswer.Options(id, 31, 32)));
        Assert.Equal(Core.Checklists.ChecklistMessages.AnswerUnknownOption, ChecklistEngine.ValidateAnswer(single, ChecklistAnswer.Options(id, 21)));
        Assert.Null(ChecklistEngine.ValidateAnswer(multi, ChecklistAnswer.Options(id, 21, 23)));
        Assert.Equal(Core.Checklists.ChecklistMessages.AnswerUnknownOption, ChecklistEngine.ValidateAnswer(multi, ChecklistAnswer.Options(id, 21, 21)));
        Assert.Equal(Core.Checklists.ChecklistMessages.AnswerChooseOption, ChecklistEngine.ValidateAnswer(single, ChecklistAnswer.OfText(id, "A")));
    }

    [Fact]
    public void Validation_TextNumberDate_ByKind()
    {
        var id = Guid.NewGuid();
        var text = ChecklistTreeTests.Text(1);
        var number = new FormQuestion(2, "N", AnswerKind.Number, []);
        var date = new FormQuestion(3, "D", AnswerKind.Date, []);
        Assert.Null(ChecklistEngine.ValidateAnswer(text, ChecklistAnswer.OfText(id, "ok")));
        Assert.NotNull(ChecklistEngine.ValidateAnswer(text, ChecklistAnswer.OfText(id, new string('x', ChecklistEngine.MaxTextLength + 1))));
        Assert.NotNull(ChecklistEngine.ValidateAnswer(text, ChecklistAnswer.Options(id, 1)));
        Assert.Null(ChecklistEngine.ValidateAnswer(number, ChecklistAnswer.OfNumber(id, 2.5m)));
        Assert.NotNull(ChecklistEngine.ValidateAnswer(number, ChecklistAnswer.OfText(id, "2,5")));
        Assert.Null(ChecklistEngine.ValidateAnswer(date, ChecklistAnswer.OfDate(id, new DateOnly(2026, 2, 28))));
        Assert.NotNull(ChecklistEngine.ValidateAnswer(date, ChecklistAnswer.OfDate(id, new DateOnly(1800, 1, 1))));
        Assert.NotNull(ChecklistEngine.ValidateAnswer(date, ChecklistAnswer.OfNumber(id, 1)));
    }

    [Fact]
    public void Parse_NumberAndDateFromText_InTheUsersCulture()
    {
        var pt = CultureInfo.GetCultureInfo("pt-BR");
        var number = Node(new FormQuestion(2, "N", AnswerKind.Number, []));
        var date = Node(new FormQuestion(3, "D", AnswerKind.Date, []));
        Assert.Equal(1234.5m, ChecklistEngine.Parse(number, "1.234,5", pt).Answer!.Number);
        Assert.NotNull(ChecklistEngine.Parse(number, "doze", pt).Error);
        Assert.Equal(new DateOnly(2026, 2, 28), ChecklistEngine.Parse(date, "28/02/2026", pt).Answer!.Date);
        Assert.Equal(new DateOnly(2026, 2, 28), ChecklistEngine.Parse(date, "2026-02-28", pt).Answer!.Date);
        Assert.NotNull(ChecklistEngine.Parse(date, "31/02/2026", pt).Error);
        Assert.True(ChecklistEngine.Parse(date, "  ", pt).Answer!.IsEmpty);
    }

    [Fact]
    public void ChangingAParentsAnswer_HidesTheBranch_AndItsAnswersAreDropped()
    {
        var tree = new ChecklistTree();
        var riscado = tree.AddRoot(ChecklistTreeTests.YesNo(1)).NodeId!.Value;
        var onde = tree.AddFollowUp(riscado, ChecklistTreeTests.Choice(2, "Corpo", "Ponta"), [11], required: true).NodeId!.Value;
        var falha = tree.AddFollowUp(onde, ChecklistTreeTests.Text(3), [22], required: true).NodeId!.Value;
        var def = tree.ToDefinition();

        var answers = new List<ChecklistAnswer> { ChecklistAnswer.Options(riscado, 11), ChecklistAnswer.Options(onde, 22), ChecklistAnswer.OfText(falha, "falha") };
        var e = ChecklistEngine.Evaluate(def, answers);
        Assert.Equal(3, e.VisibleCount);
        Assert.True(e.IsValid);
        Assert.Equal((2, 2), (e.RequiredAnsweredCount, e.RequiredCount));

        answers[0] = ChecklistAnswer.Options(riscado, 12); // "Não": the whole branch hides
        e = ChecklistEngine.Evaluate(def, answers);
        Assert.Equal(1, e.VisibleCount);
        Assert.True(e.IsValid); // required only when visible
        Assert.Equal([riscado], e.CleanAnswers.Select(a => a.NodeId));

        answers[0] = ChecklistAnswer.Options(riscado, 11);
        answers.RemoveAt(2);
        e = ChecklistEngine.Evaluate(def, answers);
        Assert.Equal(Core.Checklists.ChecklistMessages.AnswerRequired, e.Errors[falha]);
    }

    [Fact]
    public void Definition_RoundTripsThroughJson()
    {
        var rnd = new Random(11);
        var def = RandomTree(rnd, 30);
        var back = ChecklistDefinition.FromJson(def.ToJson());
        Assert.Equal(def.Nodes.Select(n => (n.Id, n.ParentId, n.Question.Text, n.Question.Kind, string.Join(",", n.ConditionOptionIds), string.Join(",", n.Question.Options.Select(o => o.Text)))),
            back.Nodes.Select(n => (n.Id, n.ParentId, n.Question.Text, n.Question.Kind, string.Join(",", n.ConditionOptionIds), string.Join(",", n.Question.Options.Select(o => o.Text)))));
    }
}
