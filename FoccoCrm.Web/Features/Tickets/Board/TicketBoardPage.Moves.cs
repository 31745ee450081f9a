using FoccoCrm.Core.Common;
using FoccoCrm.Core.Tickets;
using Microsoft.JSInterop;
using MudBlazor;
using CardData = FoccoCrm.Core.Tickets.TicketCard;

namespace FoccoCrm.Web.Features.Tickets.Board;

/// <summary>Moves (drag, menu, keyboard), their conflicts, and the calls from js/ticket-board.js.</summary>
public partial class TicketBoardPage : IAsyncDisposable
{
    /// <summary>
    /// Moves a card to a column (and lane): status and/or responsible change with the version the card showed. The card moves at
    /// once; the live event re-reads both columns. On a conflict both columns are re-read (the card snaps back) and a snackbar
    /// names who changed it, with "apply anyway" (which retries with the version it has now).
    /// </summary>
    internal async Task MoveCardAsync(CardData card, string toColumn, string? toLane)
    {
        if (model is null || !menu.CanEdit) return;
        var (status, responsible) = Target(card, toColumn, toLane);
        if (status == card.Status && responsible == card.ResponsibleId) return;
        string? note = null;
        if (status != card.Status && status is TicketStatus.Closed or TicketStatus.Cancelled)
        {
            note = await AskNoteAsync(card, status);
            if (note is null)
            {
                Announce(string.Format(L["Board_MoveCancelled"], card.Number));
                StateHasChanged(); // a drop (from JS) renders nothing by itself
                return;
            }
        }
        var fromKey = model.KeyOf(card);
        var moved = card with
        {
            Status = status, ResponsibleId = responsible,
            ResponsibleName = responsible is null ? null : menu.People.FirstOrDefault(p => p.Id == responsible)?.Name ?? card.ResponsibleName,
        };
        var toKey = model.KeyOf(moved);
        model.MoveLocal(card.Id, toKey, moved);
        ownMoves.Add(card.Id);
        StateHasChanged();
        try
        {
            var version = card.Version;
            if (status != card.Status) version = await Tickets.MoveAsync(User, card.Id, status, version, note);
            if (responsible != card.ResponsibleId) await Tickets.AssignAsync(User, card.Id, responsible, version);
            Announce(string.Format(L["Board_Moved"], card.Number, Describe(status, responsible, card)));
        }
        catch (ConcurrencyConflictException ex)
        {
            ownMoves.Remove(card.Id);
            await ReloadColumnsAsync([fromKey, toKey]);
            Flash(card.Id);
            ShowConflict(card, toColumn, toLane, ex);
        }
        catch (Exception ex) when (ex is BusinessRuleException or ForbiddenException or NotFoundException)
        {
            ownMoves.Remove(card.Id);
            await ReloadColumnsAsync([fromKey, toKey]);
            Snackbar.Add(ex.Message, Severity.Warning);
            Announce(ex.Message);
        }
        focused = card.Id;
        focusPending = true;
        StateHasChanged();
    }

    private (TicketStatus Status, string? Responsible) Target(CardData card, string column, string? lane)
    {
        static string? Person(string key) => key == TicketService.UnassignedColumn ? null : key;
        if (query.View == TicketBoardGroupBy.Status)
            return (Enum.Parse<TicketStatus>(column), lane is null ? card.ResponsibleId : Person(lane));
        return (lane is not null && Enum.TryParse<TicketStatus>(lane, out var s) ? s : card.Status, Person(column));
    }

    private string Describe(TicketStatus status, string? responsible, CardData card) =>
        status != card.Status ? TicketMessages.StatusName(status)
        : responsible is null ? L["Board_Unassigned"] : menu.People.FirstOrDefault(p => p.Id == responsible)?.Name ?? responsible;

