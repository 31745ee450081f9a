using FoccoCrm.Core.Checklists;

namespace FoccoCrm.Core.Tests.Checklists;

/// <summary>The draft tree model: every structure rule, refusals with reasons, orphaning, undo/redo.</summary>
public sealed class ChecklistTreeTests
{
    // question ids 1..; option ids = question id * 10 + n
    internal static FormQuestion YesNo(int id, string text = "Sim/Não?") => new(id, text, AnswerKind.YesNo, [new(id * 10 + 1, "Sim"), new(id * 10 + 2, "Não")]);
    internal static FormQuestion Choice(int id, params string[] options) =>
        new(id, "Escolha " + id, AnswerKind.SingleChoice, [.. options.Select((o, i) => new FormOption(id * 10 + i + 1, o))]);
    internal static FormQuestion Multi(int id, params string[] options) =>
        new(id, "Várias " + id, AnswerKind.MultipleChoice, [.. options.Select((o, i) => new FormOption(id * 10 + i + 1, o))]);
    internal static FormQuestion Text(int id) => new(id, "Texto " + id, AnswerKind.Text, []);

    private static Guid Id(TreeResult r)
    {
        Assert.True(r.Ok, r.Reason);
        return r.NodeId!.Value;
    }

    /// <summary>riscado (yes/no) → if Sim: onde (choice A,B,C) → if C: escreve (yes/no); plus a text root.</summary>
    private static (ChecklistTree Tree, Guid Riscado, Guid Onde, Guid Escreve, Guid Obs) ThreeLevels()
    {
        var tree = new ChecklistTree();
        var riscado = Id(tree.AddRoot(YesNo(1)));
        var onde = Id(tree.AddFollowUp(riscado, Choice(2, "Corpo", "Tampa", "Ponta"), [11]));
        var escreve = Id(tree.AddFollowUp(onde, YesNo(3), [23]));
        var obs = Id(tree.AddRoot(Text(4)));
        return (tree, riscado, onde, escreve, obs);
    }

    private static void AssertRefused(TreeResult result, TreeRefusal why)
    {
        Assert.False(result.Ok);
        Assert.Equal(why, result.Refusal);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        Assert.NotEqual("TreeRefusal_" + why, result.Reason); // a real, localized message
    }

    private static string Shape(ChecklistTree tree) =>
        string.Join(" ", tree.Outline().Select(n => $"{new string('.', tree.Depth(n.Id))}{n.QuestionId}[{string.Join(",", n.OptionIds)}]"));

    [Fact]
    public void Building_ThreeLevels_GivesTheOutlineInOrder()
    {
        var (tree, _, onde, _, _) = ThreeLevels();
        Assert.Equal("1[] .2[11] ..3[23] 4[]", Shape(tree));
        Assert.Equal(2, tree.Depth(tree.ChildrenOf(onde)[0].Id));
        Assert.Single(tree.ChildrenUnder(onde, 23));
        Assert.Empty(tree.ChildrenUnder(onde, 21));
    }

    [Fact]
    public void Move_IntoItsOwnDescendant_IsRefusedAsACycle()
    {
        var (tree, riscado, onde, escreve, _) = ThreeLevels();
        var before = Shape(tree);
        AssertRefused(tree.Move(riscado, escreve, [31], 0), TreeRefusal.Cycle);
        AssertRefused(tree.Move(riscado, onde, [21], 0), TreeRefusal.Cycle);
        AssertRefused(tree.Move(onde, onde, [21], 0), TreeRefusal.Cycle);
        Assert.Equal(before, Shape(tree));
        Assert.False(tree.CanRedo);
    }

    [Fact]
    public void Move_UnderATextQuestion_IsRefused_ParentNotChoice()
    {
        var (tree, _, onde, _, obs) = ThreeLevels();
        AssertRefused(tree.Move(onde, obs, [11], 0), TreeRefusal.ParentNotChoice);
        AssertRefused(tree.AddFollowUp(obs, Text(5), [41]), TreeRefusal.ParentNotChoice);
    }

