using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Persons;

/// <summary>
/// Exact person counts per (roles, active) kept by triggers, so the person list counts a million persons without
/// scanning them. Maintained only by the database (see <see cref="PersonListSchema"/>).
/// </summary>
public sealed class PersonCount
{
    public PersonRoles Roles { get; private set; }
    public bool IsActive { get; private set; }
    public long Count { get; private set; }

    private PersonCount() { }
}

internal sealed class PersonCountConfiguration : IEntityTypeConfiguration<PersonCount>
{
    public void Configure(EntityTypeBuilder<PersonCount> b)
    {
        b.ToTable("PersonCounts");
        b.HasKey(x => new { x.Roles, x.IsActive });
    }
}

/// <summary>
/// The SQL objects EF's model does not describe, which the person list relies on:
/// a trigram full-text index over name, trade name and city (<c>PersonsSearch</c>, an external-content FTS5 table),
/// and the triggers that keep it and <c>PersonCounts</c> in step with <c>Persons</c>.
/// A migration creates them; <see cref="EnsureAsync"/> re-creates and rebuilds them if a later table rebuild dropped the
/// triggers (SQLite drops a table's triggers with the table).
/// </summary>
public static class PersonListSchema
{
    public const string SearchTable = "PersonsSearch";

    /// <summary>An FTS5 query that matches <paramref name="text"/> as one phrase (its quotes doubled: never query syntax),
    /// in one of the index's columns when <paramref name="column"/> is given (Name, TradeName or City — never input).</summary>
    public static string Phrase(string text, string? column = null) =>
        (column is null ? "" : column + " : ") + "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static readonly string[] Triggers = ["TR_Persons_AfterInsert", "TR_Persons_AfterDelete", "TR_Persons_AfterUpdate"];

    public const string CreateSql = """
        CREATE VIRTUAL TABLE IF NOT EXISTS PersonsSearch USING fts5(
            Name, TradeName, City, content='Persons', content_rowid='Id', tokenize='trigram remove_diacritics 1');

        CREATE TRIGGER IF NOT EXISTS TR_Persons_AfterInsert AFTER INSERT ON Persons BEGIN
            INSERT INTO PersonsSearch(rowid, Name, TradeName, City) VALUES (new.Id, new.Name, new.TradeName, new.City);
            INSERT OR IGNORE INTO PersonCounts(Roles, IsActive, Count) VALUES (new.Roles, new.IsActive, 0);
            UPDATE PersonCounts SET Count = Count + 1 WHERE Roles = new.Roles AND IsActive = new.IsActive;
        END;

        CREATE TRIGGER IF NOT EXISTS TR_Persons_AfterDelete AFTER DELETE ON Persons BEGIN
            INSERT INTO PersonsSearch(PersonsSearch, rowid, Name, TradeName, City) VALUES ('delete', old.Id, old.Name, old.TradeName, old.City);
            UPDATE PersonCounts SET Count = Count - 1 WHERE Roles = old.Roles AND IsActive = old.IsActive;
        END;

        CREATE TRIGGER IF NOT EXISTS TR_Persons_AfterUpdate AFTER UPDATE ON Persons BEGIN
            INSERT INTO PersonsSearch(PersonsSearch, rowid, Name, TradeName, City)
                SELECT 'delete', old.Id, old.Name, old.TradeName, old.City
                WHERE old.Name IS NOT new.Name OR old.TradeName IS NOT new.TradeName OR old.City IS NOT new.City;
            INSERT INTO PersonsSearch(rowid, Name, TradeName, City)
                SELECT new.Id, new.Name, new.TradeName, new.City
                WHERE old.Name IS NOT new.Name OR old.TradeName IS NOT new.TradeName OR old.City IS NOT new.City;
            UPDATE PersonCounts SET Count = Count - 1
                WHERE Roles = old.Roles AND IsActive = old.IsActive AND (old.Roles <> new.Roles OR old.IsActive <> new.IsActive);
            INSERT OR IGNORE INTO PersonCounts(Roles, IsActive, Count) VALUES (new.Roles, new.IsActive, 0);
            UPDATE PersonCounts SET Count = Count + 1
                WHERE Roles = new.Roles AND IsActive = new.IsActive AND (old.Roles <> new.Roles OR old.IsActive <> new.IsActive);
        END;
        """;

