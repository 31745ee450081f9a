using FoccoCrm.Core.Demo;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Parameters;

/// <summary>Company 01 answers 07 and 09; agente1 answers 10 for themselves: FUTL0125 shows all three sources.</summary>
public sealed class ParametersDemoSeeder : IDemoSeeder
{
    public int Order => 50;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var company = await db.Companies.Where(c => c.Code == "01").Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (company is not int companyId) return;
        var agent = await db.Users.Where(u => u.Email == "agente1@foccocrm.demo").Select(u => u.Id).FirstOrDefaultAsync(ct);
        var now = context.Clock.GetUtcNow().UtcDateTime;
        db.ParameterAnswers.Add(ParameterAnswer.Create(ParameterDefinition.LateAfterHours, companyId, null, "2", now));
        db.ParameterAnswers.Add(ParameterAnswer.Create(ParameterDefinition.AgentsSeeOthersTickets, companyId, null, "S", now));
        if (agent is not null) db.ParameterAnswers.Add(ParameterAnswer.Create(ParameterDefinition.ImmediateAssignmentEmail, companyId, agent, "S", now));
        await db.SaveChangesAsync(ct);
    }
}
