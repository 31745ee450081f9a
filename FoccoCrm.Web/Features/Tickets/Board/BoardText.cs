using System.Globalization;
using MudBlazor;
using FoccoCrm.Core.Tickets;
using FoccoCrm.Web.Resources;
using Microsoft.Extensions.Localization;

namespace FoccoCrm.Web.Features.Tickets.Board;

/// <summary>The board's view and filters as they travel in its URL (<c>?view=status&amp;mine=1&amp;type=3&amp;prio=High&amp;q=...</c>).</summary>
public sealed record BoardQuery(TicketBoardGroupBy View, bool Lanes, TicketBoardFilter Filter)
{
    public static BoardQuery Default { get; } = new(TicketBoardGroupBy.Status, false, new TicketBoardFilter());

    public static BoardQuery From(string? view, bool? lanes, bool? mine, bool? unassigned, int? type, string? prio, int? customer, bool? late, string? q, bool? closed) =>
        new(string.Equals(view, "responsible", StringComparison.OrdinalIgnoreCase) ? TicketBoardGroupBy.Responsible : TicketBoardGroupBy.Status,
            lanes == true,
            new TicketBoardFilter
            {
                Mine = mine == true, Unassigned = unassigned == true, TypeId = type is > 0 ? type : null,
                Priority = Enum.TryParse<TicketPriority>(prio, true, out var p) && Enum.IsDefined(p) ? p : null,
                CustomerId = customer is > 0 ? customer : null, LateOnly = late == true,
                Text = string.IsNullOrWhiteSpace(q) ? null : q.Trim(), IncludeClosed = closed == true,
            });

    /// <summary>The query-string values (null = left out of the URL).</summary>
    public IReadOnlyDictionary<string, object?> ToParameters() => new Dictionary<string, object?>
    {
        ["view"] = View == TicketBoardGroupBy.Responsible ? "responsible" : "status",
        ["lanes"] = Lanes ? "1" : null,
        ["mine"] = Filter.Mine ? "1" : null,
        ["unassigned"] = Filter.Unassigned ? "1" : null,
        ["type"] = Filter.TypeId?.ToString(CultureInfo.InvariantCulture),
        ["prio"] = Filter.Priority?.ToString(),
        ["customer"] = Filter.CustomerId?.ToString(CultureInfo.InvariantCulture),
        ["late"] = Filter.LateOnly ? "1" : null,
        ["q"] = Filter.Text,
        ["closed"] = Filter.IncludeClosed ? "1" : null,
    };
}

public static class BoardText
{
    /// <summary>"agora", "10 s", "5 min", "3 h", "2 d" (the board's ages and "há 10 s").</summary>
    public static string Age(TimeSpan span, IStringLocalizer<SharedResource> l)
    {
        if (span < TimeSpan.FromSeconds(1)) return l["Board_AgeNow"];
        var (value, unit) = span.TotalMinutes < 1 ? (span.TotalSeconds, "s")
            : span.TotalHours < 1 ? (span.TotalMinutes, "min")
            : span.TotalDays < 1 ? (span.TotalHours, "h")
            : (span.TotalDays, "d");
        return ((int)Math.Floor(value)).ToString(CultureInfo.CurrentCulture) + " " + unit;
    }

    /// <summary>Two letters for an avatar.</summary>
    public static string Initials(string? name)
    {
        var parts = (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => "?",
            1 => parts[0][..1].ToUpperInvariant(),
            _ => (parts[0][..1] + parts[^1][..1]).ToUpperInvariant(),
        };
    }

    public static string PriorityClass(TicketPriority p) => "prio-" + p.ToString().ToLowerInvariant();

    public static Color PriorityColor(TicketPriority p) => p switch
    {
        TicketPriority.Urgent => Color.Error,
        TicketPriority.High => Color.Warning,
        TicketPriority.Low => Color.Default,
        _ => Color.Info,
    };
}
