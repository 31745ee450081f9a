using System.Globalization;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace FoccoCrm.Web.Features.Parameters;

/// <summary>How FUTL0125 shows parameter values and their sources.</summary>
public static class ParameterText
{
    /// <summary>An answer as the user reads it; "—" for no answer.</summary>
    public static string Value(IStringLocalizer<SharedResource> l, ParameterDefinition d, string? value, ParameterSheet sheet)
    {
        if (string.IsNullOrEmpty(value)) return "—";
        return d.Type switch
        {
            ParameterType.YesNo => value == "S" ? l["Param_Yes"] : value == "N" ? l["Param_No"] : value,
            ParameterType.User => sheet.Users.FirstOrDefault(u => u.Id == value)?.FullName ?? value,
            ParameterType.TicketType => sheet.TicketTypes.FirstOrDefault(t => t.Id.ToString(CultureInfo.InvariantCulture) == value)?.ToString() ?? string.Format(l["Param_TicketTypeValue"], value),
            ParameterType.Hours => string.Format(l["Param_HoursValue"], value),
            _ => value,
        };
    }

    /// <summary>The default, with the words the spec uses when it has no value ("none", "the opener").</summary>
    public static string Default(IStringLocalizer<SharedResource> l, ParameterDefinition d, ParameterSheet sheet) =>
        d.Default.Length > 0 ? Value(l, d, d.Default, sheet)
        : d.Type == ParameterType.User ? l["Param_TheOpener"]
        : d.Type == ParameterType.TicketType ? l["Param_None"]
        : "—";

    public static string Effective(IStringLocalizer<SharedResource> l, ParameterSheetRow row, ParameterSheet sheet) =>
        row.Effective.Source == ParameterSource.Default ? Default(l, row.Definition, sheet) : Value(l, row.Definition, row.Effective.Value, sheet);

    public static string Source(IStringLocalizer<SharedResource> l, ParameterSource source) => l["Source_" + source];

    public static Color SourceColor(ParameterSource source) => source switch
    {
        ParameterSource.User => Color.Success,
        ParameterSource.Company => Color.Info,
        _ => Color.Default,
    };
}

/// <summary>Which answers the FUTL0125 form edits.</summary>
public enum ParameterEditScope { Company, Mine }
