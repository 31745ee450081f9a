using System.Globalization;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Tickets;
using FoccoCrm.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace FoccoCrm.Web.Features.Tickets;

/// <summary>How tickets read on screen: localized enums, chip colours, instants in the current company's time zone.</summary>
public static partial class TicketText
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z")]
    private static partial System.Text.RegularExpressions.Regex IsoInstant();

    public static string StatusKey(TicketStatus s) => "TicketStatus_" + s;
    public static string PriorityKey(TicketPriority p) => "TicketPriority_" + p;
    public static string OriginKey(TicketOrigin o) => "TicketOrigin_" + o;

    public static Color StatusColor(TicketStatus s) => s switch
    {
        TicketStatus.Opened => Color.Info,
        TicketStatus.InExecution => Color.Warning,
        TicketStatus.Closed => Color.Success,
        _ => Color.Default,
    };

    public static Color PriorityColor(TicketPriority p) => p switch
    {
        TicketPriority.Urgent => Color.Error,
        TicketPriority.High => Color.Warning,
        TicketPriority.Low => Color.Default,
        _ => Color.Info,
    };

    /// <summary>A UTC instant as the company's wall-clock time.</summary>
    public static DateTime Local(CurrentUser user, DateTime utc) => user.ToLocal(utc);

    /// <summary>The company's wall-clock time as UTC.</summary>
    public static DateTime Utc(CurrentUser user, DateTime local) => user.ToUtc(local);

    public static string When(CurrentUser user, DateTime? utc) => utc is { } u ? Local(user, u).ToString("g", CultureInfo.CurrentCulture) : "";

    public static string Day(CurrentUser user, DateTime utc) => Local(user, utc).ToString("d", CultureInfo.CurrentCulture);

    /// <summary>A history value: enum names and ISO instants shown localized; names as written.</summary>
    public static string? HistoryValue(CurrentUser user, string field, string? value, IStringLocalizer<SharedResource> l)
    {
        if (value is null) return null;
        string? key = field switch
        {
            TicketFields.Status => "TicketStatus_" + value,
            TicketFields.Priority => "TicketPriority_" + value,
            TicketFields.Origin => "TicketOrigin_" + value,
            TicketFields.ScheduledCallback => value == "S" ? "Yes" : "No",
            _ => null,
        };
        if (key is not null && l[key] is { ResourceNotFound: false } s) return s.Value;
        if (field is TicketFields.TaskAdded or TicketFields.TaskChanged or TicketFields.TaskDone)
            return IsoInstant().Replace(value, m => DateTime.TryParse(m.Value, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var due) ? When(user, due) : m.Value);
        if (field == TicketFields.CallbackAt && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            return When(user, at);
        return value;
    }
}
