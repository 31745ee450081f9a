using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Tickets;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FoccoCrm.Web.Features.Tickets;

public partial class TicketList
{
    [CascadingParameter] private CurrentUser User { get; set; } = default!;
    /// <summary>Only this customer's tickets (the person page's tab).</summary>
    [Parameter] public int? CustomerId { get; set; }
    /// <summary>Only this responsible's tickets (CCRM0400; "" = unassigned).</summary>
    [Parameter] public string? ResponsibleId { get; set; }
    [Parameter] public bool ShowResponsibleFilter { get; set; } = true;
    [Parameter] public int PageSize { get; set; } = 25;
    /// <summary>The export's file name.</summary>
    [Parameter] public string ExportName { get; set; } = "chamados";

    private MudTable<TicketRow> table = default!;
    private string? search;
    private IReadOnlyCollection<TicketStatus> statuses = [];
    private int? typeId;
    private string? responsible;
    private DateOnly? from, to;
    private bool lateOnly;
    private int total = -1;
    private IReadOnlyList<CatalogOption> types = [];
    private IReadOnlyList<TicketUserOption> responsibles = [];
    private string? lastResponsibleId;

    protected override async Task OnInitializedAsync()
    {
        types = await Types.ListActiveAsync(User);
        if (ShowResponsibleFilter) responsibles = await Tickets.ResponsiblesAsync(User, User.RequireCurrentCompany());
    }

    protected override async Task OnParametersSetAsync()
    {
        if (lastResponsibleId != ResponsibleId && table is not null)
        {
            lastResponsibleId = ResponsibleId;
            await table.ReloadServerData();
        }
        lastResponsibleId = ResponsibleId;
    }

    private TicketQuery Query(int skip, int take, TableState? state = null) => new()
    {
        Search = search, CustomerId = CustomerId, ResponsibleId = ResponsibleId ?? responsible, TypeId = typeId, LateOnly = lateOnly,
        Statuses = statuses.Any() ? statuses.ToList() : null,
        FromUtc = from is { } f ? TicketText.Utc(User, f.ToDateTime(TimeOnly.MinValue)) : null,
        ToUtc = to is { } t ? TicketText.Utc(User, t.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null,
        Skip = skip, Take = take,
        Sort = state?.SortLabel switch
        {
            "OpenedAt" => TicketSort.OpenedAt, "Customer" => TicketSort.Customer, "Priority" => TicketSort.Priority,
            "Status" => TicketSort.Status, "Responsible" => TicketSort.Responsible, _ => TicketSort.Number,
        },
        Descending = state is null || state.SortLabel is null || state.SortDirection == SortDirection.Descending,
    };

    private async Task<TableData<TicketRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        var page = await Tickets.ListAsync(User, User.RequireCurrentCompany(), Query(state.Page * state.PageSize, state.PageSize, state), ct);
        total = page.TotalCount;
        return new TableData<TicketRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private Task SearchAsync(string? value) { search = value; return table.ReloadServerData(); }
    private Task StatusesChangedAsync(IReadOnlyCollection<TicketStatus> value) { statuses = value; return table.ReloadServerData(); }
    private Task TypeChangedAsync(int? value) { typeId = value; return table.ReloadServerData(); }
    private Task ResponsibleChangedAsync(string? value) { responsible = value; return table.ReloadServerData(); }
    private Task LateChangedAsync(bool value) { lateOnly = value; return table.ReloadServerData(); }
    private Task DatesChangedAsync((DateOnly? From, DateOnly? To) range) { (from, to) = range; return table.ReloadServerData(); }

    private async Task ExportAsync(ExportFormat format)
    {
        var rows = await Tickets.ListAsync(User, User.RequireCurrentCompany(), Query(0, TicketService.MaxRows));
        if (rows.TotalCount > rows.Items.Count)
            Snackbar.Add(string.Format(L["Persons_ExportCapped"], rows.Items.Count, rows.TotalCount), Severity.Info);
        await Download.SendTableAsync(format, ExportName, rows.Items,
            (L["Tickets_Number"], r => r.Number), (L["Tickets_OpenedAt"], r => TicketText.Local(User, r.OpenedAtUtc)),
            (L["Tickets_Customer"], r => r.CustomerName), (L["Tickets_Type"], r => r.TypeName), (L["Tickets_Reason"], r => r.ReasonName),
            (L["Tickets_Origin"], r => L[TicketText.OriginKey(r.Origin)].Value), (L["Tickets_Priority"], r => L[TicketText.PriorityKey(r.Priority)].Value),
            (L["Status"], r => L[TicketText.StatusKey(r.Status)].Value), (L["Tickets_Responsible"], r => r.ResponsibleName),
            (L["Tickets_Late"], r => r.IsLate ? L["Tickets_Yes"].Value : L["Tickets_No"].Value),
            (L["Tickets_ClosedAt"], r => r.ClosedAtUtc is { } c ? TicketText.Local(User, c) : null), (L["Tickets_Situation"], r => r.Situation));
    }
}
