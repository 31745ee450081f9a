using FoccoCrm.Core.Checklists;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace FoccoCrm.Web.Features.Checklists.Designer;

public partial class DesignerTree
{
    [Parameter, EditorRequired] public ChecklistTree Tree { get; set; } = default!;
    [Parameter] public Guid? SelectedId { get; set; }
    [Parameter] public int? SelectedOption { get; set; }
    [Parameter] public IReadOnlySet<Guid> Collapsed { get; set; } = new HashSet<Guid>();
    [Parameter] public IReadOnlySet<Guid> Matches { get; set; } = new HashSet<Guid>();
    /// <summary>Focus this node after the next render (a new sequence number asks again).</summary>
    [Parameter] public (Guid Id, int Seq)? FocusRequest { get; set; }
    [Parameter] public EventCallback<Guid> OnSelect { get; set; }
    [Parameter] public EventCallback<(Guid Node, int Option)> OnSelectOption { get; set; }
    [Parameter] public EventCallback<Guid> OnToggle { get; set; }
    [Parameter] public EventCallback<(DesignerAction Action, Guid Node)> OnAction { get; set; }
    [Parameter] public EventCallback<(Guid Node, int Option)> OnAddFollowUp { get; set; }
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private ElementReference root;
    private IJSObjectReference? module;
    private Guid? focused;
    private int handledSeq;
    private Dictionary<Guid, OrphanNode> orphans = [];

    /// <summary>The one tree item with tabindex 0 (roving focus): the focused, else the selected, else the first node.</summary>
    private Guid? FocusTarget => focused is { } f && Tree.Find(f) is not null ? f
        : SelectedId is { } s && Tree.Find(s) is not null ? s : Tree.Roots.FirstOrDefault()?.Id;

    private sealed record AnswerGroup(string Label, int? Option, IReadOnlyList<int> Options, IReadOnlyList<TreeNode> Children)
    {
        public string Key => string.Join("-", Options);
    }

    /// <summary>Drag and drop by the handle: the drop target under the pointer (checked with CheckMove on enter) and its move.</summary>
    [Parameter] public EventCallback<(Guid Node, Guid? Parent, IReadOnlyCollection<int> Options, int Index)> OnMove { get; set; }
    /// <summary>A question is being dragged from the library: a drop adds it there (<see cref="OnAddAt"/>, checked with CheckAdd).</summary>
    [Parameter] public bool LibraryDragging { get; set; }
    [Parameter] public EventCallback<(Guid? Parent, IReadOnlyCollection<int> Options, int Index)> OnAddAt { get; set; }
    /// <summary>A drop on a refused marker: the reason, to show and announce.</summary>
    [Parameter] public EventCallback<string> OnRefused { get; set; }
    private Guid? dragging;
    private string? dropKey, dropReason;
    private bool Dragging => dragging is not null || LibraryDragging;
    private (Guid? Parent, IReadOnlyList<int> Options, int Index)? drop;

    private const string StartKey = "start";
    private static string AfterKey(TreeNode n) => $"after-{n.Id:N}";
    private static string UnderKey(TreeNode n, AnswerGroup g) => $"under-{n.Id:N}-{g.Key}";

    private string DropClass(string key) => !Dragging || dropKey != key ? "" : drop is null ? "drop-refused" : "drop-ok";

    private void StartDrag(Guid id)
    {
        dragging = id;
        dropKey = dropReason = null;
        drop = null;
    }

    private void EndDrag()
    {
        dragging = null;
        dropKey = dropReason = null;
        drop = null;
    }

    private void Enter(string key, Guid? parent, IReadOnlyList<int> options, int index)
    {
        if (!Dragging) return;
        dropKey = key;
        var refusal = dragging is not { } id ? Tree.CheckAdd(parent, options)
            : key == $"after-{id:N}" ? TreeRefusal.None : Tree.CheckMove(id, parent, options);
        drop = refusal == TreeRefusal.None ? (parent, options, index) : null;
        dropReason = refusal == TreeRefusal.None ? null : ChecklistMessages.Refusal(refusal);
    }

