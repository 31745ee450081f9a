using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Catalogs;

/// <summary>One catalog entry, as the in-use checks and messages name it.</summary>
public sealed record CatalogEntryRef(CatalogKind Kind, int Id, int Code, string Description);

/// <summary>
/// Extension point: a feature that references catalog entries (occurrences, tickets, contacts, checklists…)
/// registers one of these (<c>services.AddSingleton&lt;ICatalogUsage, MyUsage&gt;()</c>). Before deleting an entry,
/// <see cref="CatalogService{T}"/> asks every registered usage; the first use found refuses the deletion.
/// </summary>
public interface ICatalogUsage
{
    /// <summary>A short, user-facing description of the first use of <paramref name="entry"/> (e.g. "chamado 123"), or null if unused.</summary>
    Task<string?> FindUseAsync(CatalogEntryRef entry, CancellationToken ct);
}

/// <summary>Built-in use: a type (FERM0100, FCRM0100) that has reasons.</summary>
internal sealed class TypeReasonsUsage(IDbContextFactory<FoccoDbContext> dbFactory) : ICatalogUsage
{
    public async Task<string?> FindUseAsync(CatalogEntryRef entry, CancellationToken ct)
    {
        if (entry.Kind is not (CatalogKind.OccurrenceType or CatalogKind.TicketType)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = entry.Kind == CatalogKind.OccurrenceType
            ? await db.OccurrenceReasons.CountAsync(r => r.TypeId == entry.Id, ct)
            : await db.TicketReasons.CountAsync(r => r.TypeId == entry.Id, ct);
        return count switch
        {
            0 => null,
            1 => Messages.CatalogUse_OneReason,
            _ => Messages.Format(nameof(Messages.CatalogUse_Reasons), count),
        };
    }
}

/// <summary>Who may change catalogs: administrators and managers. Everybody signed in reads them.</summary>
public static class CatalogPermissions
{
    public static bool CanMaintainCatalogs(this Identity.CurrentUser user) => user.IsAdministrator || user.IsManager;

    public static void EnsureCanMaintainCatalogs(this Identity.CurrentUser user)
    {
        if (!user.CanMaintainCatalogs()) throw new ForbiddenException(Messages.CatalogMaintainersOnly);
    }
}

/// <summary>The entry is used by other records: it cannot be deleted, but it can be deactivated.</summary>
public sealed class CatalogEntryInUseException(string message, CatalogEntryRef entry, string use) : BusinessRuleException(message)
{
    public CatalogEntryRef Entry { get; } = entry;
    public string Use { get; } = use;
}