    private async Task<string?> AskNoteAsync(CardData card, TicketStatus status)
    {
        var parameters = new DialogParameters<MoveNoteDialog> { { x => x.Status, status }, { x => x.Number, card.Number } };
        var title = string.Format(L["Board_MoveTitle"], card.Number, TicketMessages.StatusName(status));
        var dialog = await Dialogs.ShowAsync<MoveNoteDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string note } ? note : null;
    }

    /// <summary>"Ana moveu #123 para Fechado há 10 s — aplicar mesmo assim?" with the action that retries with the new version.</summary>
    private void ShowConflict(CardData card, string toColumn, string? toLane, ConcurrencyConflictException ex)
    {
        var message = ex.Message;
        if (ex.Current is TicketDetail now)
        {
            var ago = BoardText.Age(Clock.GetUtcNow().UtcDateTime - now.UpdatedAtUtc, L);
            message = now.Status != card.Status
                ? string.Format(L["Board_ConflictMoved"], now.UpdatedByName, now.Number, TicketMessages.StatusName(now.Status), ago)
                : now.ResponsibleId != card.ResponsibleId
                    ? string.Format(L["Board_ConflictAssigned"], now.UpdatedByName, now.Number, now.ResponsibleName ?? L["Board_Unassigned"], ago)
                    : string.Format(L["Board_ConflictChanged"], now.UpdatedByName, now.Number, ago);
        }
        Announce(message);
        Snackbar.Add(message, Severity.Warning, o =>
        {
            o.Action = L["Board_ApplyAnyway"];
            o.ActionColor = Color.Primary;
            o.VisibleStateDuration = 15_000;
            o.OnClick = _ => InvokeAsync(() => ApplyAnywayAsync(card, toColumn, toLane, ex.Current as TicketDetail));
        });
    }

    private async Task ApplyAnywayAsync(CardData card, string toColumn, string? toLane, TicketDetail? now)
    {
        var fresh = model?.Card(card.Id)
            ?? (now is null ? null : card with { Version = now.Version, Status = now.Status, ResponsibleId = now.ResponsibleId, ResponsibleName = now.ResponsibleName });
        if (fresh is not null) await MoveCardAsync(fresh, toColumn, toLane);
    }

    /// <summary>The card menu: a status ("Mover para…") or a responsible ("Atribuir a…", "Atribuir a mim").</summary>
    private Task CommandAsync(CardCommand command)
    {
        if (model is null) return Task.CompletedTask;
        var card = model.Card(command.Card.Id) ?? command.Card;
        if (command.Status is { } status)
        {
            return query.View == TicketBoardGroupBy.Status
                ? MoveCardAsync(card, status.ToString(), null)
                : MoveCardAsync(card, model.KeyOf(card), status.ToString());
        }
        var key = command.ResponsibleId ?? TicketService.UnassignedColumn;
        return query.View == TicketBoardGroupBy.Responsible
            ? MoveCardAsync(card, key, null)
            : MoveCardAsync(card, model.KeyOf(card), key);
    }

    // ---------------------------------------------------------------- keyboard (keys come from js/ticket-board.js)

    [JSInvokable]
    public async Task OnCardKey(long id, string key)
    {
        if (model?.Card(id) is not { } card) return;
        focused = id;
        if (lifted is long liftedId)
        {
            await LiftedKeyAsync(liftedId, key);
            StateHasChanged();
            return;
        }
        switch (key)
        {
            case "ArrowUp": Focus(model.Neighbour(id, 0, -1)); break;
            case "ArrowDown": Focus(model.Neighbour(id, 0, 1)); break;
            case "ArrowLeft": Focus(model.Neighbour(id, -1, 0)); break;
            case "ArrowRight": Focus(model.Neighbour(id, 1, 0)); break;
            case "Home": Focus(model.Find(id) is { } a ? model.Columns[a.Column].Cards[0].Id : null); break;
            case "End": Focus(model.Find(id) is { } b ? model.Columns[b.Column].Cards[^1].Id : null); break;
            case "Enter": Navigation.NavigateTo($"/tickets/{id}"); return;
            case " " when menu.CanEdit:
                lifted = id;
                liftTarget = model.IndexOf(model.KeyOf(card));
                Announce(string.Format(L["Board_Lifted"], card.Number, model.Columns[liftTarget].Title));
                break;
        }
        StateHasChanged();
    }

    private async Task LiftedKeyAsync(long id, string key)
    {
        var card = model!.Card(id);
        if (card is null)
        {
            lifted = null;
            return;
        }
        switch (key)
        {
            case "ArrowLeft" or "ArrowRight":
                liftTarget = Math.Clamp(liftTarget + (key == "ArrowRight" ? 1 : -1), 0, model.Columns.Count - 1);
                Announce(string.Format(L["Board_Target"], model.Columns[liftTarget].Title));
                break;
            case "Escape":
                lifted = null;
                liftTarget = -1;
                Announce(string.Format(L["Board_MoveCancelled"], card.Number));
                break;
            case " " or "Enter":
                var target = model.Columns[liftTarget].Key;
                lifted = null;
                liftTarget = -1;
                if (target == model.KeyOf(card)) Announce(string.Format(L["Board_MoveCancelled"], card.Number));
                else await MoveCardAsync(card, target, null);
                break;
        }
    }

    private void Focus(long? id)
    {
        if (id is null) return;
        focused = id;
        focusPending = true;
    }

    /// <summary>A card's menu button (plain HTML in the shared card markup) was pressed: render that card's menu, opened.</summary>
    [JSInvokable]
    public void OpenMenu(long id)
    {
        if (model?.Card(id) is null || !menu.CanEdit) return;
        menuId = id;
        StateHasChanged();
    }

    private void CloseMenu()
    {
        menuId = null;
        StateHasChanged();
    }

    [JSInvokable]
    public void ShowShortcuts()
    {
        helpOpen = true;
        StateHasChanged();
    }

    // ---------------------------------------------------------------- drag (HTML5 by the handle, long press on touch)

    [JSInvokable]
    public void OnDragStart(long id) => dragging = id;

    [JSInvokable]
    public void OnDragEnd() => dragging = null;

    [JSInvokable]
    public async Task OnDrop(long id, string column, string? lane)
    {
        var wasDragging = dragging == id;
        dragging = null;
        if (!wasDragging || model?.Card(id) is not { } card) return; // cancelled meanwhile (a remote change)
        await MoveCardAsync(card, column, string.IsNullOrEmpty(lane) ? null : lane);
    }

    public async ValueTask DisposeAsync()
    {
        await disposed.CancelAsync();
        subscription?.Dispose();
        presenceSubscription?.Dispose();
        presence?.Dispose();
        Connection.ConnectionUp -= OnReconnectedAsync;
        Connection.ConnectionDown -= OnDisconnectedAsync;
        if (module is not null)
        {
            try
            {
                await module.InvokeVoidAsync("dispose");
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException) { }
        }
        selfRef?.Dispose();
        disposed.Dispose();
    }
}
