namespace FoccoCrm.Core.Checklists;

/// <summary>A draft node: its question, the parent it hangs under with the parent's options that show it, its place and required flag.</summary>
public sealed record TreeNode(Guid Id, int QuestionId, Guid? ParentId, IReadOnlyList<int> OptionIds, int Order, bool Required);

/// <summary>Why a structure change was refused (<see cref="TreeResult.Reason"/> says it in the user's language).</summary>
public enum TreeRefusal
{
    None = 0,
    NodeNotFound,
    /// <summary>Moving a node under itself or one of its descendants.</summary>
    Cycle,
    /// <summary>The parent's question is not a choice or yes/no question.</summary>
    ParentNotChoice,
    /// <summary>A node under a parent must name at least one of the parent's options.</summary>
    EmptyCondition,
    /// <summary>The condition names options the parent's question does not have.</summary>
    UnknownOption,
    AlreadyFirst,
    AlreadyLast,
    /// <summary>Indent needs a previous sibling to become the parent.</summary>
    NoPreviousSibling,
    /// <summary>Outdent of a root.</summary>
    AlreadyRoot,
    /// <summary>Roots always show: they have no condition.</summary>
    RootHasNoCondition,
    QuestionInactive,
    NothingToUndo,
    NothingToRedo,
}

/// <summary>The outcome of one operation: done (with the node it concerns) or refused with a localized reason.</summary>
public sealed record TreeResult(TreeRefusal Refusal, Guid? NodeId = null, int Removed = 0)
{
    public bool Ok => Refusal == TreeRefusal.None;
    public string? Reason => Ok ? null : ChecklistMessages.Refusal(Refusal);
    public static TreeResult Done(Guid? nodeId, int removed = 0) => new(TreeRefusal.None, nodeId, removed);
    public static TreeResult Refused(TreeRefusal why, Guid? nodeId = null) => new(why, nodeId);
}

/// <summary>Why a node is orphaned (its condition no longer fits its parent's question).</summary>
public enum OrphanReason
{
    /// <summary>The parent's question stopped being a choice/yes-no question.</summary>
    ParentNotChoice = 1,
    /// <summary>The condition names options the parent's question no longer has.</summary>
    MissingOptions = 2,
    /// <summary>No option left in the condition.</summary>
    EmptyCondition = 3,
}

/// <summary>A node whose condition broke after a bank question changed. Fix: <see cref="ChecklistTree.SetCondition"/> or <see cref="ChecklistTree.Outdent"/>.</summary>
public sealed record OrphanNode(Guid NodeId, Guid ParentId, OrphanReason Reason, IReadOnlyList<int> MissingOptionIds)
{
    public string Message => ChecklistMessages.Orphan(Reason);
}

/// <summary>
/// The draft question tree of a checklist as a pure in-memory model: every structure rule lives here, each operation returns
/// <see cref="TreeResult"/> (done, or refused with the reason, leaving the tree untouched), and changes can be undone and redone
/// (snapshots of the immutable node records: cheap at hundreds of nodes). Question texts/kinds/options come from
/// <see cref="Questions"/> (the bank as it is now), so a bank edit can orphan nodes (<see cref="Orphans"/>).
/// </summary>
public sealed class ChecklistTree
{
    public const int MaxUndo = 200;

    private readonly Dictionary<int, FormQuestion> questions = [];
    private Dictionary<Guid, TreeNode> nodes = [];
    private Dictionary<Guid, List<TreeNode>>? childIndex;
    private List<TreeNode>? roots;
    private readonly LinkedList<TreeNode[]> undo = new();
    private readonly Stack<TreeNode[]> redo = new();

    public ChecklistTree(IEnumerable<TreeNode> nodes, IEnumerable<FormQuestion> questions)
    {
        foreach (var q in questions) this.questions[q.Id] = q;
        foreach (var n in nodes) this.nodes[n.Id] = n;
        // a node whose parent is missing becomes a root (never lose data on load)
        foreach (var n in this.nodes.Values.Where(n => n.ParentId is { } p && !this.nodes.ContainsKey(p)).ToList())
            this.nodes[n.Id] = n with { ParentId = null, OptionIds = [] };
    }

