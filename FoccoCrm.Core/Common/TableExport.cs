using MiniExcelLibs;

namespace FoccoCrm.Core.Common;

public enum ExportFormat { Csv, Xlsx }

/// <summary>
/// Every list's export: the same columns as CSV (see <see cref="CsvExport"/>) or as an Excel workbook (MiniExcel).
/// Localized headers come from the caller; values keep their type in XLSX (numbers stay numbers).
/// </summary>
public static class TableExport
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Extension(ExportFormat format) => format == ExportFormat.Xlsx ? ".xlsx" : ".csv";

    public static string ContentType(ExportFormat format) => format == ExportFormat.Xlsx ? XlsxContentType : "text/csv";

    public static byte[] Write<T>(ExportFormat format, IEnumerable<T> rows, params (string Header, Func<T, object?> Value)[] columns) =>
        format == ExportFormat.Xlsx ? Xlsx(rows, columns) : CsvExport.Write(rows, columns);

    private static byte[] Xlsx<T>(IEnumerable<T> rows, (string Header, Func<T, object?> Value)[] columns)
    {
        var sheet = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(columns.Length);
            foreach (var (header, value) in columns) cells[header] = Cell(value(row));
            return cells;
        });
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, sheetName: "FoccoCrm");
        return stream.ToArray();
    }

    /// <summary>Numbers, dates and booleans stay typed; anything else (e.g. localized strings) becomes its text.</summary>
    private static object? Cell(object? value) => value switch
    {
        null => null,
        string or int or long or decimal or double or float or DateTime or DateOnly or bool => value,
        _ => value.ToString(),
    };
}
