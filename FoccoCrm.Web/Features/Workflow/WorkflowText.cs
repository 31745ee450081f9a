using System.Globalization;
using FoccoCrm.Core.Mail;
using FoccoCrm.Core.Workflow;
using FoccoCrm.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace FoccoCrm.Web.Features.Workflow;

/// <summary>How the workflow screens word schedules and statuses.</summary>
public static class WorkflowText
{
    /// <summary>"Diariamente às 08:00", "A cada 15 minutos", "De hora em hora, no minuto 15", "seg, ter às 18:00".</summary>
    public static string Describe(this IStringLocalizer<SharedResource> l, WorkflowScheduleRow s) => s.Kind switch
    {
        ScheduleKind.EveryNMinutes => string.Format(CultureInfo.CurrentCulture, l["Workflow_EveryN"], s.IntervalMinutes),
        ScheduleKind.Hourly => string.Format(CultureInfo.CurrentCulture, l["Workflow_HourlyAt"], s.AtMinuteOfDay % 60),
        ScheduleKind.DailyAt => string.Format(CultureInfo.CurrentCulture, l["Workflow_DailyAt"], Time(s.AtMinuteOfDay)),
        _ => string.Format(CultureInfo.CurrentCulture, l["Workflow_WeekdaysAt"], Days(s.WeekdayMask), Time(s.AtMinuteOfDay)),
    };

    public static string Time(int minuteOfDay) => $"{minuteOfDay / 60:00}:{minuteOfDay % 60:00}";

    public static string Days(int mask) => string.Join(", ", Week.Where(d => (mask & (1 << (int)d)) != 0)
        .Select(d => CultureInfo.CurrentCulture.DateTimeFormat.GetAbbreviatedDayName(d)));

    /// <summary>Monday first, as the week reads in Brazil.</summary>
    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static string Status(this IStringLocalizer<SharedResource> l, OutboxStatus status) => l["Outbox_" + status];

    public static Color StatusColor(OutboxStatus status) => status switch
    {
        OutboxStatus.Sent => Color.Success,
        OutboxStatus.Failed => Color.Error,
        OutboxStatus.Captured => Color.Info,
        OutboxStatus.Sending => Color.Warning,
        _ => Color.Default,
    };
}
