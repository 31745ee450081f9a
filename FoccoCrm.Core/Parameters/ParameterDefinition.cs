using System.Globalization;
using System.Net.Mail;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Parameters;

/// <summary>The kind of answer a parameter takes; decides its validation and its input.</summary>
public enum ParameterType
{
    /// <summary>The id of a ticket type (FCRM0100), as text.</summary>
    TicketType,
    /// <summary>The id of an active user with access to the company.</summary>
    User,
    /// <summary>"S" or "N".</summary>
    YesNo,
    /// <summary>"host:port", followed by " TLS" when TLS is on (see <see cref="EmailServerSetting"/>).</summary>
    EmailServer,
    /// <summary>"e-mail" or "Display name &lt;e-mail&gt;" (see <see cref="SenderSetting"/>).</summary>
    Sender,
    /// <summary>An IANA time zone id.</summary>
    TimeZone,
    /// <summary>A non-negative whole number of hours.</summary>
    Hours,
}

/// <summary>Where the value that applies comes from: the user's answer, else the company's, else the default.</summary>
public enum ParameterSource { Default, Company, User }

/// <summary>
/// One parameter of FUTL0125: its number, the localization key of its question, its type, its default
/// ("" = none) and whether a user may answer it for themselves. The ten are fixed by the spec.
/// </summary>
public sealed record ParameterDefinition(string Number, string QuestionKey, ParameterType Type, string Default, bool UserMayAnswer)
{
    public const string DefaultTicketType = "01";
    public const string DefaultResponsible = "02";
    public const string RequireOccurrenceChecklist = "03";
    public const string UseSystemEmailServer = "04";
    public const string EmailServer = "05";
    public const string EmailSender = "06";
    public const string AgentsSeeOthersTickets = "07";
    public const string CompanyTimeZone = "08";
    public const string LateAfterHours = "09";
    public const string ImmediateAssignmentEmail = "10";

    public static readonly IReadOnlyList<ParameterDefinition> All =
    [
        new(DefaultTicketType, "Param01_Question", ParameterType.TicketType, "", true),
        new(DefaultResponsible, "Param02_Question", ParameterType.User, "", true),
        new(RequireOccurrenceChecklist, "Param03_Question", ParameterType.YesNo, "N", false),
        new(UseSystemEmailServer, "Param04_Question", ParameterType.YesNo, "S", true),
        new(EmailServer, "Param05_Question", ParameterType.EmailServer, "", true),
        new(EmailSender, "Param06_Question", ParameterType.Sender, "", true),
        new(AgentsSeeOthersTickets, "Param07_Question", ParameterType.YesNo, "S", false),
        new(CompanyTimeZone, "Param08_Question", ParameterType.TimeZone, "America/Sao_Paulo", false),
        new(LateAfterHours, "Param09_Question", ParameterType.Hours, "0", true),
        new(ImmediateAssignmentEmail, "Param10_Question", ParameterType.YesNo, "N", true),
    ];

    public static ParameterDefinition? Find(string? number) => All.FirstOrDefault(d => d.Number == number?.Trim());

    public static ParameterDefinition Get(string number) =>
        Find(number) ?? throw new NotFoundException(Messages.Format(nameof(Messages.ParameterUnknown), number));

    /// <summary>The answer in its stored form (trimmed, S/N upper-cased, e-mail server and sender normalized); "" = no answer.</summary>
    public string Normalize(string? value)
    {
        var v = value?.Trim() ?? "";
        if (v.Length == 0) return "";
        return Type switch
        {
            ParameterType.YesNo => v.ToUpperInvariant(),
            ParameterType.EmailServer => EmailServerSetting.TryParse(v, out var s) ? s.ToString() : v,
            ParameterType.Sender => SenderSetting.TryParse(v, out var s) ? s.ToString() : v,
            ParameterType.TicketType or ParameterType.Hours => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n.ToString(CultureInfo.InvariantCulture) : v,
            _ => v,
        };
    }

    /// <summary>
    /// The message when a (non-empty) answer does not fit the type, else null. Users (type User) are
    /// checked against the database by <see cref="ParameterService"/>; here only that one is given.
    /// </summary>
    public string? Validate(string? value)
    {
        var v = Normalize(value);
        if (v.Length == 0) return null;
        return Type switch
        {
            ParameterType.YesNo => v is "S" or "N" ? null : Messages.ParameterInvalidYesNo,
            ParameterType.TicketType => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? null : Messages.ParameterInvalidTicketType,
            ParameterType.Hours => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : Messages.ParameterInvalidHours,
            ParameterType.EmailServer => EmailServerSetting.TryParse(v, out _) ? null : Messages.ParameterInvalidEmailServer,
            ParameterType.Sender => SenderSetting.TryParse(v, out _) ? null : Messages.ParameterInvalidSender,
            ParameterType.TimeZone => Companies.TimeZones.IsKnown(v) ? null : Messages.InvalidTimeZone,
            _ => null,
        };
    }
}

/// <summary>Parameter 05: the e-mail server of a company or user. Stored as "host:port" or "host:port TLS".</summary>
public sealed record EmailServerSetting(string Host, int Port, bool Tls)
{
    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}{(Tls ? " TLS" : "")}";

    public static bool TryParse(string? text, out EmailServerSetting setting)
    {
        setting = new("", 0, false);
        var v = text?.Trim() ?? "";
        var tls = v.EndsWith(" TLS", StringComparison.OrdinalIgnoreCase);
        if (tls) v = v[..^4].TrimEnd();
        var colon = v.LastIndexOf(':');
        if (colon <= 0) return false;
        var host = v[..colon].Trim().ToLowerInvariant();
        if (!IsValidHost(host)) return false;
        if (!int.TryParse(v[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535) return false;
        setting = new(host, port, tls);
        return true;
    }

    public static bool IsValidHost(string? host) =>
        !string.IsNullOrWhiteSpace(host) && Uri.CheckHostName(host.Trim()) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6;
}

/// <summary>Parameter 06: the sender of workflow e-mails. Stored as "e-mail" or "Display name &lt;e-mail&gt;".</summary>
public sealed record SenderSetting(string Email, string DisplayName)
{
    public override string ToString() => DisplayName.Length == 0 ? Email : $"{DisplayName} <{Email}>";

    public static bool TryParse(string? text, out SenderSetting setting)
    {
        setting = new("", "");
        var v = text?.Trim() ?? "";
        string name = "", email = v;
        var lt = v.LastIndexOf('<');
        if (lt >= 0)
        {
            if (!v.EndsWith('>')) return false;
            name = v[..lt].Trim().Trim('"').Trim();
            email = v[(lt + 1)..^1].Trim();
        }
        if (!IsValidEmail(email) || name.IndexOfAny(['<', '>']) >= 0) return false;
        setting = new(email, name);
        return true;
    }

    public static bool IsValidEmail(string? email)
    {
        var e = email?.Trim() ?? "";
        if (e.Length == 0 || e.Contains(' ') || !MailAddress.TryCreate(e, out var a) || a.Address != e) return false;
        var at = e.LastIndexOf('@');
        return at > 0 && e.IndexOf('.', at) > at + 1 && !e.EndsWith('.');
    }
}
