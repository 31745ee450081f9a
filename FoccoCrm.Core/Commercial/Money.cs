using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FoccoCrm.Core.Commercial;

/// <summary>
/// Money and quantities are <see cref="decimal"/> in C# but stored as whole numbers (cents, thousandths):
/// EF's SQLite provider cannot ORDER BY, compare or SUM decimals (stored as TEXT), while integers sort, filter and
/// sum exactly in SQL. Both conversions are linear, so SUM(column) read back through the converter is the right total.
/// </summary>
public static class Money
{
    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static readonly ValueConverter<decimal, long> Converter = new(
        v => (long)Math.Round(v * 100m, MidpointRounding.AwayFromZero),
        v => v / 100m);

    public static decimal RoundQuantity(decimal value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    public static readonly ValueConverter<decimal, long> QuantityConverter = new(
        v => (long)Math.Round(v * 1000m, MidpointRounding.AwayFromZero),
        v => v / 1000m);
}
