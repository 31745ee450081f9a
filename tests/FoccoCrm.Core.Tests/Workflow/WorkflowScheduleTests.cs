using FluentValidation;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Mail;
using FoccoCrm.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Tests.Workflow;

public sealed class WorkflowScheduleTests : WorkflowTestBase
{
    private static WorkflowScheduleInput Daily(int hour = 8) => new() { Description = "Resumo", Kind = ScheduleKind.DailyAt, Hour = hour, Minute = 0 };

    [Fact]
    public async Task A_schedule_shows_its_next_run_in_the_company_time_zone_and_recomputes_on_edit()
    {
        // clock: 2026-11-27 12:00 UTC = 09:00 in São Paulo
        var id = await Service.CreateScheduleAsync(D.Admin, D.Company, Daily(8));
        var row = Assert.Single(await Service.SchedulesAsync(D.Admin, D.Company));
        Assert.Equal(new DateTime(2026, 11, 28, 11, 0, 0, DateTimeKind.Utc), row.NextRunUtc);

        await Service.UpdateScheduleAsync(D.Admin, id, Daily(10), row.Version);
        Assert.Equal(new DateTime(2026, 11, 27, 13, 0, 0, DateTimeKind.Utc), (await Service.ScheduleAsync(D.Admin, id)).NextRunUtc);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service.UpdateScheduleAsync(D.Admin, id, Daily(11), row.Version));

        var current = await Service.ScheduleAsync(D.Admin, id);
        await Service.UpdateScheduleAsync(D.Admin, id, Daily(10) with { IsActive = false }, current.Version);
        Assert.Null((await Service.ScheduleAsync(D.Admin, id)).NextRunUtc);
        await Service.DeleteScheduleAsync(D.Admin, id);
        Assert.Empty(await Service.SchedulesAsync(D.Admin, D.Company));
    }

    [Fact]
    public async Task Bad_input_is_rejected_with_every_reason()
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Service.CreateScheduleAsync(D.Admin, D.Company,
            new WorkflowScheduleInput { Description = "", Kind = ScheduleKind.Weekdays, Hour = 24, WeekdayMask = 0 }));
        Assert.Equal(3, ex.Errors.Count());
        await Assert.ThrowsAsync<ValidationException>(() => Service.CreateScheduleAsync(D.Admin, D.Company,
            new WorkflowScheduleInput { Description = "x", Kind = ScheduleKind.EveryNMinutes, IntervalMinutes = 1 }));
    }

    [Fact]
    public async Task Only_administrators_of_the_company_manage_schedules()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.SchedulesAsync(D.Manager, D.Company));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.CreateScheduleAsync(D.Ana, D.Company, Daily()));
        var other = await t.CompanyAsync("02");
        var otherAdmin = await t.UserAsync("adm02@x.test", Roles.Administrator, other);
        var id = await Service.CreateScheduleAsync(D.Admin, D.Company, Daily());
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.SchedulesAsync(otherAdmin, D.Company));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.DeleteScheduleAsync(otherAdmin, id));
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.SendNowAsync(otherAdmin, D.Company));
    }

    [Fact]
    public async Task Due_schedules_run_once_per_slot_and_log_the_run()
    {
        var id = await Service.CreateScheduleAsync(D.Admin, D.Company, new WorkflowScheduleInput { Description = "15 min", Kind = ScheduleKind.EveryNMinutes, IntervalMinutes = 15 });
        await Service.CreateScheduleAsync(D.Admin, D.Company, Daily() with { IsActive = false });
        await D.OpenAsync(D.Admin, D.Ana.Id);

        Assert.Empty(await Engine.RunDueSchedulesAsync()); // 12:00, next slot 12:15
        Advance(TimeSpan.FromMinutes(16));
        var runs = await Engine.RunDueSchedulesAsync();
        Assert.Equal(1, Assert.Single(runs).Queued);
        Assert.Empty(await Engine.RunDueSchedulesAsync()); // the slot was taken
        var schedule = await Service.ScheduleAsync(D.Admin, id);
        Assert.Equal(new DateTime(2026, 11, 27, 12, 30, 0, DateTimeKind.Utc), schedule.NextRunUtc);

        await Sender.DrainAsync();
        var log = Assert.Single(await Service.RunsAsync(D.Admin, D.Company));
        Assert.Equal(("15 min", 1, 1, 1, 0), (log.ScheduleDescription, log.TicketsConsidered, log.Queued, log.Sent, log.Failed));
        Assert.NotNull(log.FinishedAtUtc);
        Assert.Null(log.Error);
    }

    [Fact]
    public async Task Parameter_10_queues_an_immediate_mail_with_the_assignment_in_the_same_transaction()
    {
        var ticket = await D.OpenAsync(D.Admin, D.Ana.Id); // 10 = N (default): no immediate mail
        Assert.Empty(await OutboxAsync());

        await t.Get<Core.Parameters.ParameterService>().SaveUserAnswersAsync(D.Bia, D.Company, new Dictionary<string, string?> { ["10"] = "S" });
        await D.Service.AssignAsync(D.Manager, ticket.Id, D.Bia.Id, ticket.Version);
        var mail = Assert.Single(await OutboxAsync());
        Assert.Equal(("bia@x.test", WorkflowEngine.AssignmentKind, OutboxStatus.Pending), (mail.ToAddress, mail.Kind, mail.Status));
        Assert.Contains($"Chamado {ticket.Number} atribuído a você por gestor", mail.Subject);
        Assert.Contains($"/tickets/{ticket.Id}", mail.TextBody);

        // a rejected assignment (stale version) writes nothing
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => D.Service.AssignAsync(D.Manager, ticket.Id, D.Ana.Id, ticket.Version));
        // assigning to herself sends her nothing
        var current = await D.Service.GetAsync(D.Bia, ticket.Id);
        await D.Service.AssignAsync(D.Manager, ticket.Id, D.Ana.Id, current.Version);
        current = await D.Service.GetAsync(D.Bia, ticket.Id);
        await D.Service.AssignAsync(D.Bia, ticket.Id, D.Bia.Id, current.Version);
        Assert.Single(await OutboxAsync());

        await Sender.DrainAsync();
        Assert.Equal(mail.MessageId, Assert.Single(Smtp.Snapshot()).MessageId);
    }
}
