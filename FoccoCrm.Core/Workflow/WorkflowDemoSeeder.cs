using FoccoCrm.Core.Demo;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Workflow;

/// <summary>One active "daily at 08:00" digest per demo company, so "send now" shows mail in the viewer at once.</summary>
public sealed class WorkflowDemoSeeder : IDemoSeeder
{
    public int Order => 90;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var companies = await db.Companies.AsNoTracking().Where(c => c.IsActive).Select(c => new { c.Id, c.TimeZoneId }).ToListAsync(ct);
        foreach (var c in companies)
        {
            var input = new WorkflowScheduleInput { Description = "Resumo diário", Kind = ScheduleKind.DailyAt, Hour = 8, Minute = 0, IsActive = true };
            db.WorkflowSchedules.Add(WorkflowSchedule.Create(c.Id, input, WorkflowEngine.Zone(c.TimeZoneId), now));
        }
        await db.SaveChangesAsync(ct);
    }
}
