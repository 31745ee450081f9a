namespace FoccoCrm.Core.Workflow;

/// <summary>The repeat rule of a schedule (see <see cref="WorkflowSchedule"/> for the meaning of each field).</summary>
public readonly record struct ScheduleRule(ScheduleKind Kind, int IntervalMinutes, int AtMinuteOfDay, int WeekdayMask);

/// <summary>
/// When a schedule runs next, as a UTC instant, with its times read on the company's wall clock (parameter 08).
/// Pure: no clock, no database. Daylight-saving rules:
/// <list type="bullet">
/// <item>a wall-clock time skipped by a spring-forward gap runs at the end of the gap (02:30 that does not exist → 03:00);</item>
/// <item>a wall-clock time that happens twice at a fall-back runs once, at its first occurrence;</item>
/// <item>hourly runs every real hour at the given minute of the local hour (an hour repeated at fall-back runs twice,
///   the skipped hour not at all); every N minutes counts real minutes on a grid anchored at the Unix epoch.</item>
/// </list>
/// </summary>
public static class ScheduleCalculator
{
    public static DateTime Next(ScheduleRule rule, TimeZoneInfo zone, DateTime afterUtc)
    {
        var after = DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc);
        return rule.Kind switch
        {
            ScheduleKind.EveryNMinutes => EveryMinutes(Math.Max(1, rule.IntervalMinutes), after),
            ScheduleKind.Hourly => Hourly(rule.AtMinuteOfDay % 60, zone, after),
            ScheduleKind.DailyAt => Daily(rule.AtMinuteOfDay, 0x7f, zone, after),
            ScheduleKind.Weekdays => Daily(rule.AtMinuteOfDay, rule.WeekdayMask & 0x7f, zone, after),
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
    }

    private static DateTime EveryMinutes(int n, DateTime after)
    {
        var step = TimeSpan.FromMinutes(n).Ticks;
        var ticks = after.Ticks - DateTime.UnixEpoch.Ticks;
        return new DateTime(DateTime.UnixEpoch.Ticks + (ticks / step + 1) * step, DateTimeKind.Utc);
    }

    private static DateTime Hourly(int minute, TimeZoneInfo zone, DateTime after)
    {
        // Zone offsets are whole quarter hours, so each real hour has exactly one instant at local minute `minute`.
        var hour = new DateTime(after.Year, after.Month, after.Day, after.Hour, 0, 0, DateTimeKind.Utc);
        for (var i = -1; i < 49; i++)
        {
            var start = hour.AddHours(i);
            for (var m = 0; m < 60; m += 15)
            {
                // try the UTC minute that maps to the wanted local minute under the offset in force
                var offset = zone.GetUtcOffset(start.AddMinutes(m));
                var utcMinute = ((minute - (int)offset.TotalMinutes) % 60 + 60) % 60;
                var candidate = start.AddMinutes(utcMinute);
                if (candidate > after && TimeZoneInfo.ConvertTimeFromUtc(candidate, zone).Minute == minute) return candidate;
            }
        }
        throw new InvalidOperationException("No hourly slot found.");
    }

    private static DateTime Daily(int minuteOfDay, int mask, TimeZoneInfo zone, DateTime after)
    {
        if (mask == 0) throw new ArgumentException("No weekday chosen.", nameof(mask));
        var localDay = TimeZoneInfo.ConvertTimeFromUtc(after, zone).Date;
        for (var i = -1; i <= 8; i++)
        {
            var day = localDay.AddDays(i);
            if ((mask & (1 << (int)day.DayOfWeek)) == 0) continue;
            var candidate = ToUtc(DateTime.SpecifyKind(day.AddMinutes(minuteOfDay), DateTimeKind.Unspecified), zone);
            if (candidate > after) return candidate;
        }
        throw new InvalidOperationException("No daily slot found.");
    }

    /// <summary>A wall-clock time as UTC: a skipped time moves to the end of the gap, a repeated time takes its first occurrence.</summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // walk forward to the first valid minute: the instant the clocks jumped to
            var probe = local;
            while (zone.IsInvalidTime(probe)) probe = probe.AddMinutes(1);
            return TimeZoneInfo.ConvertTimeToUtc(probe, zone); // first valid wall-clock minute after the gap, e.g. 03:00
        }
        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var max = offsets.Max();
            return DateTime.SpecifyKind(local - max, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
