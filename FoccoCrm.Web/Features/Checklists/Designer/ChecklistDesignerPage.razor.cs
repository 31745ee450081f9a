using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FoccoCrm.Web.Features.Checklists.Designer;

/// <summary>What a button, menu or key asks the designer to do with a node.</summary>
public enum DesignerAction { MoveUp, MoveDown, Indent, Outdent, MoveTo, Remove, Undo, Redo }

/// <summary>
/// The checklist tree designer (FERM0105): library, outline, properties and live preview. Every structure change is one
/// <see cref="ChecklistDesignService"/> call (autosaved); refusals show their reason; moves are announced in an aria-live region.
/// </summary>
public partial class ChecklistDesignerPage
{
    [Parameter] public int Id { get; set; }
    [CascadingParameter] private CurrentUser User { get; set; } = default!;
    [Inject] private ChecklistDesignService Designs { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private ChecklistDesign? design;
    private ChecklistDefinition preview = ChecklistDefinition.Empty;
    private bool notFound, busy, previewTab;
    private Guid? selectedId;
    private int? selectedOption;
    private readonly HashSet<Guid> collapsed = [];
    private IReadOnlySet<Guid> matches = new HashSet<Guid>();
    private string? treeSearch, refusal, announcement;
    private (Guid Id, int Seq)? focusRequest;
    private int focusSeq;
    private bool showAllBranches;
    /// <summary>The question being dragged from the library (a drop on the tree adds it there).</summary>
    private QuestionDetail? libraryDrag;
    /// <summary>Someone else saved the draft meanwhile: the fresh draft, loaded when the user clicks "Recarregar"; editing waits.</summary>
    private ChecklistDesign? conflict;

    private bool Locked => busy || conflict is not null;

    private TreeNode? SelectedNode => selectedId is { } id ? design?.Tree.Find(id) : null;

    private string AddTargetLabel
    {
        get
        {
            if (SelectedNode is { } n && selectedOption is { } o && design!.Tree.QuestionOf(n) is { } q && q.OptionText(o) is { } text)
                return string.Format(L["Designer_AddUnder"], q.Text, text);
            return L["Designer_AddAsRoot"];
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            design = await Designs.OpenAsync(User, Id);
            Refresh();
        }
        catch (Exception ex) when (ex is NotFoundException or ForbiddenException) { notFound = true; }
    }

    private void Refresh()
    {
        preview = design!.Tree.ToDefinition();
        if (selectedId is { } id && design.Tree.Find(id) is null) { selectedId = null; selectedOption = null; }
    }

    private void Select(Guid id)
    {
        if (selectedId != id) selectedOption = null;
        selectedId = id;
    }

    private void SelectOption((Guid Node, int Option) o)
    {
        selectedId = o.Node;
        selectedOption = o.Option;
    }

    private void Toggle(Guid id)
    {
        if (!collapsed.Remove(id)) collapsed.Add(id);
    }

    private void ExpandAll()
    {
        collapsed.Clear();
        announcement = string.Format(L["Designer_Expanded_N"], design!.Tree.Count);
    }

    private void CollapseAll() => ExpandToLevel(1);

    /// <summary>"Expandir até o nível…": levels 1..N open, the nodes at level N (and deeper) collapsed; announces how many show.</summary>
    private void ExpandToLevel(int level)
    {
        collapsed.Clear();
        collapsed.UnionWith(design!.Tree.CollapsedAtLevel(level));
        announcement = string.Format(L["Designer_Expanded_N"], VisibleCount());
    }

    private int VisibleCount()
    {
        var tree = design!.Tree;
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

    private void Reload()
    {
        if (conflict is null) return;
        design = conflict;
        conflict = null;
        refusal = null;
        Refresh();
        announcement = L["Designer_Reloaded"];
    }

    private void Refused(string reason)
    {
        refusal = reason;
        announcement = reason;
    }

    private void SearchTree(string? text)
    {
        treeSearch = text;
        var (found, expand) = design!.Tree.Search(text ?? "");
        matches = found.Select(n => n.Id).ToHashSet();
        foreach (var id in expand) collapsed.Remove(id);
        announcement = string.IsNullOrWhiteSpace(text) ? null : string.Format(L["Designer_SearchFound_N"], found.Count);
    }

    private DesignerLibrary? library;

    /// <summary>"+ pergunta de seguimento": the answer becomes the target and the bank search takes focus (scrolled into view on a tablet).</summary>
    private async Task StartFollowUp((Guid Node, int Option) o)
    {
        SelectOption(o);
        announcement = AddTargetLabel;
        if (library is not null) await library.FocusSearchAsync();
    }

    private string Text(Guid id) => design!.Tree.QuestionOf(id)?.Text ?? "?";

    private Task AddAsync(QuestionDetail question)
    {
        if (SelectedNode is { } parent && selectedOption is { } option)
            return RunAsync(() => Designs.AddFollowUpAsync(User, design!, parent.Id, question.Id, [option]),
                r => string.Format(L["Designer_Added"], question.Text), focus: true);
        return RunAsync(() => Designs.AddRootAsync(User, design!, question.Id), r => string.Format(L["Designer_Added"], question.Text), focus: true);
    }

    /// <summary>A question dropped from the library: the same Core operation as "+", at the marker's place.</summary>
    private Task AddAtAsync((Guid? Parent, IReadOnlyCollection<int> Options, int Index) d)
    {
        if (libraryDrag is not { } question) return Task.CompletedTask;
        libraryDrag = null;
        var added = string.Format(L["Designer_Added"], question.Text);
        return d.Parent is { } parent
            ? RunAsync(() => Designs.AddFollowUpAsync(User, design!, parent, question.Id, d.Options, d.Index), _ => added, focus: true)
            : RunAsync(() => Designs.AddRootAsync(User, design!, question.Id, d.Index), _ => added, focus: true);
    }

    private async Task ActAsync((DesignerAction Action, Guid Node) a)
    {
        var id = a.Node;
        switch (a.Action)
        {
            case DesignerAction.MoveUp:
                await RunAsync(() => Designs.MoveUpAsync(User, design!, id), _ => Where(id, "Designer_MovedUp"), focus: true);
                break;
            case DesignerAction.MoveDown:
                await RunAsync(() => Designs.MoveDownAsync(User, design!, id), _ => Where(id, "Designer_MovedDown"), focus: true);
                break;
            case DesignerAction.Indent:
                await IndentAsync(id);
                break;
            case DesignerAction.Outdent:
                await RunAsync(() => Designs.OutdentAsync(User, design!, id), _ => Where(id, "Designer_Outdented"), focus: true);
                break;
            case DesignerAction.MoveTo:
                await MoveToAsync(id);
                break;
            case DesignerAction.Remove:
                await RemoveAsync(id);
                break;
            case DesignerAction.Undo:
                await UndoAsync();
                break;
            case DesignerAction.Redo:
                await RedoAsync();
                break;
        }
    }

    /// <summary>
    /// Alt+→ / the Indent button: under a previous question with several answers, ask which one shows the node first (Esc keeps the
    /// first answer), so the nest is one change (one undo); then announce where it went and on which answer.
    /// </summary>
    private async Task IndentAsync(Guid id)
    {
        if (Locked) return;
        var tree = design!.Tree;
        IReadOnlyCollection<int>? options = null;
        if (tree.IndentParent(id) is { } parent && tree.QuestionOf(parent) is { Options.Count: > 1 } pq)
            options = [await PickAnswerAsync(id, pq)];
        await RunAsync(() => Designs.IndentAsync(User, design!, id, options), _ => Indented(id), focus: true);
        if (refusal is null) { selectedId = id; previewTab = false; }
    }

    private async Task<int> PickAnswerAsync(Guid id, FormQuestion parent)
    {
        var parameters = new DialogParameters<DesignerAnswerPicker> { { x => x.Parent, parent }, { x => x.Question, Text(id) } };
        var dialog = await Dialogs.ShowAsync<DesignerAnswerPicker>(string.Format(L["Designer_PickAnswerTitle"], Text(id)), parameters,
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseOnEscapeKey = true, DefaultFocus = DefaultFocus.None });
        return await dialog.Result is { Canceled: false, Data: int option } && parent.HasOption(option) ? option : parent.Options[0].Id;
    }

    /// <summary>"X aninhada sob "Y", se Sim."</summary>
    private string Indented(Guid id)
    {
        var tree = design!.Tree;
        var node = tree.Find(id)!;
        var parent = tree.QuestionOf(node.ParentId!.Value);
        var answers = string.Join(", ", node.OptionIds.Select(o => parent?.OptionText(o) ?? "?"));
        return string.Format(L["Designer_IndentedUnder"], Text(id), parent?.Text ?? "?", answers);
    }

    /// <summary>"Movida para baixo de …": names the node the moved one now follows (or its parent when it is first).</summary>
    private string Where(Guid id, string key)
    {
        var tree = design!.Tree;
        var node = tree.Find(id)!;
        var siblings = tree.ChildrenOf(node.ParentId);
        var i = siblings.ToList().FindIndex(s => s.Id == id);
        var anchor = i > 0 ? string.Format(L["Designer_After"], Text(siblings[i - 1].Id))
            : node.ParentId is { } p ? string.Format(L["Designer_FirstUnder"], Text(p)) : L["Designer_FirstRoot"];
        return string.Format(L[key], Text(id), anchor);
    }

    private async Task MoveToAsync(Guid id)
    {
        if (Locked) return;
        var parameters = new DialogParameters<DesignerMoveDialog> { { x => x.Tree, design!.Tree }, { x => x.NodeId, id } };
        var dialog = await Dialogs.ShowAsync<DesignerMoveDialog>(string.Format(L["Designer_MoveTitle"], Text(id)), parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: DesignerMoveDialog.Target t }) return;
        await RunAsync(() => Designs.MoveAsync(User, design!, id, t.ParentId, t.OptionIds, t.Index), _ => Where(id, "Designer_Moved"), focus: true);
    }

