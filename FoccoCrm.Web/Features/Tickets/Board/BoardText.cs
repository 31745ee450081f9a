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
    public static string Age(TimeSpan span, IStringLocalizer<SharedResource> l) => Age(AgeOf(span), l);

    public static string Age(AgeBucket age, IStringLocalizer<SharedResource> l) => age.Unit switch
    {
        AgeUnit.Now => l["Board_AgeNow"],
        _ => age.Value.ToString(CultureInfo.CurrentCulture) + " " + age.Unit switch
        {
            AgeUnit.Seconds => "s",
            AgeUnit.Minutes => "min",
            AgeUnit.Hours => "h",
            _ => "d",
        },
    };

    /// <summary>The age as shown, without building the text (every board compares it for every card it renders).</summary>
    public static AgeBucket AgeOf(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1)) return new(0, AgeUnit.Now);
        return span.TotalMinutes < 1 ? new((int)span.TotalSeconds, AgeUnit.Seconds)
            : span.TotalHours < 1 ? new((int)span.TotalMinutes, AgeUnit.Minutes)
            : span.TotalDays < 1 ? new((int)span.TotalHours, AgeUnit.Hours)
            : new((int)span.TotalDays, AgeUnit.Days);
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

public enum AgeUnit : byte { Now, Seconds, Minutes, Hours, Days }

/// <summary>A card's age as the board shows it: "3 h" is (3, Hours).</summary>
public readonly record struct AgeBucket(int Value, AgeUnit Unit);
