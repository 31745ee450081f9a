using System.Globalization;
using System.Text;
using FoccoCrm.Core.Identity;
using FoccoCrm.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace FoccoCrm.Web.Components.Layout;

/// <summary>The navigation groups, in the order the seed presents the CRM's process.</summary>
public enum NavGroup { None, Service, AuxiliaryRecords, Checklists, Selections, Queries, Administration }

/// <summary>A screen of the app: its FoccoERP program code, localized title key, address and who may open it.</summary>
public sealed record Screen(string Code, string TitleKey, string Href, NavGroup Group, string Icon, IReadOnlyList<string>? Roles = null, bool InMenu = true)
{
    public bool IsVisibleTo(CurrentUser? user) => Roles is null || (user is not null && Roles.Any(user.IsInRole));
}

/// <summary>
/// Every screen, in one list the navigation menu and the quick search (Ctrl+K) read.
/// A feature adds its pages here, with their program codes.
/// </summary>
public static class Screens
{
    private static readonly string[] AdminOnly = [Core.Identity.Roles.Administrator];

    public static readonly Screen Home = new("FCRM0000", "Screen_Home", "/", NavGroup.None, Icons.Material.Outlined.Dashboard);
    public static readonly Screen Companies = new("FUTL0100", "Screen_Companies", "/admin/companies", NavGroup.Administration, Icons.Material.Outlined.Business, AdminOnly);
    public static readonly Screen Users = new("FUTL0110", "Screen_Users", "/admin/users", NavGroup.Administration, Icons.Material.Outlined.ManageAccounts, AdminOnly);
    public static readonly Screen Parameters = new("FUTL0125", "Screen_Parameters", "/parameters", NavGroup.Administration, Icons.Material.Outlined.Tune);
    public static readonly Screen Import = new("FUTL0130", "Screen_Import", "/import", NavGroup.Administration, Icons.Material.Outlined.UploadFile,
        [Core.Identity.Roles.Administrator, Core.Identity.Roles.Manager]);
    public static readonly Screen ApiReference = new("FUTL0900", "Screen_ApiReference", "/scalar", NavGroup.Administration, Icons.Material.Outlined.Api);
    // Auxiliary records (cadastros auxiliares): everybody signed in reads them; administrators and managers edit (checked in Core).
    public static readonly Screen OccurrenceTypes = new("FERM0100", "Screen_OccurrenceTypes", "/catalogs/occurrence-types", NavGroup.AuxiliaryRecords, Icons.Material.Outlined.EventNote);
    public static readonly Screen TicketTypes = new("FCRM0100", "Screen_TicketTypes", "/catalogs/ticket-types", NavGroup.AuxiliaryRecords, Icons.Material.Outlined.ConfirmationNumber);
    public static readonly Screen QuestionGroupers = new("FERM0102", "Screen_QuestionGroupers", "/catalogs/question-groupers", NavGroup.AuxiliaryRecords, Icons.Material.Outlined.Workspaces);
    public static readonly Screen ChecklistTypes = new("FERM0103", "Screen_ChecklistTypes", "/catalogs/checklist-types", NavGroup.AuxiliaryRecords, Icons.Material.Outlined.Checklist);
    public static readonly Screen ContactTypes = new("FCLI0103", "Screen_ContactTypes", "/catalogs/contact-types", NavGroup.AuxiliaryRecords, Icons.Material.Outlined.ContactPhone);
    // Persons: everybody signed in; representatives see only their customers and read only (checked in Core).
    public static readonly Screen Persons = new("FCLI0100", "Screen_Persons", "/persons", NavGroup.Service, Icons.Material.Outlined.People);
    public static readonly Screen Consumers = new("FERM0101", "Screen_Consumers", "/consumers", NavGroup.AuxiliaryRecords, Icons.Material.Outlined.PersonOutline);
    public static readonly Screen Representatives = new("FREP0200", "Screen_Representatives", "/representatives", NavGroup.AuxiliaryRecords, Icons.Material.Outlined.BusinessCenter);
    // ERP commercial data (read-only here; loaded by import/API): everybody signed in, representatives see their customers' (checked in Core).
    public static readonly Screen Products = new("FEST0100", "Screen_Products", "/commercial/products", NavGroup.Queries, Icons.Material.Outlined.Inventory2);
    public static readonly Screen Quotes = new("FVEN0100", "Screen_Quotes", "/commercial/quotes", NavGroup.Queries, Icons.Material.Outlined.RequestQuote);
    public static readonly Screen Orders = new("FVEN0200", "Screen_Orders", "/commercial/orders", NavGroup.Queries, Icons.Material.Outlined.ShoppingCart);
    public static readonly Screen Invoices = new("FFAT0200", "Screen_Invoices", "/commercial/invoices", NavGroup.Queries, Icons.Material.Outlined.ReceiptLong);
    public static readonly Screen Receivables = new("FFIN0100", "Screen_Receivables", "/commercial/receivables", NavGroup.Queries, Icons.Material.Outlined.Payments);
    public static readonly Screen Contracts = new("FVEN0300", "Screen_Contracts", "/commercial/contracts", NavGroup.Queries, Icons.Material.Outlined.Handshake);
    // Checklists: everybody signed in reads; administrators and managers maintain the bank and the checklists (checked in Core).
    public static readonly Screen Questions = new("FERM0104", "Screen_Questions", "/checklists/questions", NavGroup.Checklists, Icons.Material.Outlined.Quiz);
    public static readonly Screen Checklists = new("FERM0105", "Screen_Checklists", "/checklists", NavGroup.Checklists, Icons.Material.Outlined.FactCheck);
    // The designer needs a checklist: it opens from the checklist's detail page; the quick search leads to the list.
    public static readonly Screen ChecklistDesigner = new("FERM0105", "Screen_ChecklistDesigner", "/checklists", NavGroup.Checklists, Icons.Material.Outlined.AccountTree,
        [Core.Identity.Roles.Administrator, Core.Identity.Roles.Manager], InMenu: false);
    // Occurrences: everybody signed in; who may close/forward/edit and the representatives' scope are checked in Core.
    public static readonly Screen Occurrences = new("FERM0200", "Screen_Occurrences", "/occurrences", NavGroup.Service, Icons.Material.Outlined.ReportProblem);
    public static readonly Screen OccurrenceQuery = new("FERM0401", "Screen_OccurrenceQuery", "/occurrences/query", NavGroup.Queries, Icons.Material.Outlined.ManageSearch);
    // Tickets: everybody signed in; representatives read their customers' tickets only, parameter 07 limits agents (checked in Core).
    public static readonly Screen Tickets = new("FCRM0200", "Screen_Tickets", "/tickets", NavGroup.Service, Icons.Material.Outlined.ConfirmationNumber);
    public static readonly Screen TicketsByResponsible = new("CCRM0400", "Screen_TicketsByResponsible", "/tickets/by-responsible", NavGroup.Queries, Icons.Material.Outlined.SupervisorAccount);
    // The live ticket board: everybody signed in; representatives read only (checked in Core).
    public static readonly Screen TicketBoard = new("FCRM0200", "Screen_TicketBoard", "/tickets/board", NavGroup.Service, Icons.Material.Outlined.ViewKanban);
    // Workflow e-mails (FCRM0201) and their mail viewer: administrators (checked in Core too).
    public static readonly Screen Workflow = new("FCRM0201", "Screen_Workflow", "/workflow", NavGroup.Administration, Icons.Material.Outlined.ForwardToInbox, AdminOnly);
    public static readonly Screen MailViewer = new("FCRM0201", "Screen_MailViewer", "/workflow/mail", NavGroup.Administration, Icons.Material.Outlined.MarkEmailRead, AdminOnly);
    // Dynamic selections: managers and administrators only (checked in Core as well).
    public static readonly Screen Selections = new("FERM0202", "Screen_Selections", "/selections", NavGroup.Selections, Icons.Material.Outlined.FilterAlt,
        [Core.Identity.Roles.Administrator, Core.Identity.Roles.Manager]);
    public static readonly Screen SelectionBuilder = new("FERM0202", "Screen_SelectionBuilder", "/selections/new", NavGroup.Selections, Icons.Material.Outlined.AccountTree,
        [Core.Identity.Roles.Administrator, Core.Identity.Roles.Manager], InMenu: false);
    public static readonly Screen Notifications = new("FUTL0140", "Notifications_Title", "/notifications", NavGroup.None, Icons.Material.Outlined.Notifications, InMenu: false);
    public static readonly Screen Profile = new("FUTL0120", "Screen_Profile", "/profile", NavGroup.None, Icons.Material.Outlined.Person, InMenu: false);

