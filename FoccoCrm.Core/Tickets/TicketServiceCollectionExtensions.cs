using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core.Tickets;

public static class TicketServiceCollectionExtensions
{
    /// <summary>The ticket service, the catalog in-use check for ticket types/reasons and the demo tickets.</summary>
    public static IServiceCollection AddTickets(this IServiceCollection services)
    {
        services.AddSingleton<TicketService>();
        services.AddSingleton<TicketBoardFeed>();
        services.AddSingleton<ICatalogUsage, TicketCatalogUsage>();
        services.AddScoped<IDemoSeeder, TicketsDemoSeeder>();
        return services;
    }
}

/// <summary>Ticket types and reasons used by tickets cannot be deleted (deactivate them instead).</summary>
internal sealed class TicketCatalogUsage(IDbContextFactory<FoccoDbContext> dbFactory) : ICatalogUsage
{
    public async Task<string?> FindUseAsync(CatalogEntryRef entry, CancellationToken ct)
    {
        if (entry.Kind is not (CatalogKind.TicketType or CatalogKind.TicketReason)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = entry.Kind == CatalogKind.TicketType
            ? await db.Tickets.CountAsync(t => t.TypeId == entry.Id, ct)
            : await db.Tickets.CountAsync(t => t.ReasonId == entry.Id, ct);
        return count == 0 ? null : Messages.Format(nameof(TicketMessages.TicketUse_Tickets), count);
    }
}
