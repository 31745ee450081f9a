using FoccoCrm.Core.Identity;

namespace FoccoCrm.Core.Occurrences;

/// <summary>
/// Who may do what with an occurrence (README in this folder). Seeing always needs access to the occurrence's company;
/// representatives (no administrator/manager/agent role) only see and register occurrences of the persons they represent
/// there (or of themselves).
/// <list type="bullet">
/// <item>Register: every role (representatives: only for the persons they represent).</item>
/// <item>Edit an open occurrence (fields, checklist, attachments): the responsible, the creator, managers and administrators.</item>
/// <item>Close, reopen, forward: the responsible, managers and administrators.</item>
/// <item>Forward / responsible: only to an active user with access to the occurrence's company (a representative only when
/// they represent the person).</item>
/// </list>
/// </summary>
public static class OccurrencePermissions
{
    public static bool IsOccurrenceSupervisor(this CurrentUser user) => user.IsAdministrator || user.IsManager;

    public static bool CanEditOccurrence(this CurrentUser user, string responsibleUserId, string createdById) =>
        user.IsOccurrenceSupervisor() || user.Id == responsibleUserId || user.Id == createdById;

    public static bool CanCloseOrForwardOccurrence(this CurrentUser user, string responsibleUserId) =>
        user.IsOccurrenceSupervisor() || user.Id == responsibleUserId;

    /// <summary>True for a user whose only role is Representative.</summary>
    public static bool IsRepresentativeOnly(this CurrentUser user) =>
        !user.IsAdministrator && !user.IsManager && !user.IsInRole(Roles.Agent);
}
