using System.Globalization;
using FoccoCrm.Core.Commercial;
using MudBlazor;

namespace FoccoCrm.Web.Features.Commercial;

/// <summary>How commercial values read on screen: money in reais in the user's culture, dates short, status chips.</summary>
public static class CommercialText
{
    public static string Money(decimal value)
    {
        var format = (NumberFormatInfo)CultureInfo.CurrentCulture.NumberFormat.Clone();
        format.CurrencySymbol = "R$";
        return value.ToString("C2", format);
    }

    public static string Date(DateOnly? value) => value?.ToString("d", CultureInfo.CurrentCulture) ?? "";

    public static string Quantity(decimal value) => value.ToString("0.###", CultureInfo.CurrentCulture);

    public static string StatusKey(ReceivableStatus status) => "Receivable_" + status;

    public static Color StatusColor(ReceivableStatus status) => status switch
    {
        ReceivableStatus.Paid => Color.Success,
        ReceivableStatus.Overdue => Color.Error,
        _ => Color.Info,
    };

    public static string ContractStatusKey(ContractStatus status) => "Contract_" + status;

    public static Color ContractStatusColor(ContractStatus status) => status switch
    {
        ContractStatus.Active => Color.Success,
        ContractStatus.Suspended => Color.Warning,
        _ => Color.Default,
    };

    public static string KindKey(DocumentKind kind) => "Document_" + kind;
}