    public ChecklistTree() : this([], []) { }

    public int Count => nodes.Count;
    public IReadOnlyCollection<TreeNode> Nodes => nodes.Values;
    public IReadOnlyDictionary<int, FormQuestion> Questions => questions;
    public bool CanUndo => undo.Count > 0;
    public bool CanRedo => redo.Count > 0;

    public TreeNode? Find(Guid id) => nodes.GetValueOrDefault(id);
    public FormQuestion? QuestionOf(TreeNode node) => questions.GetValueOrDefault(node.QuestionId);
    public FormQuestion? QuestionOf(Guid nodeId) => Find(nodeId) is { } n ? QuestionOf(n) : null;

    /// <summary>Adds or refreshes a bank question (e.g. after it was edited); may orphan nodes.</summary>
    public void SetQuestion(FormQuestion question) => questions[question.Id] = question;

    public IReadOnlyList<TreeNode> Roots => EnsureIndex().Roots;

    public IReadOnlyList<TreeNode> ChildrenOf(Guid? parentId) =>
        parentId is { } id ? (EnsureIndex().Children.GetValueOrDefault(id) ?? (IReadOnlyList<TreeNode>)[]) : Roots;

    /// <summary>The children of <paramref name="parentId"/> shown under <paramref name="optionId"/> (a node naming several options shows under each).</summary>
    public IReadOnlyList<TreeNode> ChildrenUnder(Guid parentId, int optionId) => [.. ChildrenOf(parentId).Where(c => c.OptionIds.Contains(optionId))];

    /// <summary>True when <paramref name="nodeId"/> is <paramref name="ancestorId"/> or lies below it.</summary>
    public bool IsSelfOrDescendant(Guid nodeId, Guid ancestorId)
    {
        for (Guid? cur = nodeId; cur is { } c; cur = nodes.GetValueOrDefault(c)?.ParentId)
            if (c == ancestorId) return true;
        return false;
    }

    /// <summary>0 for roots.</summary>
    public int Depth(Guid nodeId)
    {
        var depth = -1;
        for (Guid? cur = nodeId; cur is { } c && nodes.TryGetValue(c, out var n); cur = n.ParentId) depth++;
        return depth;
    }

    /// <summary>The node and everything below it, depth-first.</summary>
    public IReadOnlyList<TreeNode> Subtree(Guid nodeId)
    {
        var list = new List<TreeNode>();
        void Walk(TreeNode n)
        {
            list.Add(n);
            foreach (var c in ChildrenOf(n.Id)) Walk(c);
        }
        if (Find(nodeId) is { } start) Walk(start);
        return list;
    }

    /// <summary>All nodes depth-first (the outline order).</summary>
    public IReadOnlyList<TreeNode> Outline()
    {
        var list = new List<TreeNode>(nodes.Count);
        foreach (var r in Roots) list.AddRange(Subtree(r.Id));
        return list;
    }

    /// <summary>Nodes whose condition no longer fits the parent's question (an option removed, or the kind changed).</summary>
    public IReadOnlyList<OrphanNode> Orphans()
    {
        var list = new List<OrphanNode>();
        foreach (var n in Outline())
        {
            if (n.ParentId is not { } pid) continue;
            var parentQuestion = QuestionOf(pid);
            if (parentQuestion is null || !parentQuestion.Kind.HasOptions()) list.Add(new(n.Id, pid, OrphanReason.ParentNotChoice, n.OptionIds));
            else if (n.OptionIds.Count == 0) list.Add(new(n.Id, pid, OrphanReason.EmptyCondition, []));
            else if (n.OptionIds.Where(o => !parentQuestion.HasOption(o)).ToList() is { Count: > 0 } missing)
                list.Add(new(n.Id, pid, OrphanReason.MissingOptions, missing));
        }
        return list;
    }