    private Task DropAsync((Guid Node, Guid? Parent, IReadOnlyCollection<int> Options, int Index) d) =>
        RunAsync(() => Designs.MoveAsync(User, design!, d.Node, d.Parent, d.Options, d.Index), _ => Where(d.Node, "Designer_Moved"), focus: true);

    private async Task RemoveAsync(Guid id)
    {
        if (Locked) return;
        var count = design!.Tree.Subtree(id).Count;
        var message = count > 1 ? string.Format(L["Designer_ConfirmRemoveSubtree"], Text(id), count - 1) : string.Format(L["Designer_ConfirmRemove"], Text(id));
        if (!await Dialogs.ConfirmAsync(L["Designer_Remove"], message, L["Designer_Remove"], L["Cancel"])) return;
        var text = Text(id);
        await RunAsync(() => Designs.RemoveAsync(User, design!, id), r => string.Format(L["Designer_Removed"], text, r.Removed), focus: false);
    }

    // undo/redo keep focus on the selected node (moving re-creates its element)
    private Task UndoAsync() => RunAsync(async () => await Designs.UndoAsync(User, design!) with { NodeId = selectedId }, _ => L["Designer_Undone"], focus: true);
    private Task RedoAsync() => RunAsync(async () => await Designs.RedoAsync(User, design!) with { NodeId = selectedId }, _ => L["Designer_Redone"], focus: true);