    [Fact]
    public void Move_OnAnOptionTheParentDoesNotHave_IsRefused()
    {
        var (tree, riscado, _, escreve, _) = ThreeLevels();
        AssertRefused(tree.Move(escreve, riscado, [99], 0), TreeRefusal.UnknownOption);
        AssertRefused(tree.Move(escreve, riscado, [11, 21], 0), TreeRefusal.UnknownOption); // 21 is an option of another question
        AssertRefused(tree.SetCondition(escreve, [11]), TreeRefusal.UnknownOption);
        AssertRefused(tree.AddFollowUp(riscado, Text(5), [23]), TreeRefusal.UnknownOption);
    }

    [Fact]
    public void Move_UnderAParentWithNoCondition_IsRefused()
    {
        var (tree, riscado, _, escreve, _) = ThreeLevels();
        AssertRefused(tree.Move(escreve, riscado, [], 0), TreeRefusal.EmptyCondition);
        AssertRefused(tree.Move(escreve, riscado, null, 0), TreeRefusal.EmptyCondition);
        AssertRefused(tree.SetCondition(escreve, []), TreeRefusal.EmptyCondition);
        AssertRefused(tree.AddFollowUp(riscado, Text(5), []), TreeRefusal.EmptyCondition);
    }

    [Fact]
    public void EdgeMoves_AreRefusedWithTheirReasons()
    {
        var (tree, riscado, onde, _, obs) = ThreeLevels();
        AssertRefused(tree.MoveUp(riscado), TreeRefusal.AlreadyFirst);
        AssertRefused(tree.MoveDown(obs), TreeRefusal.AlreadyLast);
        AssertRefused(tree.Indent(riscado), TreeRefusal.NoPreviousSibling);
        AssertRefused(tree.Outdent(riscado), TreeRefusal.AlreadyRoot);
        AssertRefused(tree.SetCondition(riscado, [11]), TreeRefusal.RootHasNoCondition);
        AssertRefused(tree.MoveUp(Guid.NewGuid()), TreeRefusal.NodeNotFound);
        AssertRefused(tree.Move(onde, Guid.NewGuid(), [11], 0), TreeRefusal.NodeNotFound);
        AssertRefused(tree.AddRoot(Text(9) with { IsActive = false }), TreeRefusal.QuestionInactive);
        AssertRefused(new ChecklistTree().Redo(), TreeRefusal.NothingToRedo);
        AssertRefused(new ChecklistTree().Undo(), TreeRefusal.NothingToUndo);
    }

    [Fact]
    public void Indent_UnderATextSibling_IsRefused()
    {
        var (tree, _, _, _, obs) = ThreeLevels();
        var last = Id(tree.AddRoot(Text(5)));
        AssertRefused(tree.Indent(last), TreeRefusal.ParentNotChoice);
        Assert.Null(tree.Find(last)!.ParentId);
        _ = obs;
    }

    [Fact]
    public void MoveUpDown_IndentOutdent_ReshapeTheTree()
    {
        var (tree, riscado, onde, escreve, obs) = ThreeLevels();
        Assert.True(tree.MoveUp(obs).Ok);
        Assert.Equal("4[] 1[] .2[11] ..3[23]", Shape(tree));
        Assert.True(tree.MoveDown(obs).Ok);
        Assert.True(tree.Outdent(escreve).Ok); // becomes a sibling after "onde", with onde's condition
        Assert.Equal("1[] .2[11] .3[11] 4[]", Shape(tree));
        Assert.True(tree.Outdent(escreve).Ok); // to the roots, right after riscado
        Assert.Equal("1[] .2[11] 3[] 4[]", Shape(tree));
        Assert.True(tree.Indent(escreve).Ok); // under riscado, on its first option by default
        Assert.Equal("1[] .2[11] .3[11] 4[]", Shape(tree));
        Assert.True(tree.Indent(escreve, [23]).Ok); // under onde, on "Ponta"
        Assert.Equal("1[] .2[11] ..3[23] 4[]", Shape(tree));
        Assert.True(tree.Move(obs, onde, [21, 22], 0).Ok);
        Assert.Equal("1[] .2[11] ..4[21,22] ..3[23]", Shape(tree));
        Assert.Equal(riscado, tree.Find(onde)!.ParentId);
    }