    public bool IsOrphan(Guid nodeId) => Orphans().Any(o => o.NodeId == nodeId);

    /// <summary>The tree with the current question texts, for the preview and for publishing.</summary>
    public ChecklistDefinition ToDefinition() => new(Outline().Select(n => new FormNode(n.Id, n.ParentId, n.OptionIds, n.Order, n.Required,
        QuestionOf(n) ?? new FormQuestion(n.QuestionId, "#" + n.QuestionId, AnswerKind.Text, []))));

    // ---------------------------------------------------------------- operations

    /// <summary>Adds a root node (always shown) at <paramref name="index"/> among the roots (end when null).</summary>
    public TreeResult AddRoot(FormQuestion question, int? index = null, bool required = false)
    {
        if (!question.IsActive) return TreeResult.Refused(TreeRefusal.QuestionInactive);
        SetQuestion(question);
        Snapshot();
        var node = new TreeNode(Guid.NewGuid(), question.Id, null, [], 0, required);
        nodes[node.Id] = node;
        Insert(null, node.Id, index);
        return TreeResult.Done(node.Id);
    }

    /// <summary>Adds a follow-up question under <paramref name="parentId"/>, shown when its answer includes any of <paramref name="optionIds"/>.</summary>
    public TreeResult AddFollowUp(Guid parentId, FormQuestion question, IReadOnlyCollection<int> optionIds, int? index = null, bool required = false)
    {
        if (!question.IsActive) return TreeResult.Refused(TreeRefusal.QuestionInactive);
        if (!nodes.ContainsKey(parentId)) return TreeResult.Refused(TreeRefusal.NodeNotFound, parentId);
        if (CheckCondition(parentId, optionIds) is { } refusal) return TreeResult.Refused(refusal, parentId);
        SetQuestion(question);
        Snapshot();
        var node = new TreeNode(Guid.NewGuid(), question.Id, parentId, Distinct(optionIds), 0, required);
        nodes[node.Id] = node;
        Insert(parentId, node.Id, index);
        return TreeResult.Done(node.Id);
    }

    /// <summary>
    /// Moves a node (with its subtree) under <paramref name="newParentId"/> (null: to the roots) on <paramref name="optionIds"/>, at
    /// <paramref name="index"/> among the new siblings (counted without the node itself; clamped).
    /// </summary>
    public TreeResult Move(Guid nodeId, Guid? newParentId, IReadOnlyCollection<int>? optionIds, int index)
    {
        var check = CheckMove(nodeId, newParentId, optionIds);
        if (check != TreeRefusal.None) return TreeResult.Refused(check, nodeId);
        var node = nodes[nodeId];
        return Relocate(node, newParentId, newParentId is null ? [] : Distinct(optionIds!), index);
    }

    private TreeResult Relocate(TreeNode node, Guid? parentId, IReadOnlyList<int> optionIds, int index)
    {
        Snapshot();
        Detach(node);
        nodes[node.Id] = node with { ParentId = parentId, OptionIds = optionIds };
        Insert(parentId, node.Id, index);
        return TreeResult.Done(node.Id);
    }

    /// <summary>
    /// Whether <see cref="Move"/> would accept the move, without changing anything: drag and drop asks it to show a valid or
    /// refused drop marker (with <see cref="ChecklistMessages.Refusal"/> as the reason) before the drop.
    /// </summary>
    public TreeRefusal CheckMove(Guid nodeId, Guid? newParentId, IReadOnlyCollection<int>? optionIds)
    {
        if (!nodes.ContainsKey(nodeId)) return TreeRefusal.NodeNotFound;
        if (newParentId is not { } pid) return TreeRefusal.None;
        if (!nodes.ContainsKey(pid)) return TreeRefusal.NodeNotFound;
        if (IsSelfOrDescendant(pid, nodeId)) return TreeRefusal.Cycle;
        return CheckCondition(pid, optionIds ?? []) ?? TreeRefusal.None;
    }

