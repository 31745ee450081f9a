using FoccoCrm.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Data;

/// <summary>Optimistic concurrency on <see cref="IVersioned"/> records, one way for every service.</summary>
public static class ConcurrencyExtensions
{
    /// <summary>The save succeeds only if the record still has the version the user read.</summary>
    public static void ExpectVersion<T>(this DbContext db, T entity, Guid expectedVersion) where T : class, IVersioned =>
        db.Entry(entity).Property(e => e.Version).OriginalValue = expectedVersion;

    /// <summary>Saves; when someone else saved first, throws <see cref="ConcurrencyConflictException"/> carrying the record as it is now.</summary>
    public static async Task SaveOrConflictAsync(this DbContext db, Func<Task<object?>> current, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(Messages.ConcurrencyConflict, await current());
        }
    }
}
