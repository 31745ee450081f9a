using System.Globalization;
using System.Reflection;
using FluentValidation;
using FluentValidation.Results;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Import;

/// <summary>
/// A field an import target accepts. <see cref="Name"/> is the input's property name (and the API's JSON property);
/// <see cref="Aliases"/> are header spellings recognised by the automatic mapping (accents, case and punctuation ignored).
/// </summary>
public sealed record ImportField(string Name, Func<string> Label, bool Required = false, bool Key = false, params string[] Aliases);

/// <summary>A problem with one row: the line in the file (or the 0-based index in an API batch), the field and a localized message.</summary>
public sealed record ImportError(int Line, string Field, string Message);

public enum ImportStage { Reading, Validating, Writing, Done }

public sealed record ImportProgress(ImportStage Stage, int Done, int Total)
{
    public double Percent => Total == 0 ? 100 : Math.Round(100.0 * Done / Total, 1);
}

/// <summary>What a validation or commit found: rows, how many are new or updates, the row errors and whether anything was written.</summary>
public sealed record ImportOutcome(int Rows, int Inserted, int Updated, IReadOnlyList<ImportError> Errors, bool Written)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>One row of the mapping preview: the values as the target reads them (normalized) and the row's parse errors.</summary>
public sealed record ImportPreviewRow(int Line, IReadOnlyDictionary<string, string?> Values, IReadOnlyList<ImportError> Errors);

/// <summary>
/// Something files and /api batches can be imported into (persons, contacts, ...). Register one with
/// <c>services.AddImportTarget&lt;T&gt;()</c>; derive from <see cref="ImportTarget{TInput}"/> for the plumbing.
/// </summary>
public interface IImportTarget
{
    /// <summary>Stable name ("persons"), used in URLs and the API.</summary>
    string Name { get; }
    /// <summary>Localized title for pickers.</summary>
    string Title { get; }
    IReadOnlyList<ImportField> Fields { get; }
    bool CanImport(CurrentUser user);
    IReadOnlyList<ImportPreviewRow> Preview(ImportTable table, IReadOnlyDictionary<string, int> mapping, int take = 20);
    /// <summary>Reads and validates every row (file, references, duplicates, database uniqueness) without writing.</summary>
    Task<ImportOutcome> ValidateAsync(CurrentUser user, ImportTable table, IReadOnlyDictionary<string, int> mapping, IProgress<ImportProgress>? progress = null, CancellationToken ct = default);
    /// <summary>Validates again and, when no row has an error, writes all rows in one transaction (else nothing).</summary>
    Task<ImportOutcome> CommitAsync(CurrentUser user, ImportTable table, IReadOnlyDictionary<string, int> mapping, IProgress<ImportProgress>? progress = null, CancellationToken ct = default);
}

/// <summary>A row on its way in: where it came from, the typed input and which fields the source provided (null = all).</summary>
public sealed record ImportItem<TInput>(int Line, TInput Input, IReadOnlySet<string>? Provided);

/// <summary>Row errors collected while validating; a row with an error is skipped by later checks.</summary>
public sealed class ImportErrors
{
    private readonly List<ImportError> _errors = [];
    private readonly HashSet<int> _lines = [];
    private readonly HashSet<(int, string)> _cells = [];
    public int Count => _errors.Count;
    public IReadOnlyList<ImportError> All => _errors;
    public void Add(int line, string field, string message) { _errors.Add(new ImportError(line, field, message)); _lines.Add(line); _cells.Add((line, field)); }
    public bool HasErrors(int line) => _lines.Contains(line);
    public bool HasErrors(int line, string field) => _cells.Contains((line, field));
}

/// <summary>What a target will write once every row is valid; written inside the import's transaction.</summary>
public abstract class ImportPlan
{
    public int Inserted { get; protected set; }
    public int Updated { get; protected set; }
    public abstract Task WriteAsync(FoccoDbContext db, IProgress<ImportProgress>? progress, CancellationToken ct);
}