    [Fact]
    public void Remove_TakesTheSubtree()
    {
        var (tree, riscado, _, _, _) = ThreeLevels();
        var r = tree.Remove(riscado);
        Assert.True(r.Ok);
        Assert.Equal(3, r.Removed);
        Assert.Equal("4[]", Shape(tree));
        Assert.Equal(0, tree.Roots[0].Order);
    }

    [Fact]
    public void UndoRedo_RestoreEachStep_AndANewChangeClearsRedo()
    {
        var (tree, riscado, onde, _, obs) = ThreeLevels();
        var s0 = Shape(tree);
        tree.Move(obs, riscado, [12], 0);
        var s1 = Shape(tree);
        tree.SetRequired(onde, true);
        tree.Remove(riscado);
        Assert.Equal("", Shape(tree));

        Assert.True(tree.Undo().Ok);
        Assert.Equal(s1, Shape(tree));
        Assert.True(tree.Find(onde)!.Required);
        Assert.True(tree.Undo().Ok);
        Assert.False(tree.Find(onde)!.Required);
        Assert.True(tree.Undo().Ok);
        Assert.Equal(s0, Shape(tree));
        Assert.True(tree.Redo().Ok);
        Assert.Equal(s1, Shape(tree));

        Assert.True(tree.MoveUp(onde).Ok); // a new change drops what could be redone
        Assert.False(tree.CanRedo);
        AssertRefused(tree.Redo(), TreeRefusal.NothingToRedo);
    }

    [Fact]
    public void RefusedOperations_AreNotRecordedForUndo()
    {
        var tree = new ChecklistTree();
        var a = Id(tree.AddRoot(Text(1)));
        tree.Undo();
        AssertRefused(tree.Undo(), TreeRefusal.NothingToUndo);
        tree.Redo();
        AssertRefused(tree.MoveUp(a), TreeRefusal.AlreadyFirst);
        Assert.True(tree.Undo().Ok);
        Assert.Equal(0, tree.Count);
    }

    [Fact]
    public void RemovingAParentOption_OrphansItsDependents_AndSetConditionOrOutdentFixesThem()
    {
        var (tree, riscado, onde, escreve, _) = ThreeLevels();
        Assert.Empty(tree.Orphans());
        tree.SetQuestion(Choice(2, "Corpo", "Tampa")); // "Ponta" (23) removed from the bank question
        var orphan = Assert.Single(tree.Orphans());
        Assert.Equal(escreve, orphan.NodeId);
        Assert.Equal(OrphanReason.MissingOptions, orphan.Reason);
        Assert.Equal([23], orphan.MissingOptionIds);
        Assert.False(string.IsNullOrWhiteSpace(orphan.Message));
        Assert.True(tree.IsOrphan(escreve));

        Assert.True(tree.MoveUp(escreve) is { Refusal: TreeRefusal.AlreadyFirst }); // structure moves still work on orphans
        Assert.True(tree.SetCondition(escreve, [22]).Ok);
        Assert.Empty(tree.Orphans());

        tree.SetQuestion(Text(1)); // riscado is no longer a yes/no question: onde is orphaned
        Assert.Equal(OrphanReason.ParentNotChoice, Assert.Single(tree.Orphans()).Reason);
        Assert.True(tree.Outdent(onde).Ok);
        Assert.Empty(tree.Orphans());
        Assert.Null(tree.Find(onde)!.ParentId);
        _ = riscado;
    }

    [Fact]
    public void Load_NodeWhoseParentIsMissing_BecomesARoot()
    {
        var id = Guid.NewGuid();
        var tree = new ChecklistTree([new TreeNode(id, 1, Guid.NewGuid(), [11], 0, false)], [Text(1)]);
        Assert.Equal(id, Assert.Single(tree.Roots).Id);
    }

