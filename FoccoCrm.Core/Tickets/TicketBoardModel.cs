namespace FoccoCrm.Core.Tickets;

/// <summary>What <see cref="TicketBoardModel.Apply"/> did with a change.</summary>
public enum TicketBoardApplyKind
{
    /// <summary>Nothing this board shows changed (or it shows this version already).</summary>
    Ignored,
    /// <summary>Placed in memory: counts and cards are what the database would answer.</summary>
    Applied,
    /// <summary>Memory cannot tell (a text search, "late only" for a card it never had): re-read <c>FromKey</c> and <c>ToKey</c>.</summary>
    ReloadColumns,
    /// <summary>A column the board does not have (a new responsible): load the board again.</summary>
    ReloadBoard,
}

public sealed record TicketBoardApplyResult(TicketBoardApplyKind Kind, string? FromKey = null, string? ToKey = null);

/// <summary>
/// The board as one user sees it: its columns (each with the cards loaded so far and its counts), where a card belongs, and
/// how a committed change moves it (<see cref="Apply"/>) — in memory, with the user's <see cref="TicketBoardScope"/> and filter,
/// giving the same columns as <see cref="TicketService.BoardAsync"/> would (held to that by a test).
/// </summary>
public sealed class TicketBoardModel(TicketBoardGroupBy groupBy, IEnumerable<TicketBoardColumn> columns)
{
    public TicketBoardGroupBy GroupBy { get; } = groupBy;
    public List<TicketBoardColumn> Columns { get; } = columns.ToList();

    /// <summary>The column key a card belongs to in this view (status name, or responsible id / "-").</summary>
    public string KeyOf(TicketCard card) => KeyOf(card.Key);

    public string KeyOf(TicketBoardKey key) =>
        GroupBy == TicketBoardGroupBy.Status ? key.Status.ToString() : key.ResponsibleId ?? TicketService.UnassignedColumn;

    /// <summary>The lane key of a card (the other dimension).</summary>
    public string LaneOf(TicketCard card) => GroupBy == TicketBoardGroupBy.Status ? card.ResponsibleId ?? TicketService.UnassignedColumn : card.Status.ToString();

    public int IndexOf(string key) => Columns.FindIndex(c => c.Key == key);

    public (int Column, int Index)? Find(long id)
    {
        for (var c = 0; c < Columns.Count; c++)
        {
            var cards = Columns[c].Cards;
            for (var i = 0; i < cards.Count; i++)
                if (cards[i].Id == id) return (c, i);
        }
        return null;
    }

    public TicketCard? Card(long id) => Find(id) is { } at ? Columns[at.Column].Cards[at.Index] : null;

    /// <summary>Puts a re-read column in place (same position).</summary>
    public void Replace(TicketBoardColumn column)
    {
        var i = IndexOf(column.Key);
        if (i >= 0) Columns[i] = column;
    }

    /// <summary>"Load more": appends the next page of a column.</summary>
    public void Append(TicketBoardColumn page)
    {
        var i = IndexOf(page.Key);
        if (i < 0) return;
        var known = Columns[i].Cards.Select(c => c.Id).ToHashSet();
        Columns[i] = page with { Cards = [.. Columns[i].Cards, .. page.Cards.Where(c => !known.Contains(c.Id))] };
    }

    /// <summary>Moves a card to another column at once (the user's own move, before the server answers).</summary>
    public void MoveLocal(long id, string toKey, TicketCard moved)
    {
        var to = IndexOf(toKey);
        if (Find(id) is not { } at || to < 0 || at.Column == to) return;
        var source = Columns[at.Column];
        Columns[at.Column] = source with { Cards = source.Cards.Where(c => c.Id != id).ToList(), Count = Math.Max(0, source.Count - 1), Total = Math.Max(0, source.Total - 1) };
        var target = Columns[to];
        Columns[to] = target with { Cards = [moved, .. target.Cards], Count = target.Count + 1, Total = target.Total + 1 };
    }