/// <summary>
/// The plumbing of a target whose rows become <typeparamref name="TInput"/> records: cells → typed properties (by the
/// property's type; override <see cref="TryParse"/> for codes), required fields, the Core validator, one transaction,
/// progress, cancellation and the /api batch form (<see cref="UpsertAsync"/>). A target adds its fields and
/// <see cref="PrepareAsync"/>: load what exists (one query per chunk, never per row), check references and uniqueness,
/// and return the plan that writes.
/// </summary>
public abstract class ImportTarget<TInput>(IDbContextFactory<FoccoDbContext> dbFactory, IValidator<TInput> validator) : IImportTarget
    where TInput : class, new()
{
    /// <summary>The most rows one /api call takes.</summary>
    public const int MaxApiBatch = 10_000;
    protected const int ProgressEvery = 2_000;

    private static readonly Dictionary<string, PropertyInfo> Properties =
        typeof(TInput).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToDictionary(p => p.Name);

    public abstract string Name { get; }
    public abstract string Title { get; }
    public abstract IReadOnlyList<ImportField> Fields { get; }

    /// <summary>Administrators and managers import.</summary>
    public virtual bool CanImport(CurrentUser user) => user.IsAdministrator || user.IsManager;

    protected void EnsureCanImport(CurrentUser user)
    {
        if (!CanImport(user)) throw new ForbiddenException(Messages.ImportManagersOnly);
    }

    /// <summary>Loads existing records for the items, merges, validates (<see cref="Validate"/>), checks references and uniqueness, adds errors.</summary>
    protected abstract Task<ImportPlan> PrepareAsync(FoccoDbContext db, CurrentUser user, IReadOnlyList<ImportItem<TInput>> items, ImportErrors errors,
        IProgress<ImportProgress>? progress, CancellationToken ct);

    /// <summary>After a row's cells were read: fill what can be derived from others (e.g. person type from the document).</summary>
    protected virtual void Complete(TInput input, IReadOnlySet<string> provided) { }

    /// <summary>Cell text → property value. The default handles strings, numbers (pt-BR or invariant), dates, booleans and enums by name or number.</summary>
    protected virtual bool TryParse(ImportField field, Type type, string text, out object? value)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        value = null;
        if (t == typeof(string)) { value = text; return true; }
        if (t == typeof(int)) { var ok = ImportValues.TryInt(text, out var i); value = i; return ok; }
        if (t == typeof(decimal)) { var ok = ImportValues.TryDecimal(text, out var d); value = d; return ok; }
        if (t == typeof(bool)) { var ok = ImportValues.TryBool(text, out var b); value = b; return ok; }
        if (t == typeof(DateOnly)) { var ok = ImportValues.TryDate(text, out var d); value = d; return ok; }
        if (t == typeof(DateTime)) { var ok = ImportValues.TryDate(text, out var d); value = d.ToDateTime(TimeOnly.MinValue); return ok; }
        if (t.IsEnum)
        {
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && Enum.IsDefined(t, n)) { value = Enum.ToObject(t, n); return true; }
            var name = Enum.GetNames(t).FirstOrDefault(x => ImportValues.Fold(x) == ImportValues.Fold(text));
            if (name is not null) { value = Enum.Parse(t, name); return true; }
            return false;
        }
        return false;
    }

    protected virtual string InvalidValueMessage(ImportField field, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(DateOnly) || t == typeof(DateTime) ? Messages.ImportInvalidDate
            : t == typeof(bool) ? Messages.ImportInvalidBoolean
            : t == typeof(int) || t == typeof(decimal) ? Messages.ImportInvalidNumber
            : Messages.ImportInvalidOption;
    }

    /// <summary>The field a validator's property name belongs to (they are the same unless the target says otherwise).</summary>
    protected virtual string FieldOf(string propertyName) => propertyName;

    /// <summary>Runs the Core validator on a row's final input and records its failures (one per field: a cell that could not be read keeps that error).</summary>
    protected void Validate(int line, TInput input, ImportErrors errors)
    {
        var result = validator.Validate(input);
        foreach (var f in result.Errors)
        {
            var field = FieldOf(f.PropertyName);
            if (!errors.HasErrors(line, field)) errors.Add(line, field, f.ErrorMessage);
        }
    }

    /// <summary>An existing record's input with the fields the row provided copied over it (all fields for /api batches).</summary>
    protected static TInput Merge(TInput existing, ImportItem<TInput> item)
    {
        if (item.Provided is null) return item.Input;
        foreach (var name in item.Provided)
            if (Properties.TryGetValue(name, out var p)) p.SetValue(existing, p.GetValue(item.Input));
        return existing;
    }

    protected static void Report(IProgress<ImportProgress>? progress, ImportStage stage, int done, int total)
    {
        if (progress is not null && (done % ProgressEvery == 0 || done == total)) progress.Report(new ImportProgress(stage, done, total));
    }

    /// <summary>Splits keys for "WHERE x IN (…)" reads of existing records: a few queries per file, never one per row.</summary>
    protected static IEnumerable<List<T>> Chunks<T>(IEnumerable<T> keys, int size = 5_000) => keys.Chunk(size).Select(c => c.ToList());

    public IReadOnlyList<ImportPreviewRow> Preview(ImportTable table, IReadOnlyDictionary<string, int> mapping, int take = 20)
    {
        var errors = new ImportErrors();
        var items = Read(table, mapping, errors, table.Rows.Take(take), null, default);
        return items.Select(i => new ImportPreviewRow(i.Line,
                mapping.Keys.ToDictionary(k => k, k => Display(Properties.TryGetValue(k, out var p) ? p.GetValue(i.Input) : null)),
                errors.All.Where(e => e.Line == i.Line).ToList()))
            .ToList();
    }

    private static string? Display(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("d", CultureInfo.CurrentCulture),
        decimal d => d.ToString("N2", CultureInfo.CurrentCulture),
        bool b => b ? Messages.Yes : Messages.No,
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString(),
    };

    public Task<ImportOutcome> ValidateAsync(CurrentUser user, ImportTable table, IReadOnlyDictionary<string, int> mapping,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default) => RunFileAsync(user, table, mapping, commit: false, progress, ct);

    public Task<ImportOutcome> CommitAsync(CurrentUser user, ImportTable table, IReadOnlyDictionary<string, int> mapping,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default) => RunFileAsync(user, table, mapping, commit: true, progress, ct);

    /// <summary>
    /// The /api form: every input is upserted (all fields as given), or — when any has an error — nothing is written and a
    /// <see cref="ValidationException"/> names each problem as "[index].Field".
    /// </summary>
    public async Task<ImportOutcome> UpsertAsync(CurrentUser user, IReadOnlyList<TInput> inputs, CancellationToken ct = default)
    {
        EnsureCanImport(user);
        if (inputs.Count > MaxApiBatch) throw new BusinessRuleException(Messages.Format(nameof(Messages.ImportBatchTooLarge), MaxApiBatch));
        var items = inputs.Select((x, i) => new ImportItem<TInput>(i, x ?? new TInput(), null)).ToList();
        var outcome = await ProcessAsync(user, items, new ImportErrors(), commit: true, null, ct);
        if (!outcome.IsValid)
            throw new ValidationException(outcome.Errors.Select(e => new ValidationFailure($"[{e.Line}].{e.Field}", e.Message)));
        return outcome;
    }

    private async Task<ImportOutcome> RunFileAsync(CurrentUser user, ImportTable table, IReadOnlyDictionary<string, int> mapping, bool commit,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        EnsureCanImport(user);
        var errors = new ImportErrors();
        foreach (var f in Fields.Where(f => f.Required && !mapping.ContainsKey(f.Name)))
            errors.Add(1, f.Name, Messages.Format(nameof(Messages.ImportRequiredFieldNotMapped), f.Label()));
        if (errors.Count > 0) return new ImportOutcome(table.Rows.Count, 0, 0, errors.All, false);
        var items = Read(table, mapping, errors, table.Rows, progress, ct);
        return await ProcessAsync(user, items, errors, commit, progress, ct);
    }

    private List<ImportItem<TInput>> Read(ImportTable table, IReadOnlyDictionary<string, int> mapping, ImportErrors errors,
        IEnumerable<ImportRow> rows, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var fields = Fields.Where(f => mapping.ContainsKey(f.Name)).Select(f => (Field: f, Column: mapping[f.Name], Property: Properties[f.Name])).ToArray();
        var provided = fields.Select(f => f.Field.Name).ToHashSet();
        var items = new List<ImportItem<TInput>>(table.Rows.Count);
        var total = table.Rows.Count;
        foreach (var row in rows)
        {
            if (items.Count % ProgressEvery == 0) ct.ThrowIfCancellationRequested();
            var input = new TInput();
            foreach (var (field, column, property) in fields)
            {
                var text = row[column];
                if (text is null)
                {
                    if (field.Required) errors.Add(row.Line, field.Name, Messages.Format(nameof(Messages.ImportValueRequired), field.Label()));
                    else if (property.PropertyType == typeof(string) || Nullable.GetUnderlyingType(property.PropertyType) is not null) property.SetValue(input, null);
                    continue;
                }
                if (TryParse(field, property.PropertyType, text, out var value)) property.SetValue(input, value);
                else errors.Add(row.Line, field.Name, InvalidValueMessage(field, property.PropertyType));
            }
            Complete(input, provided);
            items.Add(new ImportItem<TInput>(row.Line, input, provided));
            Report(progress, ImportStage.Reading, items.Count, total);
        }
        return items;
    }

    private async Task<ImportOutcome> ProcessAsync(CurrentUser user, List<ImportItem<TInput>> items, ImportErrors errors, bool commit,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        await using var tx = commit ? await db.Database.BeginTransactionAsync(ct) : null;
        // Index maintenance of a large write touches pages all over the tables: give this connection a bigger page
        // cache for the import (SQLite's default is 2 MB), back to the default afterwards (connections are pooled).
        if (commit && items.Count >= LargeImport) await db.Database.ExecuteSqlRawAsync($"PRAGMA cache_size = -{LargeImportCacheKb}", ct);
        try
        {
            return await PrepareAndWriteAsync(db, tx, user, items, errors, commit, progress, ct);
        }
        finally
        {
            if (commit && items.Count >= LargeImport)
            {
                try { await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000", CancellationToken.None); }
                catch (System.Data.Common.DbException) { } // best effort: never hide the import's own error
            }
        }
    }

    private const int LargeImport = 10_000;
    private const int LargeImportCacheKb = 262_144;

    private async Task<ImportOutcome> PrepareAndWriteAsync(FoccoDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? tx,
        CurrentUser user, List<ImportItem<TInput>> items, ImportErrors errors, bool commit, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var plan = await PrepareAsync(db, user, items, errors, progress, ct);
        var sorted = errors.All.OrderBy(e => e.Line).ToList();
        if (sorted.Count > 0 || !commit || tx is null) return new ImportOutcome(items.Count, plan.Inserted, plan.Updated, sorted, false);
        try
        {
            await plan.WriteAsync(db, progress, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(Messages.ConcurrencyConflict);
        }
        await tx.CommitAsync(ct);
        progress?.Report(new ImportProgress(ImportStage.Done, items.Count, items.Count));
        return new ImportOutcome(items.Count, plan.Inserted, plan.Updated, [], true);
    }
}
