using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Selections;
using FoccoCrm.Web.Features.Persons;
using FoccoCrm.Web.Infrastructure;
using FoccoCrm.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace FoccoCrm.Web.Features.Selections;

public partial class SelectionBuilder
{
    [Inject] private SelectionService Selections { get; set; } = default!;
    [Inject] private SelectionCatalogService Catalog { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [CascadingParameter] private CurrentUser User { get; set; } = default!;

    /// <summary>The selection being edited (changed in place).</summary>
    [Parameter, EditorRequired] public SelectionDefinition Definition { get; set; } = default!;
    /// <summary>Counts a definition (default: <see cref="SelectionService.CountAsync"/>); tests give their own.</summary>
    [Parameter] public Func<SelectionDefinition, CancellationToken, Task<int>>? CountSource { get; set; }
    /// <summary>Finds incomplete and invalid conditions (default: <see cref="SelectionService.ValidateAsync"/>); tests give their own.</summary>
    [Parameter] public Func<SelectionDefinition, CancellationToken, Task<IReadOnlyList<SelectionIssue>>>? ValidateSource { get; set; }
    /// <summary>How long after the last change the count runs.</summary>
    [Parameter] public TimeSpan CountDelay { get; set; } = TimeSpan.FromMilliseconds(400);
    /// <summary>After each count: the definition it counted (a copy; issues resolved) and the count — the preview follows it.</summary>
    [Parameter] public EventCallback<(SelectionDefinition Definition, int Count)> OnCounted { get; set; }
    /// <summary>After every edit (the page marks itself dirty).</summary>
    [Parameter] public EventCallback OnEdited { get; set; }

    private BuilderState state = default!;
    private LatestOnly<LiveResult>? live;
    private string sentence = "";
    private int? count;
    private bool counting;
    private bool ready;
    private string? error;
    private IReadOnlyList<SelectionIssue> issues = [];

    private sealed record LiveResult(SelectionDefinition Definition, IReadOnlyList<SelectionIssue> Issues, int? Count);

    /// <summary>A field by key (additional data included), for labels outside the builder ("why").</summary>
    public SelectionField? FieldOf(string key) => state?.Field(key);

    /// <summary>The label of an option value seen in the builder.</summary>
    public string ValueLabelOf(string field, string value) => state?.OptionLabel(field, value) ?? value;

    /// <summary>The count shown (null while unknown).</summary>
    public int? Count => count;

    /// <summary>The incomplete conditions left out of the count.</summary>
    public IReadOnlySet<Guid> Incomplete => state.Incomplete;

    /// <summary>Blocking problems (the selection cannot run).</summary>
    public IReadOnlyList<SelectionIssue> Invalid => issues.Where(i => i.Severity == SelectionIssueSeverity.Invalid).ToList();

    protected override async Task OnInitializedAsync()
    {
        live = new LatestOnly<LiveResult>(Clock, CountDelay);
        state = new BuilderState
        {
            Definition = Definition,
            LoadOptions = (f, search, ct) => Catalog.ListValuesAsync(User, f.Key, search, ct),
            Changed = ChangedAsync,
            MoveToGroup = MoveToGroupAsync,
        };
        state.Fields = await Catalog.ListFieldsAsync(User, Definition.Target);
        state.Relations = Catalog.ListRelations(Definition.Target);
        await DescribeSavedValuesAsync();
        ready = true;
        _ = RecountAsync();
    }

    /// <summary>Labels of the values a loaded selection already has (chips and the sentence show labels).</summary>
    private async Task DescribeSavedValuesAsync()
    {
        foreach (var c in Definition.Walk().Select(x => x.Node).OfType<SelectionCondition>())
        {
            if (c.Values.Count == 0 || state.Field(c.Field) is not { Type: SelectionDataType.Choice or SelectionDataType.Month } f) continue;
            try { state.Remember(f.Key, await Catalog.DescribeValuesAsync(User, f.Key, c.Values)); }
            catch (Core.Common.BusinessRuleException) { }
        }
    }

    private IReadOnlyCollection<PersonRoles> SelectedRoles => PersonText.Roles.Where(r => Definition.Roles.HasFlag(r)).ToList();

    private string RolesText => Definition.Roles == PersonRoles.None ? L["Sel_AllRoles"] : PersonText.RolesText(Definition.Roles, L);

    private async Task TargetChangedAsync(SelectionTarget target)
    {
        if (target == Definition.Target) return;
        Definition.Target = target;
        state.Fields = await Catalog.ListFieldsAsync(User, target);
        state.Relations = Catalog.ListRelations(target);
        await ChangedAsync();
    }

    private Task RolesChangedAsync(IEnumerable<PersonRoles>? roles)
    {
        Definition.Roles = (roles ?? []).Aggregate(PersonRoles.None, (a, r) => a | r);
        return ChangedAsync();
    }

    private async Task MoveToGroupAsync(Guid nodeId)
    {
        var targets = RuleTree.MoveTargets(Definition.Root, nodeId);
        var parameters = new DialogParameters<MoveToGroupDialog> { { x => x.Targets, targets } };
        var dialog = await Dialogs.ShowAsync<MoveToGroupDialog>(L["Sel_MoveToGroup"], parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: SelectionGroup target } && RuleTree.MoveTo(Definition.Root, nodeId, target))
            await ChangedAsync();
    }

    private async Task ChangedAsync()
    {
        await OnEdited.InvokeAsync();
        _ = RecountAsync(); // not awaited: the edit's handler returns at once, the count follows
    }

    private async Task RecountAsync()
    {
        UpdateSentence();
        StateHasChanged();
        await live!.RunAsync(async ct =>
        {
            // a copy with the same ids: the user keeps editing while this runs, and issues refer to node ids
            var snapshot = SelectionDefinition.FromJson(Definition.ToJson());
            counting = true;
            await InvokeAsync(StateHasChanged);
            var found = await (ValidateSource ?? ((d, t) => Selections.ValidateAsync(User, d, t)))(snapshot, ct);
            int? n = found.Any(i => i.Severity == SelectionIssueSeverity.Invalid) ? null
                : await (CountSource ?? ((d, t) => Selections.CountAsync(User, d, t)))(snapshot, ct);
            return new LiveResult(snapshot, found, n);
        }, ShowAsync, ex =>
        {
            counting = false;
            error = ex is Core.Common.BusinessRuleException ? ex.Message : L["Sel_CountFailed"];
            return InvokeAsync(StateHasChanged);
        });
    }

    private async Task ShowAsync(LiveResult result)
    {
        counting = false;
        error = null;
        issues = result.Issues;
        state.Incomplete = result.Issues.Where(i => i.Severity == SelectionIssueSeverity.Incomplete).Select(i => i.NodeId).ToHashSet();
        count = result.Count;
        UpdateSentence();
        await InvokeAsync(StateHasChanged);
        if (result.Count is { } n) await OnCounted.InvokeAsync((result.Definition, n));
    }

    private void UpdateSentence() =>
        sentence = SelectionSentence.Of(Definition, state.Field, state.OptionLabel, state.Incomplete);

    /// <summary>Counts again now (after a save or a generation).</summary>
    public Task RefreshAsync() => RecountAsync();

    public void Dispose() => live?.Dispose();
}