    /// <summary>
    /// Places a committed change: takes the card out of where it was (counts of its old column), puts it where it is now if this
    /// user and filter see it (counts, and the card at its sorted place when that place is among the cards loaded), and says
    /// when memory cannot decide. <paramref name="lateAfterHours"/> is this user's parameter 09.
    /// </summary>
    public TicketBoardApplyResult Apply(TicketBoardChange change, TicketBoardScope scope, TicketBoardFilter filter, string userId, int lateAfterHours, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(filter);
        var id = change.Change.EntityId;
        var loaded = Card(id);
        var card = change.Card?.For(lateAfterHours, nowUtc);
        if (loaded is not null && card is not null && loaded == card) return new(TicketBoardApplyKind.Ignored);
        var before = change.Before ?? loaded?.Key;
        var fromKey = before is null ? null : KeyOf(before);
        var toKey = card is null ? null : KeyOf(card);

        var wasVisible = before is not null && InView(before.Status, filter) && scope.Admits(before);
        var wasCounted = wasVisible ? filter.Admits(before!, loaded?.IsLate, userId) : false;
        var isVisible = card is not null && InView(card.Status, filter) && scope.Admits(card.Key);
        var isCounted = isVisible ? filter.Admits(card!.Key, card.IsLate, userId) : false;
        if (wasCounted is null || isCounted is null) return new(TicketBoardApplyKind.ReloadColumns, fromKey, toKey);
        if (!wasVisible && !isVisible && loaded is null) return new(TicketBoardApplyKind.Ignored);
        var from = fromKey is null ? -1 : IndexOf(fromKey);
        var to = toKey is null ? -1 : IndexOf(toKey);
        if ((wasVisible && from < 0) || (isVisible && to < 0)) return new(TicketBoardApplyKind.ReloadBoard, fromKey, toKey);

        if (Find(id) is { } at)
        {
            var holder = Columns[at.Column];
            Columns[at.Column] = holder with { Cards = Without(holder.Cards, at.Index) };
        }
        if (from >= 0 && wasVisible)
        {
            var old = Columns[from];
            Columns[from] = old with { Total = Math.Max(0, old.Total - 1), Count = Math.Max(0, old.Count - (wasCounted == true ? 1 : 0)) };
        }
        if (to >= 0 && isVisible)
        {
            var column = Columns[to];
            var cards = column.Cards;
            if (isCounted == true)
            {
                var complete = cards.Count >= column.Count;
                var position = Position(cards, card!);
                if (position < cards.Count || complete) cards = With(cards, position, card!);
            }
            Columns[to] = column with { Total = column.Total + 1, Count = column.Count + (isCounted == true ? 1 : 0), Cards = cards };
        }
        return new(TicketBoardApplyKind.Applied, fromKey, toKey);
    }

    /// <summary>Whether a ticket in this status is on this board at all (the board's columns, not the user's filter).</summary>
    private bool InView(TicketStatus status, TicketBoardFilter filter) =>
        filter.IncludeClosed || (GroupBy == TicketBoardGroupBy.Status
            ? status != TicketStatus.Cancelled
            : status is TicketStatus.Opened or TicketStatus.InExecution);

    // A thousand boards apply every change: one exact-size copy of the column's list each, no LINQ.
    private static TicketCard[] Without(IReadOnlyList<TicketCard> cards, int index)
    {
        var copy = new TicketCard[cards.Count - 1];
        for (int i = 0, j = 0; i < cards.Count; i++)
            if (i != index) copy[j++] = cards[i];
        return copy;
    }

    private static TicketCard[] With(IReadOnlyList<TicketCard> cards, int index, TicketCard card)
    {
        var copy = new TicketCard[cards.Count + 1];
        for (var i = 0; i < index; i++) copy[i] = cards[i];
        copy[index] = card;
        for (var i = index; i < cards.Count; i++) copy[i + 1] = cards[i];
        return copy;
    }

    private int Position(IReadOnlyList<TicketCard> cards, TicketCard card)
    {
        var i = 0;
        while (i < cards.Count && Compare(cards[i], card) < 0) i++;
        return i;
    }

    /// <summary>The order of <see cref="TicketService.BoardAsync"/>'s SQL, in memory.</summary>
    public int Compare(TicketCard a, TicketCard b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (GroupBy == TicketBoardGroupBy.Responsible)
        {
            var byStatus = a.Status.CompareTo(b.Status);
            if (byStatus != 0) return byStatus;
        }
        else if (!a.IsOpen)
        {
            var byClosing = Nullable.Compare(b.ClosedAtUtc, a.ClosedAtUtc);
            return byClosing != 0 ? byClosing : b.Number.CompareTo(a.Number);
        }
        var byPriority = b.Priority.CompareTo(a.Priority);
        return byPriority != 0 ? byPriority : a.Number.CompareTo(b.Number);
    }

    /// <summary>The next/previous card in a column, or the card at about the same height in the next/previous column.</summary>
    public long? Neighbour(long id, int dx, int dy)
    {
        if (Find(id) is not { } at) return null;
        if (dy != 0)
        {
            var cards = Columns[at.Column].Cards;
            var i = Math.Clamp(at.Index + dy, 0, cards.Count - 1);
            return cards[i].Id;
        }
        for (var c = at.Column + dx; c >= 0 && c < Columns.Count; c += dx)
        {
            var cards = Columns[c].Cards;
            if (cards.Count > 0) return cards[Math.Min(at.Index, cards.Count - 1)].Id;
        }
        return id;
    }
}
