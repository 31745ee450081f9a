using System.Globalization;
using System.Runtime.CompilerServices;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Workflow;

/// <summary>User-facing texts of the workflow (keys in Resources/Messages.tsv, pt-BR and en-US).</summary>
public static class WorkflowMessages
{
    private static string L([CallerMemberName] string key = "") => Messages.Get(key);

    /// <summary>Runs <paramref name="compose"/> with the culture of the recipient (pt-BR when none).</summary>
    public static T In<T>(string? culture, Func<T> compose)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            var c = CultureOf(culture);
            CultureInfo.CurrentCulture = c;
            CultureInfo.CurrentUICulture = c;
            return compose();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    public static CultureInfo CultureOf(string? culture)
    {
        try { return CultureInfo.GetCultureInfo(string.IsNullOrEmpty(culture) ? "pt-BR" : culture); }
        catch (CultureNotFoundException) { return CultureInfo.InvariantCulture; } // invariant-globalization hosts
    }

    public static string FieldName(string field) => Messages.Get("TicketField_" + field);

    public static string Field_ScheduleDescription => L();
    public static string ScheduleIntervalRange => L();
    public static string ScheduleTimeInvalid => L();
    public static string ScheduleWeekdaysRequired => L();
    public static string ScheduleNotFound => L();
    public static string OutboxMessageNotFound => L();
    public static string OutboxRetryOnlyFailed => L();
    public static string WorkflowRunConcurrent => L();
    public static string MailTestCaptured => L();
    public static string MailTestInvalidAddress => L();
    public static string MailTestSubject => L();
    public static string MailTestBody => L();
    public static string DigestSubject => L();
    public static string DigestGreeting => L();
    public static string DigestIntro => L();
    public static string DigestNewHeading => L();
    public static string DigestChangedHeading => L();
    public static string DigestOpen => L();
    public static string DigestFooter => L();
    public static string AssignmentSubject => L();
    public static string AssignmentIntro => L();
}
