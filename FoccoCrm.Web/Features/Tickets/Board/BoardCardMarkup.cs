using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using FoccoCrm.Core.Tickets;
using FoccoCrm.Web.Components.Layout;
using FoccoCrm.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace FoccoCrm.Web.Features.Tickets.Board;

/// <summary>
/// The inside of a board card as HTML, built once per (ticket version, culture, can-edit, age) and shared by every board on
/// this server. A thousand open boards showing the same 150 cards hold one string per card instead of 150 card components
/// each (render-tree frames, component state, MudIcons): that is what keeps a board circuit small. The card element itself
/// (focus, lifted, flash, who has it open, its menu) stays a live element of <see cref="BoardColumn"/>; the menu button here
/// is wired by js/ticket-board.js (a click calls <c>OpenMenu</c>). Everything user-typed is HTML-encoded.
/// </summary>
public sealed class BoardCardMarkup(IStringLocalizer<SharedResource> l)
{
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<(long Id, string Culture, bool CanEdit), Entry> entries = new();

    // Drawn by CSS (app.css .board-icon-*): two SVGs were half of every card's HTML.
    private const string DragIcon = "<span class=\"board-icon board-icon-drag\"></span>";
    private const string MoreIcon = "<span class=\"board-icon board-icon-more\"></span>";

    /// <summary>
    /// What a card shows, ready to render: the HTML inside it and the attributes of the card element (for a card that needs a
    /// live element: focused, lifted, menu open, someone has it open), and <see cref="Card"/>, the whole plain card (not
    /// focusable) as one piece of HTML, list item included — what almost every card on a board is (<see cref="CardAs"/> when
    /// highlighted).
    /// </summary>
    public sealed record Entry(Guid Version, bool Late, AgeBucket Age, MarkupString Html, string CssClass, string AriaLabel, string IdText, string NumberText,
        MarkupString Card)
    {
        /// <summary>The card's id boxed once for every board (its <c>@key</c>): not one box per card per circuit.</summary>
        public object Key { get; init; } = 0L;

        private readonly MarkupString?[] flashed = new MarkupString?[2];

        /// <summary>
        /// The whole plain card as shared HTML, highlighted by a change when <paramref name="flash"/> is 1 ("flash") or 2
        /// ("flash-b", so a second highlight starts over): every board highlights the same changed card, so the highlighted
        /// card is one string for all of them, not a live element per board. 0: <see cref="Card"/>.
        /// </summary>
        public MarkupString CardAs(int flash) => flash is not (1 or 2) ? Card
            : flashed[flash - 1] ??= new MarkupString(Card.Value.Replace("<article class=\"" + CssClass + "\"",
                "<article class=\"" + CssClass + (flash == 1 ? " flash\"" : " flash-b\""), StringComparison.Ordinal));
    }

    public Entry For(TicketCard card, bool canEdit, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(card);
        var age = BoardText.AgeOf(nowUtc - card.OpenedAtUtc);
        var key = (card.Id, CultureInfo.CurrentUICulture.Name, canEdit);
        if (entries.TryGetValue(key, out var known) && known.Version == card.Version && known.Late == card.IsLate && known.Age == age)
            return known;
        if (entries.Count >= MaxEntries) entries.Clear();
        var built = Build(card, canEdit, age);
        entries[key] = built;
        return built;
    }

    private Entry Build(TicketCard card, bool canEdit, AgeBucket ageBucket)
    {
        var age = BoardText.Age(ageBucket, l);
        var e = SharedHtml.Encoder; // accented names as they are: shorter render batches
        var number = card.Number.ToString(CultureInfo.InvariantCulture);
        var priority = TicketMessages.PriorityName(card.Priority);
        var responsible = card.ResponsibleName ?? l["Board_Unassigned"].Value;
        var actions = string.Format(CultureInfo.CurrentCulture, l["Board_CardActions"], card.Number);
        var html = new StringBuilder(1024);
        html.Append("<div class=\"board-card-head\">");
        if (canEdit)
            html.Append("<span class=\"board-handle\" draggable=\"true\" title=\"").Append(e.Encode(l["Board_DragHandle"])).Append("\" aria-hidden=\"true\">")
                .Append(DragIcon).Append("</span>");
        html.Append("<a class=\"board-card-number\" href=\"/tickets/").Append(card.Id.ToString(CultureInfo.InvariantCulture)).Append("\" tabindex=\"-1\">#")
            .Append(number).Append("</a>");
        html.Append("<span class=\"board-prio ").Append(BoardText.PriorityClass(card.Priority)).Append("\">").Append(e.Encode(priority)).Append("</span>");
        if (card.IsLate) html.Append("<span class=\"board-late\">").Append(e.Encode(l["Board_Late"])).Append("</span>");
        html.Append("<span class=\"board-card-spacer\"></span>");
        if (canEdit)
            html.Append("<button type=\"button\" class=\"board-menu-button\" aria-haspopup=\"menu\" aria-label=\"").Append(e.Encode(actions))
                .Append("\" title=\"").Append(e.Encode(actions)).Append("\" data-testid=\"board-card-menu\" data-card-menu=\"")
                .Append(card.Id.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(MoreIcon).Append("</button>");
        html.Append("</div>");
        html.Append("<div class=\"board-card-customer\">").Append(e.Encode(card.CustomerName)).Append("</div>");
        html.Append("<div class=\"board-card-type\">").Append(e.Encode(card.TypeName)).Append(" · ").Append(e.Encode(card.ReasonName)).Append("</div>");
        html.Append("<div class=\"board-card-foot\"><span class=\"board-avatar\" aria-hidden=\"true\">").Append(e.Encode(BoardText.Initials(card.ResponsibleName)))
            .Append("</span><span class=\"board-card-responsible\">").Append(e.Encode(responsible)).Append("</span>")
            .Append("<span class=\"board-age\" title=\"").Append(e.Encode(l["Board_Age"])).Append("\">").Append(e.Encode(age)).Append("</span></div>");

        var css = "board-card " + BoardText.PriorityClass(card.Priority) + (card.IsLate ? " late" : "");
        var aria = string.Format(CultureInfo.CurrentCulture, l["Board_CardLabel"], card.Number, card.CustomerName, priority, responsible, age)
                   + (card.IsLate ? ", " + l["Board_Late"] : "");
        var inner = html.ToString();
        var id = card.Id.ToString(CultureInfo.InvariantCulture);
        var whole = new StringBuilder(inner.Length + 400)
            .Append("<div role=\"listitem\"><article class=\"").Append(css).Append("\" tabindex=\"-1\" data-ticket-id=\"").Append(id).Append("\" data-number=\"").Append(number)
            .Append("\" data-can-move=\"").Append(canEdit ? "true" : "false").Append("\" aria-label=\"").Append(e.Encode(aria))
            .Append("\" aria-describedby=\"board-card-help\" data-testid=\"board-card\">").Append(inner).Append("</article></div>").ToString();
        return new Entry(card.Version, card.IsLate, ageBucket, new MarkupString(inner), css, aria, id, number, new MarkupString(whole)) { Key = card.Id };
    }
}
