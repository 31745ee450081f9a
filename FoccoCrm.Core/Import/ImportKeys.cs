using FoccoCrm.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FoccoCrm.Core.Import;

/// <summary>
/// The keys of a file (codes, documents) in a temporary table of the import's connection, so existing records are read
/// with one indexed join — <c>keys.Matching(db.Persons, nameof(Person.ExternalCode))</c> — instead of one query per
/// row or huge parameter lists. Dropped on dispose.
/// </summary>
public sealed class ImportKeys : IAsyncDisposable
{
    private readonly FoccoDbContext _db;
    private readonly string _table;

    private ImportKeys(FoccoDbContext db, string table)
    {
        _db = db;
        _table = table;
    }

    /// <summary>
    /// The rows of <typeparamref name="T"/> whose <paramref name="property"/> is one of the keys, as a query EF can compose
    /// (Select, AsNoTracking). The keys table drives the loop (CROSS JOIN) and each key is one index lookup.
    /// </summary>
    public IQueryable<T> Matching<T>(DbSet<T> set, string property) where T : class
    {
        var entity = _db.Model.FindEntityType(typeof(T))!;
        var column = entity.FindProperty(property)!.GetColumnName();
        var sql = $"SELECT t.* FROM temp.\"{_table}\" AS k CROSS JOIN \"{entity.GetTableName()}\" AS t ON t.\"{column}\" = k.\"Value\" WHERE t.\"{column}\" IS NOT NULL";
        // Table and column names come from the model and the generated (Guid) table name, never from user input.
#pragma warning disable EF1002
        return set.FromSqlRaw(sql);
#pragma warning restore EF1002
    }

    public static async Task<ImportKeys> CreateAsync(FoccoDbContext db, IEnumerable<string> keys, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct); // temporary tables live as long as the connection
        var table = "import_keys_" + Guid.NewGuid().ToString("N");
        var connection = db.Database.GetDbConnection();
        var tx = db.Database.CurrentTransaction?.GetDbTransaction();
        await using (var create = connection.CreateCommand())
        {
            create.Transaction = tx;
            create.CommandText = "CREATE TEMP TABLE \"" + table + "\" (\"Value\" TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID";
            await create.ExecuteNonQueryAsync(ct);
        }
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT OR IGNORE INTO temp.\"" + table + "\" (\"Value\") VALUES ($v)";
        var p = insert.CreateParameter();
        p.ParameterName = "$v";
        insert.Parameters.Add(p);
        await insert.PrepareAsync(ct);
        foreach (var key in keys)
        {
            p.Value = key;
            await insert.ExecuteNonQueryAsync(ct);
        }
        return new ImportKeys(db, table);
    }

    public async ValueTask DisposeAsync()
    {
        await using var drop = _db.Database.GetDbConnection().CreateCommand();
        drop.Transaction = _db.Database.CurrentTransaction?.GetDbTransaction();
        drop.CommandText = "DROP TABLE IF EXISTS temp.\"" + _table + "\"";
        await drop.ExecuteNonQueryAsync();
    }
}
