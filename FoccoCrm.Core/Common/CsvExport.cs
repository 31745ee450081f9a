using System.Globalization;
using System.Text;

namespace FoccoCrm.Core.Common;

/// <summary>RFC 4180 CSV with a UTF-8 BOM and ';' separators, as Brazilian spreadsheet users expect.</summary>
public static class CsvExport
{
    public static byte[] Write<T>(IEnumerable<T> rows, params (string Header, Func<T, object?> Value)[] columns)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(';', columns.Select(c => Escape(c.Header))).Append("\r\n");
        foreach (var row in rows)
            sb.AppendJoin(';', columns.Select(c => Escape(Convert.ToString(c.Value(row), CultureInfo.CurrentCulture)))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string Escape(string? value)
    {
        value ??= "";
        // Cells starting with = + - @ are read as formulas by spreadsheets (CSV injection): quote them with a leading '.
        if (value.Length > 0 && "=+-@".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([';', '"', '\r', '\n', ',']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