    private async Task DropAsync()
    {
        var (id, target, reason, key) = (dragging, drop, dropReason, dropKey);
        var library = LibraryDragging && id is null;
        EndDrag();
        if (target is { } d)
        {
            if (library) await OnAddAt.InvokeAsync((d.Parent, d.Options, d.Index));
            else if (id is { } moved && key != $"after-{moved:N}") await OnMove.InvokeAsync((moved, d.Parent, d.Options, d.Index));
        }
        else if (reason is not null && (library || id is not null)) await OnRefused.InvokeAsync(reason);
    }

    /// <summary>Right after <paramref name="node"/> among its siblings (the dragged node left out, as Core counts).</summary>
    private int IndexAfter(TreeNode node)
    {
        var siblings = Tree.ChildrenOf(node.ParentId).Where(n => n.Id != dragging).ToList();
        return siblings.FindIndex(n => n.Id == node.Id) + 1;
    }

    /// <summary>First in the answer's group (or last among the children when the answer has none yet).</summary>
    private int IndexUnder(TreeNode node, AnswerGroup g)
    {
        var siblings = Tree.ChildrenOf(node.Id).Where(n => n.Id != dragging).ToList();
        var first = g.Children.FirstOrDefault(c => c.Id != dragging);
        return first is null ? siblings.Count : siblings.FindIndex(n => n.Id == first.Id);
    }

    protected override void OnParametersSet()
    {
        orphans = Tree.Orphans().ToDictionary(o => o.NodeId);
        if (!Dragging) EndDrag(); // a library drag that ended outside the tree leaves no stale marker
    }

    /// <summary>
    /// The chips under a node: consecutive children sharing a condition form one chip ("se Sim", "se qualquer de A, B"); then one empty
    /// chip for every answer nobody follows yet, so each answer offers "+ pergunta de seguimento".
    /// </summary>
    private IEnumerable<AnswerGroup> Groups(TreeNode node, FormQuestion? q, IReadOnlyList<TreeNode> children)
    {
        var used = new HashSet<int>();
        List<TreeNode>? current = null;
        IReadOnlyList<int>? key = null;
        foreach (var c in children)
        {
            if (current is not null && key!.SequenceEqual(c.OptionIds)) { current.Add(c); continue; }
            if (current is not null) yield return Group(q, key!, current);
            current = [c];
            key = c.OptionIds;
            used.UnionWith(c.OptionIds);
        }
        if (current is not null) yield return Group(q, key!, current);
        if (q is null || !q.Kind.HasOptions()) yield break;
        foreach (var o in q.Options.Where(o => !used.Contains(o.Id))) yield return new AnswerGroup(string.Format(L["Designer_If"], o.Text), o.Id, [o.Id], []);
    }

    private AnswerGroup Group(FormQuestion? q, IReadOnlyList<int> options, IReadOnlyList<TreeNode> children)
    {
        var texts = options.Select(o => q?.OptionText(o) ?? L["Designer_MissingAnswer"].Value).ToList();
        var label = texts.Count switch
        {
            0 => L["Designer_NoAnswer"].Value,
            1 => string.Format(L["Designer_If"], texts[0]),
            _ => string.Format(L["Designer_IfAny"], string.Join(", ", texts)),
        };
        return new AnswerGroup(label, options.Count == 1 && q?.HasOption(options[0]) == true ? options[0] : null, options, children);
    }

    /// <summary>The nodes a user can reach with ↑/↓: the outline without the insides of collapsed nodes.</summary>
    private List<TreeNode> VisibleNodes()
    {
        var list = new List<TreeNode>();
        void Walk(TreeNode n)
        {
            list.Add(n);
            if (Collapsed.Contains(n.Id)) return;
            foreach (var c in Tree.ChildrenOf(n.Id)) Walk(c);
        }
        foreach (var r in Tree.Roots) Walk(r);
        return list;
    }