    /// <summary>Re-derives the search index and the counts from <c>Persons</c> (after a bulk load with the triggers off).</summary>
    public const string RebuildSql = """
        INSERT INTO PersonsSearch(PersonsSearch) VALUES ('rebuild');
        DELETE FROM PersonCounts;
        INSERT INTO PersonCounts(Roles, IsActive, Count) SELECT Roles, IsActive, COUNT(*) FROM Persons GROUP BY Roles, IsActive;
        """;

    public const string DropSql = DropTriggersSql + "DROP TABLE IF EXISTS PersonsSearch;";

    /// <summary>Below this many rows a bulk write keeps the triggers (recounting costs more than it saves).</summary>
    public const int BulkThreshold = 5_000;

    /// <summary>
    /// Runs a bulk write of persons inside the caller's transaction with the per-row triggers off, then brings the search
    /// index and the counts up to date in a few set-based statements (per-row FTS inserts cost about ten times more).
    /// <paramref name="updatedIds"/> are the existing persons the write changes. SQLite DDL is transactional: other
    /// connections never see the triggers missing, and a failed write rolls everything back.
    /// </summary>
    public static async Task BulkWriteAsync(DbContext db, IReadOnlyCollection<int> updatedIds, Func<Task> write, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("A bulk person write needs the caller's transaction.");
        var maxId = await db.Database.SqlQueryRaw<int>("SELECT COALESCE(MAX(Id), 0) AS Value FROM Persons").SingleAsync(ct);
        await db.Database.ExecuteSqlRawAsync(DropTriggersSql, ct);
        await db.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE IF NOT EXISTS BulkPersonIds (Id INTEGER PRIMARY KEY); DELETE FROM BulkPersonIds;", ct);
        if (updatedIds.Count > 0)
        {
            var ids = System.Text.Json.JsonSerializer.Serialize(updatedIds);
            await db.Database.ExecuteSqlAsync($"INSERT INTO BulkPersonIds (Id) SELECT value FROM json_each({ids})", ct);
        }
        // Old values of the rows about to change leave the index first (an external-content FTS needs them to delete).
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO PersonsSearch(PersonsSearch, rowid, Name, TradeName, City)
                SELECT 'delete', p.Id, p.Name, p.TradeName, p.City FROM Persons p JOIN BulkPersonIds b ON b.Id = p.Id;
            """, ct);
        await write();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO PersonsSearch(rowid, Name, TradeName, City)
                SELECT Id, Name, TradeName, City FROM Persons WHERE Id > {maxId} OR Id IN (SELECT Id FROM BulkPersonIds);
            DELETE FROM PersonCounts;
            INSERT INTO PersonCounts(Roles, IsActive, Count) SELECT Roles, IsActive, COUNT(*) FROM Persons GROUP BY Roles, IsActive;
            DROP TABLE BulkPersonIds;
            """, ct);
        await db.Database.ExecuteSqlRawAsync(CreateSql, ct);
    }

    private const string DropTriggersSql = """
        DROP TRIGGER IF EXISTS TR_Persons_AfterInsert;
        DROP TRIGGER IF EXISTS TR_Persons_AfterDelete;
        DROP TRIGGER IF EXISTS TR_Persons_AfterUpdate;
        """;

    /// <summary>Makes sure the triggers exist; when one is missing, re-creates them and rebuilds index and counts.</summary>
    public static async Task EnsureAsync(DbContext db, CancellationToken ct = default)
    {
        var present = await db.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*) AS Value FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Persons' AND name LIKE 'TR_Persons_After%'")
            .SingleAsync(ct);
        if (present == Triggers.Length) return;
        await db.Database.ExecuteSqlRawAsync(CreateSql, ct);
        await db.Database.ExecuteSqlRawAsync(RebuildSql, ct);
    }
}
