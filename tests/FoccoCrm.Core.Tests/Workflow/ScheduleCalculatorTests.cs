using FoccoCrm.Core.Workflow;

namespace FoccoCrm.Core.Tests.Workflow;

public sealed class ScheduleCalculatorTests
{
    private static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private static DateTime Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);
    private static ScheduleRule Daily(int h, int m) => new(ScheduleKind.DailyAt, 0, h * 60 + m, 0);

    [Fact]
    public void Daily_time_is_read_on_the_companys_wall_clock()
    {
        // 08:00 in São Paulo (UTC-3) is 11:00 UTC; asked at 10:59 UTC it is today, at 11:00 UTC tomorrow
        Assert.Equal(Utc(2026, 11, 27, 11, 0), ScheduleCalculator.Next(Daily(8, 0), SaoPaulo, Utc(2026, 11, 27, 10, 59)));
        Assert.Equal(Utc(2026, 11, 28, 11, 0), ScheduleCalculator.Next(Daily(8, 0), SaoPaulo, Utc(2026, 11, 27, 11, 0)));
        // the same rule in Tokyo (UTC+9): 08:00 JST is 23:00 UTC of the day before
        Assert.Equal(Utc(2026, 11, 27, 23, 0), ScheduleCalculator.Next(Daily(8, 0), Tokyo, Utc(2026, 11, 27, 12, 0)));
    }

    [Fact]
    public void Weekdays_skip_the_days_not_chosen_in_the_local_calendar()
    {
        var mondayToFriday = new ScheduleRule(ScheduleKind.Weekdays, 0, 18 * 60, WorkflowScheduleInput.MondayToFriday);
        // Friday 2026-11-27 22:00 in São Paulo = Saturday 01:00 UTC: the next weekday run is Monday 18:00 local (21:00 UTC)
        Assert.Equal(Utc(2026, 11, 30, 21, 0), ScheduleCalculator.Next(mondayToFriday, SaoPaulo, Utc(2026, 11, 28, 1, 0)));
        // Friday 17:00 local: today 18:00
        Assert.Equal(Utc(2026, 11, 27, 21, 0), ScheduleCalculator.Next(mondayToFriday, SaoPaulo, Utc(2026, 11, 27, 20, 0)));
        var sundays = new ScheduleRule(ScheduleKind.Weekdays, 0, 9 * 60, 1 << (int)DayOfWeek.Sunday);
        Assert.Equal(Utc(2026, 11, 29, 12, 0), ScheduleCalculator.Next(sundays, SaoPaulo, Utc(2026, 11, 27, 12, 0)));
    }

    [Fact]
    public void A_daily_time_skipped_by_spring_forward_runs_at_the_end_of_the_gap()
    {
        // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist → 03:00 EDT = 07:00 UTC
        Assert.Equal(Utc(2026, 3, 8, 7, 0), ScheduleCalculator.Next(Daily(2, 30), NewYork, Utc(2026, 3, 8, 5, 0)));
        // the day after it is 02:30 EDT = 06:30 UTC again
        Assert.Equal(Utc(2026, 3, 9, 6, 30), ScheduleCalculator.Next(Daily(2, 30), NewYork, Utc(2026, 3, 8, 7, 0)));
        // a time after the gap just moves by one hour in UTC
        Assert.Equal(Utc(2026, 3, 8, 12, 0), ScheduleCalculator.Next(Daily(8, 0), NewYork, Utc(2026, 3, 8, 5, 0)));
        Assert.Equal(Utc(2026, 3, 7, 13, 0), ScheduleCalculator.Next(Daily(8, 0), NewYork, Utc(2026, 3, 7, 5, 0)));
    }

    [Fact]
    public void A_daily_time_repeated_by_fall_back_runs_once_at_its_first_occurrence()
    {
        // New York, 2026-11-01: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST)
        var first = ScheduleCalculator.Next(Daily(1, 30), NewYork, Utc(2026, 11, 1, 0, 0));
        Assert.Equal(Utc(2026, 11, 1, 5, 30), first);
        // after the first run the next one is tomorrow's 01:30 EST, not the repeated hour
        Assert.Equal(Utc(2026, 11, 2, 6, 30), ScheduleCalculator.Next(Daily(1, 30), NewYork, first));
    }

    [Fact]
    public void Hourly_runs_every_real_hour_at_the_local_minute_also_in_half_hour_zones_and_across_fall_back()
    {
        var at15 = new ScheduleRule(ScheduleKind.Hourly, 0, 15, 0);
        // Kolkata is UTC+5:30: minute 15 local is minute 45 UTC
        Assert.Equal(Utc(2026, 11, 27, 12, 45), ScheduleCalculator.Next(at15, Kolkata, Utc(2026, 11, 27, 12, 0)));
        // New York fall back: 01:15 EDT (05:15Z), 01:15 EST (06:15Z), 02:15 EST (07:15Z)
        var runs = new List<DateTime>();
        var at = Utc(2026, 11, 1, 5, 0);
        for (var i = 0; i < 3; i++) runs.Add(at = ScheduleCalculator.Next(at15, NewYork, at));
        Assert.Equal([Utc(2026, 11, 1, 5, 15), Utc(2026, 11, 1, 6, 15), Utc(2026, 11, 1, 7, 15)], runs);
    }

    [Fact]
    public void Every_n_minutes_counts_real_minutes_on_a_fixed_grid()
    {
        var every15 = new ScheduleRule(ScheduleKind.EveryNMinutes, 15, 0, 0);
        Assert.Equal(Utc(2026, 11, 27, 12, 15), ScheduleCalculator.Next(every15, SaoPaulo, Utc(2026, 11, 27, 12, 0)));
        Assert.Equal(Utc(2026, 11, 27, 12, 15), ScheduleCalculator.Next(every15, SaoPaulo, Utc(2026, 11, 27, 12, 14)));
        // across the New York spring gap: still 15 real minutes apart
        Assert.Equal(Utc(2026, 3, 8, 7, 0), ScheduleCalculator.Next(every15, NewYork, Utc(2026, 3, 8, 6, 45)));
    }
}
