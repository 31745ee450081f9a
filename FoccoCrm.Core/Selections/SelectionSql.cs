using System.Data.Common;
using FoccoCrm.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FoccoCrm.Core.Selections;

public sealed partial class SelectionService
{
    /// <summary>
    /// Set-based write: <c>INSERT INTO {into} {select}</c> where <paramref name="select"/> wraps the SQL EF generated for
    /// <paramref name="query"/> (placeholder <c>{0}</c>) and its parameters are copied as they are. The SQL text is EF's and
    /// ours; every user value stays a parameter. Runs in the context's current transaction, if any.
    /// </summary>
    internal static async Task<int> InsertSelectAsync<T>(FoccoDbContext db, IQueryable<T> query, string into, string select, CancellationToken ct,
        params (string Name, object? Value)[] extra)
    {
        await using var source = query.CreateDbCommand();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            cmd.CommandText = "INSERT INTO " + into + " " + select.Replace("{0}", source.CommandText, StringComparison.Ordinal);
            cmd.CommandTimeout = 600;
            foreach (DbParameter p in source.Parameters) cmd.Parameters.Add(Copy(cmd, p.ParameterName, p.Value));
            foreach (var (name, value) in extra) cmd.Parameters.Add(Copy(cmd, name, value));
            return await cmd.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbParameter Copy(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        return p;
    }
}
