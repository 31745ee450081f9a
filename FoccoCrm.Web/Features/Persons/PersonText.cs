using FoccoCrm.Core.Persons;
using FoccoCrm.Web.Resources;
using Microsoft.Extensions.Localization;

namespace FoccoCrm.Web.Features.Persons;

/// <summary>Labels of person roles for lists and forms.</summary>
public static class PersonText
{
    public static readonly IReadOnlyList<PersonRoles> Roles =
        [PersonRoles.Customer, PersonRoles.Representative, PersonRoles.Supplier, PersonRoles.Employee, PersonRoles.User, PersonRoles.Consumer];

    public static string RoleKey(PersonRoles role) => "PersonRole_" + role;

    public static string RolesText(PersonRoles roles, IStringLocalizer<SharedResource> l) =>
        string.Join(", ", Roles.Where(r => roles.HasFlag(r)).Select(r => l[RoleKey(r)].Value));
}
