using System.Globalization;
using System.Text;

namespace FoccoCrm.Core.Import;

/// <summary>Cell text → typed values, the way Brazilian spreadsheets write them (and ISO).</summary>
public static class ImportValues
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd/MM/yy", "dd-MM-yyyy", "dd.MM.yyyy", "yyyy-MM-dd HH:mm:ss", "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>"1.234,56", "1234,56", "1234.56", "1,234.56", "R$ 10,00", "-3".</summary>
    public static bool TryDecimal(string text, out decimal value)
    {
        var s = text.Replace("R$", "", StringComparison.OrdinalIgnoreCase).Replace(" ", "").Replace("\u00A0", "");
        int lastComma = s.LastIndexOf(','), lastDot = s.LastIndexOf('.');
        // The rightmost of ',' and '.' is the decimal separator; a lone '.' followed by exactly 3 digits is a thousands separator (pt-BR).
        if (lastComma > lastDot) s = s.Replace(".", "").Replace(',', '.');
        else if (lastDot > lastComma && lastComma >= 0) s = s.Replace(",", "");
        else if (lastDot >= 0 && lastComma < 0 && s.Count(c => c == '.') > 1) s = s.Replace(".", "");
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryInt(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
        || (TryDecimal(text, out var d) && d == Math.Truncate(d) && d is >= int.MinValue and <= int.MaxValue && (value = (int)d) == d);

    /// <summary>dd/MM/yyyy (and variants) or ISO yyyy-MM-dd.</summary>
    public static bool TryDate(string text, out DateOnly value)
    {
        if (DateTime.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dt)) { value = DateOnly.FromDateTime(dt); return true; }
        value = default;
        return false;
    }

    /// <summary>S/N, Sim/Não, Yes/No, true/false, 1/0, X, Ativo/Inativo.</summary>
    public static bool TryBool(string text, out bool value)
    {
        switch (Fold(text))
        {
            case "s" or "sim" or "y" or "yes" or "true" or "1" or "x" or "v" or "verdadeiro" or "ativo" or "active":
                value = true; return true;
            case "n" or "nao" or "no" or "false" or "0" or "f" or "falso" or "inativo" or "inactive":
                value = false; return true;
            default:
                value = false; return false;
        }
    }

    /// <summary>Lower case, no accents, only letters and digits: "Razão Social" → "razaosocial".</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var d = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(d.Length);
        foreach (var c in d)
            if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }
}
