using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;

namespace FoccoCrm.Core.Persons;

/// <summary>
/// Administrators, managers and agents read and maintain persons and contacts. Representatives only read the customers
/// assigned to them (and their own person). Assignments are changed by administrators and managers, per company.
/// </summary>
public static class PersonPermissions
{
    public static bool CanEditPersons(this CurrentUser user) =>
        user.IsAdministrator || user.IsManager || user.IsInRole(Roles.Agent);

    public static void EnsureCanEditPersons(this CurrentUser user)
    {
        if (!user.CanEditPersons()) throw new ForbiddenException(Messages.PersonsReadOnly);
    }

    /// <summary>True when the user only sees the customers assigned to their linked person.</summary>
    public static bool SeesOnlyAssignedCustomers(this CurrentUser user) => !user.CanEditPersons();

    public static bool CanEditAssignments(this CurrentUser user) => user.IsAdministrator || user.IsManager;

    public static void EnsureCanEditAssignments(this CurrentUser user, int companyId)
    {
        if (!user.CanEditAssignments()) throw new ForbiddenException(Messages.AssignmentsManagersOnly);
        user.EnsureAccess(companyId);
    }
}