    [Fact]
    public void ThreeHundredNodes_BuildMoveAndUndoTheMoves()
    {
        var tree = new ChecklistTree();
        var choices = new List<Guid>();
        var rnd = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var q = i % 3 == 2 ? Text(1000 + i) : YesNo(1000 + i);
            TreeResult r;
            if (choices.Count == 0 || rnd.Next(5) == 0) r = tree.AddRoot(q);
            else
            {
                var parent = choices[rnd.Next(choices.Count)];
                r = tree.AddFollowUp(parent, q, [tree.QuestionOf(parent)!.Options[rnd.Next(2)].Id]);
            }
            var id = Id(r);
            if (q.Kind.HasOptions()) choices.Add(id);
        }
        Assert.Equal(300, tree.Count);
        Assert.Equal(300, tree.ToDefinition().Count);
        var built = Shape(tree);
        var roots = tree.Roots.Count;
        for (var i = 0; i < ChecklistTree.MaxUndo; i++) Assert.True(tree.Move(tree.Roots[0].Id, null, null, int.MaxValue).Ok); // rotate the roots
        Assert.Equal(ChecklistTree.MaxUndo % roots != 0, built != Shape(tree));
        while (tree.CanUndo) tree.Undo(); // the stack keeps the last MaxUndo changes: exactly the moves
        Assert.Equal(built, Shape(tree));
        Assert.Equal(300, tree.Count);
    }

    [Fact]
    public void CheckMove_TellsTheDropMarkerWithoutChangingAnything()
    {
        var (tree, riscado, onde, escreve, obs) = ThreeLevels();
        var before = Shape(tree);
        Assert.Equal(TreeRefusal.Cycle, tree.CheckMove(riscado, escreve, [31]));
        Assert.Equal(TreeRefusal.ParentNotChoice, tree.CheckMove(onde, obs, [11]));
        Assert.Equal(TreeRefusal.UnknownOption, tree.CheckMove(obs, riscado, [21]));
        Assert.Equal(TreeRefusal.EmptyCondition, tree.CheckMove(obs, riscado, []));
        Assert.Equal(TreeRefusal.None, tree.CheckMove(obs, escreve, [32]));
        Assert.Equal(TreeRefusal.None, tree.CheckMove(escreve, null, null));
        Assert.Equal(before, Shape(tree));
        Assert.Equal([riscado, onde, escreve], tree.PossibleParents(obs).Select(n => n.Id));
        Assert.Empty(tree.PossibleParents(riscado));
    }

    [Fact]
    public void Search_IgnoresCaseAndAccents_AndListsWhatToExpand()
    {
        var tree = new ChecklistTree();
        var a = Id(tree.AddRoot(YesNo(1, "Produto está riscado?")));
        var b = Id(tree.AddFollowUp(a, Choice(2, "X", "Y") with { Text = "Onde está o risco?" }, [11]));
        var c = Id(tree.AddFollowUp(b, Text(3) with { Text = "Descreva a FALHA" }, [21]));
        var (matches, expand) = tree.Search("falha");
        Assert.Equal([c], matches.Select(n => n.Id));
        Assert.Equal(new HashSet<Guid> { a, b }, expand);
        Assert.Equal(2, tree.Search("ESTA").Matches.Count);
        Assert.Empty(tree.Search(" ").Matches);
        Assert.Equal(2, tree.DescendantCount(a));
        Assert.Equal([a, b], tree.Ancestors(c).Select(n => n.Id));
    }

    /// <summary>A 300-node tree: 12 yes/no roots, each with 4 choice followers on Sim, each with 5 text followers on its first answer.</summary>
    internal static (ChecklistTree Tree, Guid DeepNode) ThreeHundred()
    {
        var tree = new ChecklistTree();
        Guid deep = default;
        for (var r = 0; r < 12; r++)
        {
            var root = Id(tree.AddRoot(YesNo(1)));
            for (var c = 0; c < 4; c++)
            {
                var child = Id(tree.AddFollowUp(root, Choice(2, "A", "B", "C"), [11]));
                for (var g = 0; g < 5; g++)
                {
                    var question = r == 7 && c == 2 && g == 3 ? new FormQuestion(99, "Cor da tampa", AnswerKind.Text, []) : Text(4);
                    var leaf = Id(tree.AddFollowUp(child, question, [21]));
                    if (question.Id == 99) deep = leaf;
                }
            }
        }
        return (tree, deep);
    }

    /// <summary>What the designer renders: the outline without the insides of collapsed nodes.</summary>
    internal static int VisibleCount(ChecklistTree tree, IReadOnlySet<Guid> collapsed)
    {
        var count = 0;
        void Walk(TreeNode n)
        {
            count++;
            if (collapsed.Contains(n.Id)) return;
            foreach (var c in tree.ChildrenOf(n.Id)) Walk(c);
        }
        foreach (var r in tree.Roots) Walk(r);
        return count;
    }

    [Theory]
    [InlineData(1, 12, 60)]
    [InlineData(2, 60, 48)]
    [InlineData(3, 300, 0)]
    [InlineData(9, 300, 0)]
    public void CollapsedAtLevel_ShowsLevelsOneToN_OnA300NodeTree(int level, int visible, int collapsedCount)
    {
        var (tree, _) = ThreeHundred();
        Assert.Equal(300, tree.Count);
        var collapsed = tree.CollapsedAtLevel(level).ToHashSet();
        Assert.Equal(collapsedCount, collapsed.Count);
        Assert.Equal(visible, VisibleCount(tree, collapsed));
        Assert.All(collapsed, id => Assert.True(tree.Depth(id) + 1 >= level));
    }

    [Fact]
    public void Search_OnA300NodeTree_FindsTheDeepQuestion_AndNamesTheAncestorsToExpand()
    {
        var (tree, deep) = ThreeHundred();
        var (matches, expand) = tree.Search("cor da TAMPA");
        Assert.Equal(deep, Assert.Single(matches).Id);
        Assert.Equal(tree.Ancestors(deep).Select(a => a.Id).ToHashSet(), expand.ToHashSet());
        var collapsed = tree.CollapsedAtLevel(1).ToHashSet();
        collapsed.ExceptWith(expand);
        Assert.Equal(12 + 4 + 5, VisibleCount(tree, collapsed));
    }

    [Fact]
    public void CheckAdd_AcceptsTheTopLevelAndAParentsAnswer_AndRefusesWhatAddFollowUpRefuses()
    {
        var (tree, riscado, onde, _, obs) = ThreeLevels();
        Assert.Equal(TreeRefusal.None, tree.CheckAdd(null, null));
        Assert.Equal(TreeRefusal.None, tree.CheckAdd(onde, [21, 22]));
        Assert.Equal(TreeRefusal.ParentNotChoice, tree.CheckAdd(obs, [41]));
        Assert.Equal(TreeRefusal.UnknownOption, tree.CheckAdd(riscado, [99]));
        Assert.Equal(TreeRefusal.EmptyCondition, tree.CheckAdd(riscado, []));
        Assert.Equal(TreeRefusal.NodeNotFound, tree.CheckAdd(Guid.NewGuid(), [11]));
        var before = Shape(tree);
        Assert.Equal(TreeRefusal.ParentNotChoice, tree.AddFollowUp(obs, Text(5), [41]).Refusal);
        Assert.Equal(before, Shape(tree));
    }

    [Fact]
    public void IndentParent_IsThePreviousChoiceSibling_OrNullWhenIndentWouldBeRefused()
    {
        var (tree, riscado, onde, _, obs) = ThreeLevels();
        var last = Id(tree.AddRoot(YesNo(5)));
        Assert.Null(tree.IndentParent(riscado)); // first
        Assert.Equal(riscado, tree.IndentParent(obs)?.Id);
        Assert.Null(tree.IndentParent(last)); // the previous one is a text question
        Assert.Null(tree.IndentParent(onde)); // first under its parent
        Assert.Equal(TreeRefusal.ParentNotChoice, tree.Indent(last).Refusal);
        Assert.True(tree.Indent(obs, [12]).Ok);
        Assert.Equal([12], tree.Find(obs)!.OptionIds);
        Assert.Equal(riscado, tree.Find(obs)!.ParentId);
    }
}