    private Task SetRequiredAsync(TreeNode node, bool required) =>
        RunAsync(() => Designs.SetRequiredAsync(User, design!, node.Id, required), _ => L[required ? "Designer_RequiredOn" : "Designer_RequiredOff"], focus: false);

    private Task SetConditionAsync(TreeNode node, IReadOnlyCollection<int> options) =>
        RunAsync(() => Designs.SetConditionAsync(User, design!, node.Id, options), _ => L["Designer_ConditionSaved"], focus: false);

    /// <summary>One user action: call the service, show the refusal or announce the result, keep focus on the node it concerns.</summary>
    private async Task RunAsync(Func<Task<TreeResult>> op, Func<TreeResult, string> announce, bool focus)
    {
        if (Locked || design is null) return;
        busy = true;
        try
        {
            var result = await op();
            if (!result.Ok)
            {
                refusal = result.Reason;
                announcement = result.Reason;
                return;
            }
            refusal = null;
            Refresh();
            announcement = announce(result);
            if (focus && result.NodeId is { } id && design.Tree.Find(id) is not null)
            {
                foreach (var a in design.Tree.Ancestors(id)) collapsed.Remove(a.Id);
                selectedId = id;
                focusRequest = (id, ++focusSeq);
            }
        }
        catch (ConcurrencyConflictException ex) when (ex.Current is ChecklistDesign current)
        {
            // the change was not saved (Core reverted it); editing waits until the user reloads the other person's draft
            conflict = current;
            refusal = null;
            announcement = L["Designer_Conflict"];
        }
        catch (Exception ex) when (ex is BusinessRuleException or ForbiddenException or NotFoundException)
        {
            refusal = ex.Message;
        }
        finally
        {
            busy = false;
        }
    }
}
