using FoccoCrm.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FoccoCrm.Web.Infrastructure;

/// <summary>/health: the database answers a query.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<FoccoDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var companies = await db.Companies.CountAsync(ct);
            return HealthCheckResult.Healthy($"database reachable ({companies} companies)");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }
}