    /// <summary>
    /// Whether adding a bank question under <paramref name="parentId"/> (null: at the top level) on <paramref name="optionIds"/> would be
    /// accepted — the drop marker of a question dragged from the library (the drop then calls <see cref="AddRoot"/> or <see cref="AddFollowUp"/>).
    /// </summary>
    public TreeRefusal CheckAdd(Guid? parentId, IReadOnlyCollection<int>? optionIds)
    {
        if (parentId is not { } pid) return TreeRefusal.None;
        if (!nodes.ContainsKey(pid)) return TreeRefusal.NodeNotFound;
        return CheckCondition(pid, optionIds ?? []) ?? TreeRefusal.None;
    }

    /// <summary>
    /// The previous sibling <see cref="Indent"/> would nest <paramref name="nodeId"/> under, or null when the indent would be refused
    /// (first among its siblings, or the previous one is not a choice/yes-no question). The UI asks which answer when it has several.
    /// </summary>
    public TreeNode? IndentParent(Guid nodeId)
    {
        if (!nodes.TryGetValue(nodeId, out var node)) return null;
        var i = IndexOf(node);
        if (i <= 0) return null;
        var parent = ChildrenOf(node.ParentId)[i - 1];
        return QuestionOf(parent)?.Kind.HasOptions() == true ? parent : null;
    }

    /// <summary>
    /// "Expand to level N" (1 = only the top level): the nodes to collapse so the outline shows levels 1..<paramref name="level"/> —
    /// every node with followers at that level or deeper. Collapse all is level 1; expand all is no collapsed node.
    /// </summary>
    public IReadOnlyList<Guid> CollapsedAtLevel(int level)
    {
        var list = new List<Guid>();
        void Walk(TreeNode n, int depth)
        {
            var children = ChildrenOf(n.Id);
            if (children.Count == 0) return;
            if (depth >= level) list.Add(n.Id);
            foreach (var c in children) Walk(c, depth + 1);
        }
        foreach (var r in Roots) Walk(r, 1);
        return list;
    }

    /// <summary>The nodes <paramref name="nodeId"/> may be moved under (choice/yes-no questions outside its own subtree), in outline order — for the "Move…" dialog.</summary>
    public IReadOnlyList<TreeNode> PossibleParents(Guid nodeId) =>
        [.. Outline().Where(n => QuestionOf(n)?.Kind.HasOptions() == true && !IsSelfOrDescendant(n.Id, nodeId))];

    /// <summary>The ancestors of a node, root first (what to expand to show it).</summary>
    public IReadOnlyList<TreeNode> Ancestors(Guid nodeId)
    {
        var list = new List<TreeNode>();
        for (var cur = Find(nodeId)?.ParentId; cur is { } c && nodes.TryGetValue(c, out var n); cur = n.ParentId) list.Add(n);
        list.Reverse();
        return list;
    }

    /// <summary>
    /// Nodes whose question text contains <paramref name="text"/> (case and accents ignored), in outline order, and the nodes to
    /// expand so every match shows.
    /// </summary>
    public (IReadOnlyList<TreeNode> Matches, IReadOnlySet<Guid> Expand) Search(string text)
    {
        var matches = new List<TreeNode>();
        var expand = new HashSet<Guid>();
        if (string.IsNullOrWhiteSpace(text)) return (matches, expand);
        var compare = System.Globalization.CultureInfo.InvariantCulture.CompareInfo;
        const System.Globalization.CompareOptions options = System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace;
        foreach (var n in Outline())
        {
            if (QuestionOf(n) is not { } q || compare.IndexOf(q.Text, text.Trim(), options) < 0) continue;
            matches.Add(n);
            foreach (var a in Ancestors(n.Id)) expand.Add(a.Id);
        }
        return (matches, expand);
    }

    /// <summary>Number of nodes below <paramref name="nodeId"/> (the count a collapsed node shows).</summary>
    public int DescendantCount(Guid nodeId) => Math.Max(0, Subtree(nodeId).Count - 1);

