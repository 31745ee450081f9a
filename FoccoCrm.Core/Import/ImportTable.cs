using System.Globalization;
using System.Text;
using FoccoCrm.Core.Common;
using MiniExcelLibs;
using nietras.SeparatedValues;

namespace FoccoCrm.Core.Import;

/// <summary>One data row of a file: its line number in the file (header = line 1) and its cells, as read.</summary>
public sealed record ImportRow(int Line, string?[] Values)
{
    public string? this[int column] => column >= 0 && column < Values.Length ? Values[column] : null;
}

/// <summary>A file as read: the header row and the data rows (empty rows skipped).</summary>
public sealed record ImportTable(string FileName, IReadOnlyList<string> Headers, IReadOnlyList<ImportRow> Rows, string? Delimiter = null, string? EncodingName = null);

/// <summary>Reads CSV (Sep; ';' or ',' detected; UTF-8 with or without BOM, else Windows-1252) and XLSX (MiniExcel, first sheet).</summary>
public static class ImportReader
{
    /// <summary>Files larger than this are refused before reading (the page checks it too).</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    static ImportReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool IsSupported(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".csv" or ".txt" or ".xlsx";

    public static async Task<ImportTable> ReadAsync(Stream stream, string fileName, CancellationToken ct = default)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (!IsSupported(fileName)) throw new BusinessRuleException(Messages.ImportUnsupportedFile);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxFileBytes) throw new BusinessRuleException(Messages.ImportFileTooLarge);
        var bytes = buffer.ToArray();
        var table = ext == ".xlsx" ? ReadXlsx(bytes, fileName) : ReadCsv(bytes, fileName);
        if (table.Headers.Count == 0 || table.Headers.All(string.IsNullOrWhiteSpace)) throw new BusinessRuleException(Messages.ImportNoHeader);
        return table;
    }

    /// <summary>UTF-8 (BOM or valid without one), otherwise Windows-1252 (a superset of Latin-1 for text).</summary>
    public static (string Text, string EncodingName) Decode(byte[] bytes)
    {
        var bom = Encoding.UTF8.GetPreamble();
        if (bytes.AsSpan().StartsWith(bom)) return (Encoding.UTF8.GetString(bytes, bom.Length, bytes.Length - bom.Length), "UTF-8");
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.GetEncoding(1252).GetString(bytes), "Windows-1252");
        }
    }

    public static ImportTable ReadCsv(byte[] bytes, string fileName)
    {
        var (text, encodingName) = Decode(bytes);
        if (string.IsNullOrWhiteSpace(text)) throw new BusinessRuleException(Messages.ImportNoHeader);
        var separator = DetectSeparator(text);
        using var reader = Sep.Reader(o => o with
        {
            Sep = new Sep(separator),
            Unescape = true,
            DisableColCountCheck = true,
            CultureInfo = CultureInfo.InvariantCulture,
        }).FromText(text);
        var headers = reader.Header.ColNames.Select(h => h.Trim()).ToArray();
        var rows = new List<ImportRow>();
        foreach (var row in reader)
        {
            var values = new string?[headers.Length];
            var any = false;
            for (var i = 0; i < headers.Length && i < row.ColCount; i++)
            {
                var v = Clean(row[i].ToString());
                values[i] = v;
                any |= v is not null;
            }
            if (any) rows.Add(new ImportRow(row.LineNumberFrom, values));
        }
        return new ImportTable(fileName, headers, rows, separator.ToString(), encodingName);
    }

    public static ImportTable ReadXlsx(byte[] bytes, string fileName)
    {
        using var stream = new MemoryStream(bytes);
        var sheet = stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        if (sheet.Count == 0) throw new BusinessRuleException(Messages.ImportNoHeader);
        var columns = sheet[0].Keys.ToArray(); // A, B, C...
        var headers = columns.Select(c => Convert.ToString(sheet[0][c], CultureInfo.InvariantCulture)?.Trim() ?? "").ToArray();
        // Trailing columns without a header are not data.
        var width = headers.Length;
        while (width > 0 && headers[width - 1].Length == 0) width--;
        headers = headers[..width];
        var rows = new List<ImportRow>(sheet.Count);
        for (var r = 1; r < sheet.Count; r++)
        {
            var values = new string?[width];
            var any = false;
            for (var c = 0; c < width; c++)
            {
                var v = Clean(CellText(sheet[r].TryGetValue(columns[c], out var o) ? o : null));
                values[c] = v;
                any |= v is not null;
            }
            if (any) rows.Add(new ImportRow(r + 1, values));
        }
        return new ImportTable(fileName, headers, rows);
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double x => x.ToString(CultureInfo.InvariantCulture),
        decimal x => x.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Trimmed, null when blank; a leading ' that protected a formula-like cell on export is removed.</summary>
    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (value.Length > 1 && value[0] == '\'' && "=+-@".Contains(value[1])) value = value[1..];
        return value;
    }

    /// <summary>';' or ',' (or tab): whichever appears most in the header line, outside quotes.</summary>
    public static char DetectSeparator(string text)
    {
        int semi = 0, comma = 0, tab = 0;
        var quoted = false;
        foreach (var ch in text)
        {
            if (ch == '"') quoted = !quoted;
            else if (!quoted && ch is '\n' or '\r') break;
            else if (!quoted && ch == ';') semi++;
            else if (!quoted && ch == ',') comma++;
            else if (!quoted && ch == '\t') tab++;
        }
        return tab > semi && tab > comma ? '\t' : semi >= comma && semi > 0 ? ';' : ',';
    }
}
