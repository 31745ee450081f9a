namespace FoccoCrm.Core.Commercial;

/// <summary>
/// Chave de acesso of an NF-e: 44 digits (UF, AAMM, CNPJ, model, series, number, emission type, code) whose last digit
/// is a mod-11 check digit over the first 43 (weights 2..9 from the right; a remainder of 0 or 1 gives 0).
/// </summary>
public static class AccessKeys
{
    public static string Normalize(string? input) => new((input ?? "").Where(char.IsAsciiDigit).ToArray());

    /// <summary>Accepts the key with or without spaces/dots between groups.</summary>
    public static bool IsValid(string? input)
    {
        if (input is null || input.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '.' or '-'))) return false;
        var key = Normalize(input);
        return key.Length == 44 && CheckDigit(key[..43]) == key[43] - '0';
    }

    public static int CheckDigit(string first43)
    {
        var sum = 0;
        var weight = 2;
        for (var i = first43.Length - 1; i >= 0; i--)
        {
            sum += (first43[i] - '0') * weight;
            weight = weight == 9 ? 2 : weight + 1;
        }
        var rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }

    /// <summary>Completes 43 digits with their check digit.</summary>
    public static string WithCheckDigit(string first43) => first43 + CheckDigit(first43);

    /// <summary>Groups of four digits, as printed on the DANFE.</summary>
    public static string Format(string? key) =>
        key is { Length: 44 } ? string.Join(' ', Enumerable.Range(0, 11).Select(i => key.Substring(i * 4, 4))) : key ?? "";
}