    /// <summary>One place up among its siblings.</summary>
    public TreeResult MoveUp(Guid nodeId)
    {
        if (!nodes.TryGetValue(nodeId, out var node)) return TreeResult.Refused(TreeRefusal.NodeNotFound, nodeId);
        var i = IndexOf(node);
        if (i == 0) return TreeResult.Refused(TreeRefusal.AlreadyFirst, nodeId);
        return Relocate(node, node.ParentId, node.OptionIds, i - 1);
    }

    /// <summary>One place down among its siblings.</summary>
    public TreeResult MoveDown(Guid nodeId)
    {
        if (!nodes.TryGetValue(nodeId, out var node)) return TreeResult.Refused(TreeRefusal.NodeNotFound, nodeId);
        var i = IndexOf(node);
        if (i >= ChildrenOf(node.ParentId).Count - 1) return TreeResult.Refused(TreeRefusal.AlreadyLast, nodeId);
        return Relocate(node, node.ParentId, node.OptionIds, i + 1);
    }

    /// <summary>
    /// Nests the node under its previous sibling (as its last child), on <paramref name="optionIds"/>, or on the new parent's first
    /// option when none are given (the UI then lets the user choose the answer).
    /// </summary>
    public TreeResult Indent(Guid nodeId, IReadOnlyCollection<int>? optionIds = null)
    {
        if (!nodes.TryGetValue(nodeId, out var node)) return TreeResult.Refused(TreeRefusal.NodeNotFound, nodeId);
        var i = IndexOf(node);
        if (i == 0) return TreeResult.Refused(TreeRefusal.NoPreviousSibling, nodeId);
        var newParent = ChildrenOf(node.ParentId)[i - 1];
        var q = QuestionOf(newParent);
        if (q is null || !q.Kind.HasOptions()) return TreeResult.Refused(TreeRefusal.ParentNotChoice, nodeId);
        var options = optionIds is { Count: > 0 } ? optionIds : q.Options.Count > 0 ? [q.Options[0].Id] : [];
        return Move(nodeId, newParent.Id, options, int.MaxValue);
    }

    /// <summary>Un-nests the node: it becomes the sibling right after its parent, shown when the parent is (same condition as the parent).</summary>
    public TreeResult Outdent(Guid nodeId)
    {
        if (!nodes.TryGetValue(nodeId, out var node)) return TreeResult.Refused(TreeRefusal.NodeNotFound, nodeId);
        if (node.ParentId is not { } pid) return TreeResult.Refused(TreeRefusal.AlreadyRoot, nodeId);
        var parent = nodes[pid];
        var index = IndexOf(parent) + 1;
        if (parent.ParentId is { } grand)
        {
            // shown exactly when its old parent is: the parent's own condition (kept as is even if that one is orphaned)
            return Relocate(node, grand, parent.OptionIds, index);
        }
        return Relocate(node, null, [], index);
    }

    /// <summary>Removes the node and its whole subtree; <see cref="TreeResult.Removed"/> says how many nodes went.</summary>
    public TreeResult Remove(Guid nodeId)
    {
        if (!nodes.TryGetValue(nodeId, out var node)) return TreeResult.Refused(TreeRefusal.NodeNotFound, nodeId);
        var subtree = Subtree(nodeId);
        Snapshot();
        Detach(node);
        foreach (var n in subtree) nodes.Remove(n.Id);
        Changed();
        return TreeResult.Done(node.ParentId, subtree.Count);
    }

    /// <summary>Changes the parent's options that show the node ("any of"); the fix for an orphaned node.</summary>
    public TreeResult SetCondition(Guid nodeId, IReadOnlyCollection<int> optionIds)
    {
        if (!nodes.TryGetValue(nodeId, out var node)) return TreeResult.Refused(TreeRefusal.NodeNotFound, nodeId);
        if (node.ParentId is not { } pid) return TreeResult.Refused(TreeRefusal.RootHasNoCondition, nodeId);
        if (CheckCondition(pid, optionIds) is { } refusal) return TreeResult.Refused(refusal, nodeId);
        Snapshot();
        nodes[nodeId] = node with { OptionIds = Distinct(optionIds) };
        Changed();
        return TreeResult.Done(nodeId);
    }

