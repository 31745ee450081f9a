using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FoccoCrm.Web.Features.Catalogs;

public partial class CatalogTable<TEntry> : IDisposable where TEntry : CatalogEntry, ICatalogEntity<TEntry>
{
    [CascadingParameter] private CurrentUser User { get; set; } = default!;
    /// <summary>Accessible name of the table, e.g. "Tipos de contato".</summary>
    [Parameter, EditorRequired] public string Label { get; set; } = "";
    [Parameter, EditorRequired] public string NewLabel { get; set; } = "";
    [Parameter, EditorRequired] public string ExportName { get; set; } = "";
    [Parameter] public string? Heading { get; set; }
    [Parameter] public string? TestId { get; set; }
    /// <summary>The type whose reasons are shown (reason catalogs only).</summary>
    [Parameter] public int? ParentId { get; set; }
    [Parameter] public int? SelectedId { get; set; }
    [Parameter] public EventCallback<CatalogEntryRow?> SelectedChanged { get; set; }
    /// <summary>Narrow pane (master-detail): no status column, inactive entries get a chip next to the description.</summary>
    [Parameter] public bool Compact { get; set; }
    /// <summary>Raised after a save, delete or deactivation (the master list refreshes its reason counts).</summary>
    [Parameter] public EventCallback Changed { get; set; }

    private IReadOnlyList<CatalogEntryRow>? rows;
    private string? search;
    private bool showInactive;
    private int? loadedParent;
    private CancellationTokenSource? loading;

    private bool CanEdit => User.CanMaintainCatalogs();
    private bool Selectable => SelectedChanged.HasDelegate;
    private static bool HasReasons => TEntry.Kind is CatalogKind.OccurrenceType or CatalogKind.TicketType;

    protected override async Task OnParametersSetAsync()
    {
        if (rows is not null && loadedParent == ParentId) return;
        loadedParent = ParentId;
        await ReloadAsync();
    }

    /// <summary>Reads the list again (superseded loads are cancelled); clears a selection that is no longer listed.</summary>
    public async Task ReloadAsync()
    {
        loading?.Cancel();
        loading = new CancellationTokenSource();
        var ct = loading.Token;
        try
        {
            rows = await Service.ListAsync(User, ParentId, search, showInactive, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
        // keep the master's chosen row fresh (edited description, reason count) or clear it when it is no longer listed
        if (Selectable && SelectedId is int id) await SelectedChanged.InvokeAsync(rows.FirstOrDefault(r => r.Id == id));
        StateHasChanged();
    }

    private async Task SearchAsync(string? value)
    {
        search = value;
        await ReloadAsync();
    }

    private async Task ShowInactiveAsync(bool value)
    {
        showInactive = value;
        await ReloadAsync();
    }

    private async Task SelectAsync(CatalogEntryRow? row)
    {
        if (Selectable && row is not null) await SelectedChanged.InvokeAsync(row);
    }

    private string RowClass(CatalogEntryRow row, int _) =>
        (Selectable ? "catalog-row-selectable " : "") + (row.Id == SelectedId ? "catalog-row-selected" : "") + (row.IsActive ? "" : " catalog-row-inactive");

    private string UsageText(ChecklistUsage? usage) => usage is null ? "" : L["ChecklistUsage_" + usage];

    private async Task EditAsync(CatalogEntryRow? row)
    {
        var parameters = new DialogParameters<CatalogEntryDialog<TEntry>> { { x => x.Row, row }, { x => x.ParentId, ParentId } };
        var title = row is null ? NewLabel : $"{L["Edit"]} · {Label}";
        var dialog = await Dialogs.ShowAsync<CatalogEntryDialog<TEntry>>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add(L["Saved"], Severity.Success);
            await AfterChangeAsync();
        }
    }

    private async Task DeleteAsync(CatalogEntryRow row)
    {
        if (!await Dialogs.ConfirmAsync(L["Delete"], string.Format(L["Catalog_ConfirmDelete"], row.Code, row.Description), L["Delete"], L["Cancel"])) return;
        try
        {
            await Service.DeleteAsync(User, row.Id);
            Snackbar.Add(L["Deleted"], Severity.Success);
        }
        catch (CatalogEntryInUseException ex)
        {
            await OfferDeactivationAsync(row, ex);
        }
        catch (Exception ex) when (ex is BusinessRuleException or NotFoundException or ForbiddenException)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        await AfterChangeAsync();
    }

    /// <summary>An entry in use cannot be deleted; an active one can be deactivated instead.</summary>
    private async Task OfferDeactivationAsync(CatalogEntryRow row, CatalogEntryInUseException ex)
    {
        if (!row.IsActive)
        {
            await Dialogs.ShowMessageBoxAsync(L["Catalog_InUseTitle"], string.Format(L["Catalog_InUseAlreadyInactive"], row.Code, row.Description, ex.Use), L["Close"]);
            return;
        }
        if (!await Dialogs.ConfirmAsync(L["Catalog_InUseTitle"], ex.Message, L["Deactivate"], L["Cancel"])) return;
        try
        {
            await Service.DeactivateAsync(User, row.Id);
            Snackbar.Add(L["Catalog_Deactivated"], Severity.Success);
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException) { Snackbar.Add(e.Message, Severity.Warning); }
    }

    private async Task AfterChangeAsync()
    {
        await ReloadAsync();
        await Changed.InvokeAsync();
    }

    private Task ExportAsync(ExportFormat format)
    {
        var columns = new List<(string, Func<CatalogEntryRow, object?>)> { (L["Code"], r => r.Code), (L["Description"], r => r.Description) };
        if (TEntry.Kind == CatalogKind.ChecklistType) columns.Add((L["Catalog_Usage"], r => UsageText(r.Usage)));
        if (HasReasons) columns.Add((L["Catalog_Reasons"], r => r.ReasonCount));
        columns.Add((L["Status"], r => r.IsActive ? L["Active"] : L["Inactive"]));
        return Download.SendTableAsync(format, ExportName, rows!, [.. columns]);
    }

    public void Dispose()
    {
        loading?.Cancel();
        loading?.Dispose();
    }
}
