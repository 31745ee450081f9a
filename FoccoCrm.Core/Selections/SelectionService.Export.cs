using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Selections;

public sealed partial class SelectionService
{
    /// <summary>
    /// The matching rows (same visibility and company as the count) with the chosen columns, as CSV or XLSX. Streams from the
    /// database in name order; capped at <see cref="MaxExportRows"/>.
    /// </summary>
    public async Task<byte[]> ExportAsync(CurrentUser user, SelectionDefinition definition, IReadOnlyList<SelectionExportColumn> columns, ExportFormat format,
        CancellationToken ct = default)
    {
        var chosen = (columns is { Count: > 0 } ? columns : DefaultExportColumns).Where(Enum.IsDefined).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (await RowsAsync(db, user, definition, ct)).Take(MaxExportRows).ToListAsync(ct);
        return TableExport.Write(format, rows, chosen.Select(Column).ToArray());
    }

    /// <summary>Export of a saved selection (a snapshot exports its frozen members).</summary>
    public async Task<byte[]> ExportSavedAsync(CurrentUser user, int selectionId, IReadOnlyList<SelectionExportColumn> columns, ExportFormat format, CancellationToken ct = default) =>
        await ExportAsync(user, await DefinitionOfAsync(user, selectionId, ct), columns, format, ct);

    public static IReadOnlyList<SelectionExportColumn> DefaultExportColumns { get; } =
    [
        SelectionExportColumn.Name, SelectionExportColumn.Document, SelectionExportColumn.Email, SelectionExportColumn.Phone,
        SelectionExportColumn.City, SelectionExportColumn.State,
    ];

    /// <summary>The localized header of an export column.</summary>
    public static string ColumnHeader(SelectionExportColumn c) => Messages.Get("SelColumn_" + c);

    private static (string Header, Func<SelectionPreviewRow, object?> Value) Column(SelectionExportColumn c) => (ColumnHeader(c), c switch
    {
        SelectionExportColumn.Name => r => r.Name,
        SelectionExportColumn.TradeName => r => r.TradeName,
        SelectionExportColumn.Type => r => Messages.Get("PersonType_" + r.Type),
        SelectionExportColumn.Document => r => PersonDocuments.Format(r.Type, r.Document),
        SelectionExportColumn.Roles => r => string.Join(", ", Enum.GetValues<PersonRoles>().Where(x => x != PersonRoles.None && r.Roles.HasFlag(x)).Select(x => Messages.Get("PersonRoles_" + x))),
        SelectionExportColumn.Email => r => r.Email,
        SelectionExportColumn.Phone => r => r.Phone,
        SelectionExportColumn.City => r => r.City,
        SelectionExportColumn.State => r => r.State,
        SelectionExportColumn.Active => r => r.IsActive,
        SelectionExportColumn.ContactName => r => r.ContactName,
        SelectionExportColumn.ContactEmail => r => r.ContactEmail,
        SelectionExportColumn.ContactPhone => r => r.ContactPhone,
        _ => _ => null,
    });
}