    public TreeResult SetRequired(Guid nodeId, bool required)
    {
        if (!nodes.TryGetValue(nodeId, out var node)) return TreeResult.Refused(TreeRefusal.NodeNotFound, nodeId);
        if (node.Required == required) return TreeResult.Done(nodeId);
        Snapshot();
        nodes[nodeId] = node with { Required = required };
        Changed();
        return TreeResult.Done(nodeId);
    }

    public TreeResult Undo()
    {
        if (undo.Last is not { } last) return TreeResult.Refused(TreeRefusal.NothingToUndo);
        undo.RemoveLast();
        redo.Push([.. nodes.Values]);
        Restore(last.Value);
        return TreeResult.Done(null);
    }

    public TreeResult Redo()
    {
        if (!redo.TryPop(out var next)) return TreeResult.Refused(TreeRefusal.NothingToRedo);
        undo.AddLast([.. nodes.Values]);
        Restore(next);
        return TreeResult.Done(null);
    }

    /// <summary>Drops the last change without keeping it for redo (used when saving it failed).</summary>
    internal void Revert()
    {
        if (undo.Last is not { } last) return;
        undo.RemoveLast();
        Restore(last.Value);
    }

    // ---------------------------------------------------------------- internals

    private TreeRefusal? CheckCondition(Guid parentId, IReadOnlyCollection<int> optionIds)
    {
        var q = QuestionOf(parentId);
        if (q is null || !q.Kind.HasOptions()) return TreeRefusal.ParentNotChoice;
        if (optionIds.Count == 0) return TreeRefusal.EmptyCondition;
        if (optionIds.Any(o => !q.HasOption(o))) return TreeRefusal.UnknownOption;
        return null;
    }

    private static int[] Distinct(IEnumerable<int> ids) => [.. ids.Distinct()];

    private int IndexOf(TreeNode node)
    {
        var siblings = ChildrenOf(node.ParentId);
        for (var i = 0; i < siblings.Count; i++)
            if (siblings[i].Id == node.Id) return i;
        return -1;
    }

    private void Detach(TreeNode node)
    {
        var rest = ChildrenOf(node.ParentId).Where(n => n.Id != node.Id).Select(n => n.Id).ToList();
        Renumber(rest);
    }

    private void Insert(Guid? parentId, Guid nodeId, int? index)
    {
        var siblings = ChildrenOf(parentId).Where(n => n.Id != nodeId).Select(n => n.Id).ToList();
        siblings.Insert(Math.Clamp(index ?? siblings.Count, 0, siblings.Count), nodeId);
        Renumber(siblings);
    }

    private void Renumber(List<Guid> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
            if (nodes[ordered[i]].Order != i) nodes[ordered[i]] = nodes[ordered[i]] with { Order = i };
        Changed();
    }

    private void Snapshot()
    {
        undo.AddLast([.. nodes.Values]);
        if (undo.Count > MaxUndo) undo.RemoveFirst();
        redo.Clear();
    }

    private void Restore(TreeNode[] snapshot)
    {
        nodes = snapshot.ToDictionary(n => n.Id);
        Changed();
    }

    private void Changed()
    {
        childIndex = null;
        roots = null;
    }

    private (List<TreeNode> Roots, Dictionary<Guid, List<TreeNode>> Children) EnsureIndex()
    {
        if (childIndex is null || roots is null)
        {
            childIndex = [];
            roots = [];
            foreach (var n in nodes.Values)
            {
                if (n.ParentId is { } p)
                {
                    if (!childIndex.TryGetValue(p, out var list)) childIndex[p] = list = [];
                    list.Add(n);
                }
                else roots.Add(n);
            }
            roots.Sort(ByOrder);
            foreach (var list in childIndex.Values) list.Sort(ByOrder);
        }
        return (roots, childIndex);
    }

    private static int ByOrder(TreeNode a, TreeNode b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Id.CompareTo(b.Id);
}
