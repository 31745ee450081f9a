using FoccoCrm.Core.Live;
using FoccoCrm.Core.Tickets;
using Microsoft.AspNetCore.Components;

namespace FoccoCrm.Web.Features.Tickets.Board;

/// <summary>A swimlane: its key (a responsible or a status, by the other dimension) and title; one lane with a null key = no lanes.</summary>
public sealed record BoardLane(string? Key, string Title);

/// <summary>
/// What the columns of one open board show, owned by <see cref="TicketBoardPage"/> and read by every <see cref="BoardColumn"/>.
/// A live change renders <see cref="BoardGrid"/> without rendering the page: each column renders only when something it
/// shows changed (its own <c>ShouldRender</c>), so a change costs a thousand open boards the one or two columns the card
/// left and entered (in one render batch), not the page shell and its filter bar each time.
/// </summary>
public sealed class BoardState
{
    public TicketBoardModel? Model { get; set; }
    public IReadOnlyList<BoardLane> Lanes { get; set; } = [new(null, "")];
    public bool HasLanes => Lanes.Count > 1 || Lanes[0].Key is not null;
    public BoardMenuOptions Options { get; set; } = new([], [], "", false);
    public DateTime NowUtc { get; set; }
    /// <summary>The card that takes the keyboard focus (roving tabindex).</summary>
    public long? FocusId { get; set; }
    public long? LiftedId { get; set; }
    /// <summary>The column index a lifted card would be dropped in (keyboard), -1 when none.</summary>
    public int DropTarget { get; set; } = -1;
    /// <summary>The card whose menu is open (at most one on the board).</summary>
    public long? MenuId { get; set; }
    /// <summary>Cards highlighted by a change (value: use the alternate class, so a second highlight starts over).</summary>
    public IReadOnlyDictionary<long, bool> Flashing { get; set; } = new Dictionary<long, bool>();
    /// <summary>Who has which ticket open (the cards' avatars).</summary>
    public IReadOnlyList<PresenceViewer> Viewers { get; set; } = [];
    /// <summary>The column's count as shown in its head ("12" or "12 de 40" under a filter) and its tooltip.</summary>
    public Func<TicketBoardColumn, (string Text, string Title)> Count { get; set; } = c => (c.Total.ToString(System.Globalization.CultureInfo.CurrentCulture), "");
    public EventCallback<CardCommand> OnCommand { get; set; }
    public EventCallback OnMenuClosed { get; set; }
    /// <summary>What the board's aria-live region says (moves, targets, changes by others).</summary>
    public string? Announcement { get; set; }

    /// <summary>The cards of a column in a lane (all of them without lanes).</summary>
    public IReadOnlyList<TicketCard> CardsOf(TicketBoardColumn column, string? lane) =>
        lane is null || Model is null ? column.Cards : column.Cards.Where(c => Model.LaneOf(c) == lane).ToList();

    /// <summary>
    /// Grid placement: the heads in row 1, then per lane its head row and its cells' row, the feet last. Columns render their
    /// head, cells and foot themselves and place them with these, so one component serves one column of the whole board.
    /// </summary>
    public static string Place(int column, int row) => Places.GetOrAdd((column, row), k => $"grid-column:{k.Column + 1};grid-row:{k.Row}");

    public int CellRow(int lane) => HasLanes ? 3 + 2 * lane : 2;

    public int LaneHeadRow(int lane) => 2 + 2 * lane;

    public int FootRow => HasLanes ? 2 + 2 * Lanes.Count : 3;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int Column, int Row), string> Places = new();
}
