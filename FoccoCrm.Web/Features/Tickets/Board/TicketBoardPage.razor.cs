using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Live;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tickets;
using FoccoCrm.Web.Components.Layout;
using FoccoCrm.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using CardData = FoccoCrm.Core.Tickets.TicketCard;

namespace FoccoCrm.Web.Features.Tickets.Board;

/// <summary>
/// The live ticket board (FCRM0200): columns by status or responsible, filters in the URL, moves by drag, menu and keyboard,
/// every move with the version the card showed, live updates of the changed card's columns, presence and resync after a
/// reconnect. See README.md in this folder.
/// </summary>
public partial class TicketBoardPage
{
    public const int PageSize = 50;

    [CascadingParameter] private CurrentUser User { get; set; } = default!;
    [Inject] private TicketService Tickets { get; set; } = default!;
    [Inject] private CatalogService<TicketType> TypeCatalog { get; set; } = default!;
    [Inject] private PersonService Persons { get; set; } = default!;
    [Inject] private IChangeFeed Feed { get; set; } = default!;
    [Inject] private TicketBoardFeed BoardFeed { get; set; } = default!;
    [Inject] private BoardPresence Presence { get; set; } = default!;
    [Inject] private CircuitConnection Connection { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "view")] public string? ViewParam { get; set; }
    [SupplyParameterFromQuery(Name = "lanes")] public string? LanesParam { get; set; }
    [SupplyParameterFromQuery(Name = "mine")] public string? MineParam { get; set; }
    [SupplyParameterFromQuery(Name = "unassigned")] public string? UnassignedParam { get; set; }
    [SupplyParameterFromQuery(Name = "type")] public int? TypeParam { get; set; }
    [SupplyParameterFromQuery(Name = "prio")] public string? PriorityParam { get; set; }
    [SupplyParameterFromQuery(Name = "customer")] public int? CustomerParam { get; set; }
    [SupplyParameterFromQuery(Name = "late")] public string? LateParam { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? TextParam { get; set; }
    [SupplyParameterFromQuery(Name = "closed")] public string? ClosedParam { get; set; }

    private BoardQuery query = BoardQuery.Default;
    private TicketBoardModel? model;
    private TicketBoardScope scope = TicketBoardScope.OwnAndUnassigned("");
    private int lateAfterHours;
    /// <summary>Cards this board moved itself and whose event has not come back yet: that event re-reads (the card moved locally).</summary>
    private readonly HashSet<long> ownMoves = [];
    private long? menuId;
    private int companyId;
    private BoardMenuOptions menu = new([], [], "", false);
    private IReadOnlyList<CatalogOption> types = [];
    private PersonRow? customer;
    /// <summary>Who has which ticket open (the cards' avatars).</summary>
    private IReadOnlyList<PresenceViewer> viewers = [];
    /// <summary>Who has the board open (the header's avatars).</summary>
    private IReadOnlyList<PresenceViewer> boardViewers = [];
    private IDisposable? subscription, presenceSubscription, presence;
    private bool presenceRefreshPending;
    private static readonly TimeSpan PresenceCoalesce = TimeSpan.FromMilliseconds(500);
    private readonly HashSet<string> pendingColumns = [];
    private readonly List<(long Id, string? RemoteActor)> pendingCards = [];
    private bool reloading;
    private readonly CancellationTokenSource disposed = new();
    private DateTime nowUtc;
    private long? focused, lifted, dragging;
    private int liftTarget = -1;
    private bool focusPending, helpOpen, live;
    private BoardGrid? grid;
    /// <summary>What the columns show (they read it; a live change refreshes them without rendering this page).</summary>
    private readonly BoardState state = new();
    private ElementReference root;
    private IJSObjectReference? module;
    private DotNetObjectReference<TicketBoardPage>? selfRef;

    private string Topic => LiveTopics.Tickets(companyId);

    private long? FocusTarget => focused is { } f && model?.Find(f) is not null ? f : model?.Columns.SelectMany(c => c.Cards).FirstOrDefault()?.Id;

    protected override async Task OnInitializedAsync()
    {
        companyId = User.RequireCurrentCompany();
        nowUtc = Clock.GetUtcNow().UtcDateTime;
        // Prerendering has no circuit: subscribe, join and load only once the board is interactive.
        live = RendererInfo.IsInteractive;
        if (!live) return;
        subscription = BoardFeed.Subscribe(companyId, OnLiveAsync);
        presenceSubscription = Feed.Subscribe(LiveTopics.Presence(Topic), OnPresenceAsync);
        presence = Presence.Join(Topic, User.Id, User.FullName);
        SetViewers(Presence.Viewers(Topic));
        Connection.ConnectionUp += OnReconnectedAsync;
        Connection.ConnectionDown += OnDisconnectedAsync;
        var canEdit = User.CanEditTickets();
        var people = canEdit ? await Tickets.ResponsiblesAsync(User, companyId) : [];
        TicketStatus[] statuses = [TicketStatus.Opened, TicketStatus.InExecution, TicketStatus.Closed, TicketStatus.Cancelled];
        menu = new BoardMenuOptions(statuses, people, User.Id, canEdit);
        types = await TypeCatalog.ListActiveAsync(User);
        state.Count = c => (CountText(c), CountTitle(c));
        state.OnCommand = EventCallback.Factory.Create<CardCommand>(this, CommandAsync);
        state.OnMenuClosed = EventCallback.Factory.Create(this, CloseMenu);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!live) return;
        var q = BoardQuery.From(ViewParam, Flag(LanesParam), Flag(MineParam), Flag(UnassignedParam), TypeParam, PriorityParam, CustomerParam,
            Flag(LateParam), TextParam, Flag(ClosedParam));
        if (model is not null && q == query) return;
        query = q;
        if (q.Filter.CustomerId is int id && customer?.Id != id)
        {
            try { customer = await Persons.GetAsync(User, id); }
            catch (NotFoundException) { customer = null; }
        }
        else if (q.Filter.CustomerId is null) customer = null;
        await LoadAsync();
    }

    private static bool? Flag(string? value) => value is "1" or "true" or "S" ? true : null;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!live) return;
        if (firstRender)
        {
            selfRef = DotNetObjectReference.Create(this);
            try
            {
                module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/ticket-board.js");
                await module.InvokeVoidAsync("init", root, selfRef);
                // No view or filter in the URL: the ones this user chose last time on this board.
                if (!Navigation.Uri.Contains('?', StringComparison.Ordinal)
                    && await module.InvokeAsync<string?>("savedQuery", SavedQueryKey) is { Length: > 1 } saved && saved.StartsWith('?'))
                    Navigation.NavigateTo(Screens.TicketBoard.Href + saved, replace: true);
            }
            catch (JSDisconnectedException) { }
        }
        if (focusPending && focused is { } id && module is not null)
        {
            focusPending = false;
            try { await module.InvokeVoidAsync("focusCard", id); }
            catch (JSDisconnectedException) { }
        }
    }

    // ---------------------------------------------------------------- loading

    private async Task LoadAsync()
    {
        scope = await Tickets.BoardScopeAsync(User, companyId);
        var board = BoardFeed.Intern(await Tickets.BoardAsync(User, companyId, query.Filter, query.View, PageSize));
        lateAfterHours = board.LateAfterHours;
        model = new TicketBoardModel(board.GroupBy, board.Columns);
        nowUtc = Clock.GetUtcNow().UtcDateTime;
        lifted = null;
        liftTarget = -1;
    }

    /// <summary>Re-reads only these columns (as many cards as they show now), with this user's permissions and filter.</summary>
    private async Task ReloadColumnsAsync(IEnumerable<string?> keys)
    {
        if (model is null) return;
        var current = model;
        foreach (var key in keys.OfType<string>().Distinct())
        {
            var i = current.IndexOf(key);
            if (i < 0) continue;
            var take = Math.Max(PageSize, current.Columns[i].Cards.Count);
            var board = BoardFeed.Intern(await Tickets.BoardAsync(User, companyId, query.Filter, query.View, take, column: key));
            if (board.Columns.FirstOrDefault() is { } column) current.Replace(column);
        }
        nowUtc = Clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>"Load more" under a column (a plain button; js/ticket-board.js calls this with the column's key).</summary>
    [JSInvokable]
    public async Task LoadMore(string key)
    {
        await LoadMoreAsync(key);
        StateHasChanged();
    }

    private async Task LoadMoreAsync(string key)
    {
        if (model?.Columns.FirstOrDefault(c => c.Key == key) is not { } column) return;
        var page = BoardFeed.Intern(await Tickets.BoardAsync(User, companyId, query.Filter, query.View, PageSize, column: key, skip: column.Cards.Count));
        var more = page.Columns.FirstOrDefault();
        if (more is not null) model.Append(more);
        Announce(string.Format(L["Board_LoadedMore"], more?.Cards.Count ?? 0, column.Title));
    }

    private string SavedQueryKey => $"focco.ticket-board.{User.Id}.{companyId}";

    private async Task NavigateAsync(BoardQuery next)
    {
        var url = Navigation.GetUriWithQueryParameters(next.ToParameters());
        Navigation.NavigateTo(url);
        if (module is null) return;
        try { await module.InvokeVoidAsync("saveQuery", SavedQueryKey, new Uri(url).Query); }
        catch (JSDisconnectedException) { }
    }

    // ---------------------------------------------------------------- live

    /// <summary>Presence (who has the board or a ticket open), coalesced: a team opening the board at 9:00 costs one render each.</summary>
    private Task OnPresenceAsync(LiveChange change) => InvokeAsync(async () =>
    {
        if (disposed.IsCancellationRequested || presenceRefreshPending) return;
        presenceRefreshPending = true;
        try { await Task.Delay(PresenceCoalesce, disposed.Token); }
        catch (OperationCanceledException) { return; }
        finally { presenceRefreshPending = false; }
        SetViewers(Presence.Viewers(Topic));
        StateHasChanged();
    });

    /// <summary>
    /// A committed ticket change, with the card read once for every board (<see cref="TicketBoardFeed"/>): placed in memory with
    /// this user's scope and filter; only what memory cannot decide (a text search, "late only", this board's own move) re-reads
    /// columns.
    /// </summary>
    private Task OnLiveAsync(TicketBoardChange shared) => InvokeAsync(async () =>
    {
        if (disposed.IsCancellationRequested || model is null) return;
        var change = shared.Change;
        var id = change.EntityId;
        var remote = change.ActorUserId != User.Id;
        var before = model.Card(id);
        var cancelled = remote && (dragging == id || lifted == id);
        if (cancelled)
        {
            var reason = string.Format(L["Board_DragCancelled"], before?.Number, change.ActorName);
            dragging = null;
            lifted = null;
            liftTarget = -1;
            if (module is not null)
            {
                try { await module.InvokeVoidAsync("cancelDrag"); }
                catch (JSDisconnectedException) { }
            }
            Snackbar.Add(reason, Severity.Warning);
            Announce(reason);
        }
        var result = ownMoves.Remove(id) || reloading
            ? new TicketBoardApplyResult(TicketBoardApplyKind.ReloadColumns, shared.Before is { } b ? model.KeyOf(b) : null,
                shared.Card is { } c ? model.KeyOf(c) : null)
            : model.Apply(shared, scope, query.Filter, User.Id, lateAfterHours, Clock.GetUtcNow().UtcDateTime);
        switch (result.Kind)
        {
            case TicketBoardApplyKind.Ignored:
                if (cancelled) RefreshColumns(); // the lifted card and the announcement
                return;
            case TicketBoardApplyKind.Applied:
                Shown(id, remote ? change.ActorName : null);
                RefreshColumns();
                return;
            case TicketBoardApplyKind.ReloadBoard:
                await LoadAsync();
                Shown(id, remote ? change.ActorName : null);
                StateHasChanged();
                return;
        }
        pendingColumns.UnionWith(new[] { before is null ? null : model.KeyOf(before), result.FromKey, result.ToKey }.OfType<string>());
        pendingCards.Add((id, remote ? change.ActorName : null));
        if (reloading) return; // a burst of changes: the reload in progress picks these up too
        reloading = true;
        try
        {
            while (pendingColumns.Count > 0 || pendingCards.Count > 0)
            {
                var columns = pendingColumns.ToList();
                var cards = pendingCards.ToList();
                pendingColumns.Clear();
                pendingCards.Clear();
                await ReloadColumnsAsync(columns);
                foreach (var (cardId, actor) in cards) Shown(cardId, actor);
                RefreshColumns();
            }
        }
        finally
        {
            reloading = false;
        }
    });

    /// <summary>A changed card that is on this board: highlighted, and announced when someone else changed it.</summary>
    private void Shown(long id, string? actor)
    {
        if (model?.Card(id) is not { } after) return;
        Flash(id);
        if (actor is not null) Announce(string.Format(Text("Board_RemoteChange"), actor, after.Number, TitleOf(model.KeyOf(after))));
    }

    // A highlight is a CSS animation that fades by itself: no render is spent on taking it off (with a thousand boards open,
    // that second render per change was as costly as the change). Its class goes at the board's next render after it
    // ended; a card highlighted again before that alternates between two class names so the animation starts over.
    private static readonly TimeSpan FlashFor = TimeSpan.FromSeconds(2.5);
    private readonly Dictionary<long, (DateTime Until, bool Alt)> flashes = [];
    private IReadOnlyDictionary<long, bool> flashing = new Dictionary<long, bool>();

    private void Flash(long id)
    {
        var alt = flashes.TryGetValue(id, out var before) && !before.Alt;
        flashes[id] = (Clock.GetUtcNow().UtcDateTime + FlashFor, alt);
        PruneFlashes();
    }

    /// <summary>The highlights still running (card → alternate class), for the columns; called as the board renders.</summary>
    private void PruneFlashes()
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        foreach (var (id, mark) in flashes)
            if (mark.Until <= now) flashes.Remove(id);
        if (flashes.Count == flashing.Count && flashes.All(f => flashing.TryGetValue(f.Key, out var alt) && alt == f.Value.Alt)) return;
        flashing = flashes.ToDictionary(f => f.Key, f => f.Value.Alt);
    }

    private Task OnReconnectedAsync() => InvokeAsync(async () =>
    {
        if (disposed.IsCancellationRequested) return;
        presence ??= Presence.Join(Topic, User.Id, User.FullName);
        SetViewers(Presence.Viewers(Topic));
        await LoadAsync();
        Snackbar.Add(L["Board_Refreshed"], Severity.Info);
        Announce(L["Board_Refreshed"]);
        StateHasChanged();
    });

    private Task OnDisconnectedAsync() => InvokeAsync(() =>
    {
        presence?.Dispose();
        presence = null;
    });

    /// <summary>Says it in the aria-live region at the board's next render.</summary>
    private void Announce(string text) => state.Announcement = text;

    /// <summary>
    /// After a live change: the grid renders and its columns what changed, in one render batch; the page does not (a thousand
    /// open boards each skip the page shell, the filter bar and the header).
    /// </summary>
    private void RefreshColumns()
    {
        Sync();
        if (grid is null) StateHasChanged();
        else grid.Refresh();
    }

    /// <summary>Copies what the columns show into <see cref="state"/> (as the page renders, and before the columns refresh).</summary>
    private void Sync()
    {
        PruneFlashes();
        state.Model = model;
        state.Options = menu;
        state.NowUtc = nowUtc;
        state.FocusId = FocusTarget;
        state.LiftedId = lifted;
        state.DropTarget = liftTarget;
        state.MenuId = menuId;
        state.Flashing = flashing;
        state.Viewers = viewers;
        var lanes = Lanes();
        if (!lanes.SequenceEqual(state.Lanes)) state.Lanes = lanes;
    }

    private void SetViewers(IReadOnlyList<PresenceViewer> all)
    {
        // The columns only look for who has a card open: without the board's own viewers (one per open board), most of the
        // time the list is empty and a column renders its cards without looking at it.
        viewers = all.Where(v => v.EntityId is not null).ToList();
        boardViewers = all.Where(v => v.EntityId is null).ToList();
    }

    // ---------------------------------------------------------------- lanes and columns

    private List<BoardLane> Lanes()
    {
        if (model is null || !query.Lanes) return [new BoardLane(null, "")];
        if (query.View == TicketBoardGroupBy.Responsible)
        {
            var statuses = query.Filter.IncludeClosed
                ? Enum.GetValues<TicketStatus>()
                : [TicketStatus.Opened, TicketStatus.InExecution];
            return statuses.Select(s => new BoardLane(s.ToString(), TicketMessages.StatusName(s))).ToList();
        }
        var lanes = new List<BoardLane> { new(TicketService.UnassignedColumn, L["Board_Unassigned"]) };
        lanes.AddRange(menu.People.Select(p => new BoardLane(p.Id, p.Name)));
        // Responsibles who no longer qualify may still hold cards.
        foreach (var card in model.Columns.SelectMany(c => c.Cards))
            if (card.ResponsibleId is { } r && lanes.All(l => l.Key != r)) lanes.Add(new BoardLane(r, card.ResponsibleName ?? r));
        return lanes;
    }

    private string TitleOf(string key) => model?.Columns.FirstOrDefault(c => c.Key == key)?.Title ?? key;

    private string CountText(TicketBoardColumn c) =>
        query.Filter.IsEmpty ? c.Total.ToString(System.Globalization.CultureInfo.CurrentCulture) : string.Format(Text("Board_CountOf"), c.Count, c.Total);

    private string CountTitle(TicketBoardColumn c) => string.Format(Text("Board_CountTitle"), c.Count, c.Total);

    // The texts a board formats on every live change, looked up once per board (a circuit keeps its culture).
    private readonly Dictionary<string, string> texts = [];

    private string Text(string key) => texts.TryGetValue(key, out var text) ? text : texts[key] = L[key];
}