    private async Task KeyAsync(KeyboardEventArgs e, TreeNode node)
    {
        var ctrl = e.CtrlKey || e.MetaKey;
        if (e.AltKey)
        {
            DesignerAction? action = e.Key switch
            {
                "ArrowUp" => DesignerAction.MoveUp,
                "ArrowDown" => DesignerAction.MoveDown,
                "ArrowRight" => DesignerAction.Indent,
                "ArrowLeft" => DesignerAction.Outdent,
                _ => null,
            };
            if (action is { } a) await OnAction.InvokeAsync((a, node.Id));
            return;
        }
        if (ctrl)
        {
            var k = e.Key.ToLowerInvariant();
            if (k == "z" && !e.ShiftKey) await OnAction.InvokeAsync((DesignerAction.Undo, node.Id));
            else if (k == "y" || (k == "z" && e.ShiftKey)) await OnAction.InvokeAsync((DesignerAction.Redo, node.Id));
            return;
        }
        var visible = VisibleNodes();
        var i = visible.FindIndex(n => n.Id == node.Id);
        var expandable = Tree.ChildrenOf(node.Id).Count > 0 || Tree.QuestionOf(node)?.Kind.HasOptions() == true;
        switch (e.Key)
        {
            case "ArrowDown" when i < visible.Count - 1: await MoveFocusAsync(visible[i + 1].Id); break;
            case "ArrowUp" when i > 0: await MoveFocusAsync(visible[i - 1].Id); break;
            case "Home": await MoveFocusAsync(visible[0].Id); break;
            case "End": await MoveFocusAsync(visible[^1].Id); break;
            case "ArrowRight" when expandable && Collapsed.Contains(node.Id): await OnToggle.InvokeAsync(node.Id); break;
            case "ArrowRight" when Tree.ChildrenOf(node.Id).FirstOrDefault() is { } first && !Collapsed.Contains(node.Id): await MoveFocusAsync(first.Id); break;
            case "ArrowLeft" when expandable && !Collapsed.Contains(node.Id): await OnToggle.InvokeAsync(node.Id); break;
            case "ArrowLeft" when node.ParentId is { } p: await MoveFocusAsync(p); break;
            case "Delete": await OnAction.InvokeAsync((DesignerAction.Remove, node.Id)); break;
            case "Enter" or " ": await OnSelect.InvokeAsync(node.Id); break;
            case { Length: 1 } letter when char.IsLetterOrDigit(letter[0]):
                // type-ahead: the next visible question starting with that letter
                var next = visible.Skip(i + 1).Concat(visible.Take(i + 1))
                    .FirstOrDefault(n => Tree.QuestionOf(n)?.Text.StartsWith(letter, StringComparison.CurrentCultureIgnoreCase) == true);
                if (next is not null) await MoveFocusAsync(next.Id);
                break;
        }
    }

    private async Task MoveFocusAsync(Guid id)
    {
        focused = id;
        await OnSelect.InvokeAsync(id);
        await FocusAsync(id);
    }

    private async Task FocusAsync(Guid id)
    {
        try
        {
            module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/checklist-designer.js");
            if (module is not null) await module.InvokeVoidAsync("focusNode", $"dn-{id:N}");
        }
        catch (JSDisconnectedException) { }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        try
        {
            if (firstRender)
            {
                module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/checklist-designer.js");
                if (module is not null) await module.InvokeVoidAsync("init", root);
            }
            if (FocusRequest is { } r && r.Seq != handledSeq)
            {
                handledSeq = r.Seq;
                focused = r.Id;
                await FocusAsync(r.Id);
            }
        }
        catch (JSDisconnectedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (module is not null) await module.DisposeAsync();
        }
        catch (JSDisconnectedException) { }
        GC.SuppressFinalize(this);
    }
}