    public static readonly IReadOnlyList<Screen> All =
        [Home, TicketBoard, Tickets, Persons, Occurrences, Consumers, Representatives, OccurrenceTypes, TicketTypes, QuestionGroupers, ChecklistTypes, ContactTypes, Questions, Checklists, ChecklistDesigner, Products, Quotes, Orders, Invoices, Receivables, Contracts, Selections, SelectionBuilder, OccurrenceQuery, TicketsByResponsible, Companies, Users, Parameters, Workflow, MailViewer, Import, ApiReference, Notifications, Profile];

    public static IEnumerable<NavGroup> Groups => Enum.GetValues<NavGroup>().Where(g => g != NavGroup.None);

    /// <summary>Screens whose program code or localized title contains the query (case and accents ignored); code matches first.</summary>
    public static IReadOnlyList<Screen> Search(string? query, CurrentUser? user, IStringLocalizer<SharedResource> l)
    {
        var visible = All.Where(s => s.IsVisibleTo(user));
        if (string.IsNullOrWhiteSpace(query)) return visible.ToList();
        var q = Fold(query);
        return visible
            .Select(s => (Screen: s, Code: Fold(s.Code), Title: Fold(l[s.TitleKey])))
            .Where(x => x.Code.Contains(q) || x.Title.Contains(q))
            .OrderBy(x => x.Code.StartsWith(q) ? 0 : x.Title.StartsWith(q) ? 1 : 2)
            .Select(x => x.Screen)
            .ToList();
    }

    private static string Fold(string s)
    {
        var d = s.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        return new string(d.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
    }
}
