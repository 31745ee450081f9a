using FluentValidation;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Workflow;

/// <summary>How a schedule repeats. The numbers are stored: keep them.</summary>
public enum ScheduleKind
{
    /// <summary>Every <see cref="WorkflowSchedule.IntervalMinutes"/> minutes.</summary>
    EveryNMinutes = 0,
    /// <summary>Every hour at minute <see cref="WorkflowSchedule.AtMinuteOfDay"/> % 60 (company wall clock).</summary>
    Hourly = 1,
    /// <summary>Every day at <see cref="WorkflowSchedule.AtMinuteOfDay"/> (company wall clock).</summary>
    DailyAt = 2,
    /// <summary>On the days of <see cref="WorkflowSchedule.WeekdayMask"/> at <see cref="WorkflowSchedule.AtMinuteOfDay"/>.</summary>
    Weekdays = 3,
}

/// <summary>
/// A schedule of workflow digests (FCRM0201) of one company. <see cref="NextRunUtc"/> is computed by
/// <see cref="ScheduleCalculator"/> in the company's time zone (parameter 08) whenever the schedule changes or runs.
/// </summary>
public class WorkflowSchedule : IVersioned, ICompanyOwned
{
    private WorkflowSchedule() { }

    public int Id { get; private set; }
    public int CompanyId { get; private set; }
    public string Description { get; private set; } = "";
    public ScheduleKind Kind { get; private set; }
    /// <summary>Minutes between runs (EveryNMinutes).</summary>
    public int IntervalMinutes { get; private set; }
    /// <summary>Wall-clock time as minutes since midnight (DailyAt, Weekdays; Hourly uses the minute part).</summary>
    public int AtMinuteOfDay { get; private set; }
    /// <summary>Bit (1 &lt;&lt; (int)DayOfWeek) per day (Weekdays).</summary>
    public int WeekdayMask { get; private set; }
    public bool IsActive { get; private set; }
    /// <summary>Null when inactive.</summary>
    public DateTime? NextRunUtc { get; private set; }
    public DateTime? LastRunUtc { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public Guid Version { get; set; }

    public static WorkflowSchedule Create(int companyId, WorkflowScheduleInput input, TimeZoneInfo zone, DateTime nowUtc)
    {
        var s = new WorkflowSchedule { CompanyId = companyId, CreatedAtUtc = nowUtc };
        s.Apply(input, zone, nowUtc);
        return s;
    }

    public void Apply(WorkflowScheduleInput input, TimeZoneInfo zone, DateTime nowUtc)
    {
        Description = input.Description.Trim();
        Kind = input.Kind;
        IntervalMinutes = input.Kind == ScheduleKind.EveryNMinutes ? input.IntervalMinutes : 0;
        AtMinuteOfDay = input.Kind == ScheduleKind.EveryNMinutes ? 0 : input.Hour * 60 + input.Minute;
        if (input.Kind == ScheduleKind.Hourly) AtMinuteOfDay = input.Minute;
        WeekdayMask = input.Kind == ScheduleKind.Weekdays ? input.WeekdayMask : 0;
        IsActive = input.IsActive;
        Recompute(zone, nowUtc);
    }

    /// <summary>Next run strictly after <paramref name="afterUtc"/> (null when inactive).</summary>
    public void Recompute(TimeZoneInfo zone, DateTime afterUtc) =>
        NextRunUtc = IsActive ? ScheduleCalculator.Next(Rule, zone, afterUtc) : null;

    /// <summary>A run started at <paramref name="nowUtc"/>: remember it and move to the next slot after now.</summary>
    public void MarkRun(TimeZoneInfo zone, DateTime nowUtc)
    {
        LastRunUtc = nowUtc;
        Recompute(zone, nowUtc);
    }

    public ScheduleRule Rule => new(Kind, IntervalMinutes, AtMinuteOfDay, WeekdayMask);

    public WorkflowScheduleInput ToInput() => new()
    {
        Description = Description, Kind = Kind, IntervalMinutes = Kind == ScheduleKind.EveryNMinutes ? IntervalMinutes : 60,
        Hour = Kind == ScheduleKind.Hourly ? 0 : AtMinuteOfDay / 60, Minute = AtMinuteOfDay % 60,
        WeekdayMask = Kind == ScheduleKind.Weekdays ? WeekdayMask : WorkflowScheduleInput.MondayToFriday, IsActive = IsActive,
    };
}

/// <summary>What the schedule form edits.</summary>
public sealed record WorkflowScheduleInput
{
    public const int MondayToFriday = 0b0111110;

