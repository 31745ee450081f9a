using System.Globalization;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Occurrences;
using FoccoCrm.Core.Persons;
using FoccoCrm.Web.Resources;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace FoccoCrm.Web.Features.Occurrences;

/// <summary>Display helpers of the occurrence screens: times in the company's zone, status, history labels, and the FERM0401 URL.</summary>
public static class OccurrenceText
{
    public static DateTime ToLocal(DateTime utc, CurrentUser user) => user.ToLocal(utc);

    public static DateTime ToUtc(DateTime local, CurrentUser user) => user.ToUtc(local);

    public static string When(DateTime utc, CurrentUser user) => ToLocal(utc, user).ToString("g", CultureInfo.CurrentCulture);

    public static string StatusKey(OccurrenceStatus status) => "OccurrenceStatus_" + status;

    public static Color StatusColor(OccurrenceStatus status) => status == OccurrenceStatus.Open ? Color.Info : Color.Default;

    public static string FieldLabel(string field, IStringLocalizer<SharedResource> l) => l["OccurrenceField_" + field];

    /// <summary>History values: statuses are stored as keys and shown localized; anything else as stored.</summary>
    public static string? Value(string field, string? value, IStringLocalizer<SharedResource> l) =>
        field == OccurrenceFields.Status && value is not null ? l["OccurrenceStatus_" + value] : value;

    public static string Size(long bytes) => bytes < 1024 ? $"{bytes} B"
        : bytes < 1024 * 1024 ? (bytes / 1024.0).ToString("N0", CultureInfo.CurrentCulture) + " KB"
        : (bytes / 1048576.0).ToString("N1", CultureInfo.CurrentCulture) + " MB";

    // ---- FERM0401 criteria <-> URL query string (bookmarkable, shareable, saved queries)

    public static string ToQueryString(OccurrenceQuery q)
    {
        var p = new Dictionary<string, string?>();
        if (q.CompanyId is { } c) p["company"] = c.ToString(CultureInfo.InvariantCulture);
        if (q.From is { } f) p["from"] = f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (q.To is { } t) p["to"] = t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (q.PersonId is { } pid) p["person"] = pid.ToString(CultureInfo.InvariantCulture);
        if (q.PersonRole is { } r && r != PersonRoles.None) p["role"] = r.ToString();
        if (q.TypeId is { } ty) p["type"] = ty.ToString(CultureInfo.InvariantCulture);
        if (q.ReasonId is { } re) p["reason"] = re.ToString(CultureInfo.InvariantCulture);
        if (q.Status is { } s) p["status"] = s.ToString();
        if (!string.IsNullOrEmpty(q.ResponsibleUserId)) p["responsible"] = q.ResponsibleUserId;
        if (!string.IsNullOrWhiteSpace(q.Text)) p["text"] = q.Text.Trim();
        if (q.Sort != OccurrenceSort.OccurredAt) p["sort"] = q.Sort.ToString();
        if (!q.Descending) p["asc"] = "1";
        return QueryHelpers.AddQueryString("", p).TrimStart('?');
    }

    public static OccurrenceQuery FromQueryString(string? query)
    {
        var p = QueryHelpers.ParseQuery(query ?? "");
        string? S(string k) => p.TryGetValue(k, out var v) && !string.IsNullOrEmpty(v.ToString()) ? v.ToString() : null;
        int? I(string k) => int.TryParse(S(k), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        DateOnly? D(string k) => DateOnly.TryParseExact(S(k), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        T? E<T>(string k) where T : struct, Enum => Enum.TryParse<T>(S(k), true, out var e) && Enum.IsDefined(e) ? e : null;
        return new OccurrenceQuery
        {
            CompanyId = I("company"), From = D("from"), To = D("to"), PersonId = I("person"), PersonRole = E<PersonRoles>("role"), TypeId = I("type"),
            ReasonId = I("reason"), Status = E<OccurrenceStatus>("status"), ResponsibleUserId = S("responsible"), Text = S("text"),
            Sort = E<OccurrenceSort>("sort") ?? OccurrenceSort.OccurredAt, Descending = S("asc") != "1",
        };
    }
}
