namespace FoccoCrm.Core.Common;

/// <summary>
/// Brazilian CNPJ: 14 characters, the first 12 letters A–Z or digits (alphanumeric CNPJ,
/// IN RFB 2.229/2024), the last 2 numeric check digits (mod 11, char value = ASCII − 48).
/// </summary>
public static class Cnpj
{
    private static readonly int[] Weights1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    private static readonly int[] Weights2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

    /// <summary>Strips the mask (. / - and spaces) and upper-cases. Returns the raw input otherwise untouched.</summary>
    public static string Normalize(string? input) =>
        new((input ?? "").Where(c => c is not ('.' or '/' or '-' or ' ')).Select(char.ToUpperInvariant).ToArray());

    public static bool IsValid(string? input)
    {
        var s = Normalize(input);
        if (s.Length != 14) return false;
        for (var i = 0; i < 12; i++)
            if (!(char.IsAsciiDigit(s[i]) || char.IsAsciiLetterUpper(s[i]))) return false;
        if (!char.IsAsciiDigit(s[12]) || !char.IsAsciiDigit(s[13])) return false;
        if (s.Distinct().Count() == 1) return false; // 00000000000000, 11111111111111 ...
        return s[12] - '0' == CheckDigit(s, Weights1) && s[13] - '0' == CheckDigit(s, Weights2);
    }

    /// <summary>Masked form 00.000.000/0000-00; the input is returned unchanged when it is not 14 characters.</summary>
    public static string Format(string? input)
    {
        var s = Normalize(input);
        return s.Length == 14 ? $"{s[..2]}.{s[2..5]}.{s[5..8]}/{s[8..12]}-{s[12..]}" : input ?? "";
    }

    /// <summary>Completes a 12-character base with its two check digits.</summary>
    public static string WithCheckDigits(string base12)
    {
        var s = Normalize(base12);
        if (s.Length != 12) throw new ArgumentException("A CNPJ base has 12 characters.", nameof(base12));
        s += (char)('0' + CheckDigit(s, Weights1));
        return s + (char)('0' + CheckDigit(s, Weights2));
    }

    private static int CheckDigit(string s, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++) sum += (s[i] - '0') * weights[i];
        var r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }
}

/// <summary>Brazilian CPF: 11 digits with two mod-11 check digits.</summary>
public static class Cpf
{
    public static string Normalize(string? input) => new((input ?? "").Where(c => c is not ('.' or '-' or ' ')).ToArray());

    public static bool IsValid(string? input)
    {
        var s = Normalize(input);
        if (s.Length != 11 || !s.All(char.IsAsciiDigit) || s.Distinct().Count() == 1) return false;
        return s[9] - '0' == CheckDigit(s, 9) && s[10] - '0' == CheckDigit(s, 10);
    }

    public static string Format(string? input)
    {
        var s = Normalize(input);
        return s.Length == 11 ? $"{s[..3]}.{s[3..6]}.{s[6..9]}-{s[9..]}" : input ?? "";
    }

    public static string WithCheckDigits(string base9)
    {
        var s = Normalize(base9);
        if (s.Length != 9) throw new ArgumentException("A CPF base has 9 digits.", nameof(base9));
        s += (char)('0' + CheckDigit(s, 9));
        return s + (char)('0' + CheckDigit(s, 10));
    }

    private static int CheckDigit(string s, int length)
    {
        var sum = 0;
        for (var i = 0; i < length; i++) sum += (s[i] - '0') * (length + 1 - i);
        var r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }
}
