using FoccoCrm.Core.Catalogs;

namespace FoccoCrm.Core.Parameters;

/// <summary>The value that applies to a parameter and where it comes from.</summary>
public sealed record ParameterValue(string Value, ParameterSource Source)
{
    public bool IsEmpty => Value.Length == 0;

    /// <summary>User → company → default: the first non-empty answer wins.</summary>
    public static ParameterValue Resolve(ParameterDefinition definition, string? companyValue, string? userValue) =>
        !string.IsNullOrEmpty(userValue) && definition.UserMayAnswer ? new(userValue, ParameterSource.User)
        : !string.IsNullOrEmpty(companyValue) ? new(companyValue, ParameterSource.Company)
        : new(definition.Default, ParameterSource.Default);
}

/// <summary>One line of FUTL0125: the default, the company's and the user's answers (null = not answered) and which wins.</summary>
public sealed record ParameterSheetRow(
    ParameterDefinition Definition, string? CompanyValue, Guid? CompanyVersion, string? UserValue, Guid? UserVersion, ParameterValue Effective)
{
    public string Number => Definition.Number;
}

/// <summary>A user who may be chosen as parameter 02 (active, with access to the company).</summary>
public sealed record ParameterUserOption(string Id, string FullName, string Email);

/// <summary>The ten parameters as the acting user sees them in a company.</summary>
/// <param name="TicketTypes">The ticket types (FCRM0100) parameter 01 may name: the active ones, plus the one answered if it was deactivated since.</param>
public sealed record ParameterSheet(int CompanyId, IReadOnlyList<ParameterSheetRow> Rows, IReadOnlyList<ParameterUserOption> Users,
    IReadOnlyList<CatalogOption> TicketTypes, bool CanEditCompany)
{
    public ParameterSheetRow this[string number] => Rows.First(r => r.Number == number);

    /// <summary>The versions the company answers were read at, to pass back when saving them.</summary>
    public IReadOnlyDictionary<string, Guid?> CompanyVersions => Rows.ToDictionary(r => r.Number, r => r.CompanyVersion);
}

/// <summary>The seed's rule: when parameter 04 is "N", parameters 05 and 06 must be filled.</summary>
public static class ParameterRules
{
    public static bool MailSettingsRequired(string? effective04) => string.Equals(effective04?.Trim(), "N", StringComparison.OrdinalIgnoreCase);

    /// <summary>The numbers (05, 06) that are missing for the given effective values; empty when the rule holds.</summary>
    public static IReadOnlyList<string> MissingMailSettings(string? effective04, string? effective05, string? effective06)
    {
        if (!MailSettingsRequired(effective04)) return [];
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(effective05)) missing.Add(ParameterDefinition.EmailServer);
        if (string.IsNullOrWhiteSpace(effective06)) missing.Add(ParameterDefinition.EmailSender);
        return missing;
    }
}
