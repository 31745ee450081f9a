using FoccoCrm.Core.Tickets;
using CardData = FoccoCrm.Core.Tickets.TicketCard;

namespace FoccoCrm.Web.Features.Tickets.Board;

/// <summary>The board as shown: its columns (each with the cards loaded so far) and where a card belongs.</summary>
public sealed class BoardModel(TicketBoardGroupBy groupBy, IEnumerable<TicketBoardColumn> columns)
{
    public TicketBoardGroupBy GroupBy { get; } = groupBy;
    public List<TicketBoardColumn> Columns { get; } = columns.ToList();

    /// <summary>The column key a card belongs to in this view (status name, or responsible id / "-").</summary>
    public string KeyOf(CardData card) => GroupBy == TicketBoardGroupBy.Status ? card.Status.ToString() : card.ResponsibleId ?? TicketService.UnassignedColumn;

    /// <summary>The lane key of a card (the other dimension).</summary>
    public string LaneOf(CardData card) => GroupBy == TicketBoardGroupBy.Status ? card.ResponsibleId ?? TicketService.UnassignedColumn : card.Status.ToString();

    public int IndexOf(string key) => Columns.FindIndex(c => c.Key == key);

    public (int Column, int Index)? Find(long id)
    {
        for (var c = 0; c < Columns.Count; c++)
        {
            var i = Columns[c].Cards.ToList().FindIndex(x => x.Id == id);
            if (i >= 0) return (c, i);
        }
        return null;
    }

    public CardData? Card(long id) => Find(id) is { } at ? Columns[at.Column].Cards[at.Index] : null;

    /// <summary>Puts a re-read column in place (same position), or adds it at the end when it is new.</summary>
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

    /// <summary>Moves a card to another column at once (the server's answer and the live event then re-read both columns).</summary>
    public void MoveLocal(long id, string toKey, CardData moved)
    {
        var to = IndexOf(toKey);
        if (Find(id) is not { } at || to < 0 || at.Column == to) return;
        var source = Columns[at.Column];
        Columns[at.Column] = source with { Cards = source.Cards.Where(c => c.Id != id).ToList(), Count = Math.Max(0, source.Count - 1), Total = Math.Max(0, source.Total - 1) };
        var target = Columns[to];
        Columns[to] = target with { Cards = [moved, .. target.Cards], Count = target.Count + 1, Total = target.Total + 1 };
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