    public string Description { get; set; } = "";
    public ScheduleKind Kind { get; set; } = ScheduleKind.DailyAt;
    public int IntervalMinutes { get; set; } = 60;
    public int Hour { get; set; } = 8;
    public int Minute { get; set; }
    public int WeekdayMask { get; set; } = MondayToFriday;
    public bool IsActive { get; set; } = true;

    public bool HasDay(DayOfWeek day) => (WeekdayMask & (1 << (int)day)) != 0;
    public void SetDay(DayOfWeek day, bool on) => WeekdayMask = on ? WeekdayMask | (1 << (int)day) : WeekdayMask & ~(1 << (int)day);
}

public sealed class WorkflowScheduleInputValidator : AbstractValidator<WorkflowScheduleInput>
{
    public WorkflowScheduleInputValidator()
    {
        RuleFor(x => x.Description).NotEmpty().MaximumLength(120).WithName(_ => WorkflowMessages.Field_ScheduleDescription);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.IntervalMinutes).InclusiveBetween(5, 1440).When(x => x.Kind == ScheduleKind.EveryNMinutes)
            .WithMessage(_ => WorkflowMessages.ScheduleIntervalRange);
        RuleFor(x => x.Hour).InclusiveBetween(0, 23).When(x => x.Kind is ScheduleKind.DailyAt or ScheduleKind.Weekdays)
            .WithMessage(_ => WorkflowMessages.ScheduleTimeInvalid);
        RuleFor(x => x.Minute).InclusiveBetween(0, 59).When(x => x.Kind != ScheduleKind.EveryNMinutes)
            .WithMessage(_ => WorkflowMessages.ScheduleTimeInvalid);
        RuleFor(x => x.WeekdayMask).Must(m => (m & 0x7f) != 0 && (m & ~0x7f) == 0).When(x => x.Kind == ScheduleKind.Weekdays)
            .WithMessage(_ => WorkflowMessages.ScheduleWeekdaysRequired);
    }
}

public sealed record WorkflowScheduleRow(
    int Id, string Description, ScheduleKind Kind, int IntervalMinutes, int AtMinuteOfDay, int WeekdayMask, bool IsActive,
    DateTime? NextRunUtc, DateTime? LastRunUtc, Guid Version)
{
    public WorkflowScheduleInput ToInput() => new()
    {
        Description = Description, Kind = Kind, IntervalMinutes = Kind == ScheduleKind.EveryNMinutes ? IntervalMinutes : 60,
        Hour = Kind == ScheduleKind.Hourly ? 0 : AtMinuteOfDay / 60, Minute = AtMinuteOfDay % 60,
        WeekdayMask = Kind == ScheduleKind.Weekdays ? WeekdayMask : WorkflowScheduleInput.MondayToFriday, IsActive = IsActive,
    };
}

internal sealed class WorkflowScheduleConfiguration : IEntityTypeConfiguration<WorkflowSchedule>
{
    public void Configure(EntityTypeBuilder<WorkflowSchedule> b)
    {
        b.ToTable("WorkflowSchedules");
        b.Property(x => x.Description).HasMaxLength(120).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.Rule);
        // The job asks "which active schedules are due?"
        b.HasIndex(x => new { x.IsActive, x.NextRunUtc });
        b.HasIndex(x => x.CompanyId);
    }
}
