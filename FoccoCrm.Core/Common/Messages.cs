using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;

namespace FoccoCrm.Core.Common;

/// <summary>
/// User-facing messages of Core rules, localized from Resources/Messages.resx (pt-BR, neutral)
/// and Messages.en-US.resx. Read at validation time so they follow the current UI culture.
/// </summary>
public static class Messages
{
    private static readonly ResourceManager Resources = new("FoccoCrm.Core.Resources.Messages", typeof(Messages).Assembly);

    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string Format(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, Get(key), args);

    private static string L([CallerMemberName] string key = "") => Get(key);

    /// <summary>Composes a text in another person's language (e.g. a notification for its recipient).</summary>
    public static string In(string? culture, Func<string> compose)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            var c = CultureInfo.GetCultureInfo(string.IsNullOrEmpty(culture) ? "pt-BR" : culture);
            CultureInfo.CurrentCulture = c;
            CultureInfo.CurrentUICulture = c;
            return compose();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    public static string NotificationNotFound => L();

    public static string InvalidCnpj => L();
    public static string InvalidCpf => L();
    public static string InvalidTimeZone => L();
    public static string CompanyCodeTaken => L();
    public static string CompanyCnpjTaken => L();
    public static string CompanyInUse => L();
    public static string CompanyNotFound => L();
    public static string NoAccessToCompany => L();
    public static string AdministratorsOnly => L();
    public static string ConcurrencyConflict => L();
    public static string UserNotFound => L();
    public static string EmailTaken => L();
    public static string AtLeastOneRole => L();
    public static string UnknownRole => L();
    public static string CannotDeactivateYourself => L();
    public static string TokenNotFound => L();
    public static string PasswordTooShort => L();
    public static string ParameterUnknown => L();
    public static string ParameterCompanyOnly => L();
    public static string ParametersCompanyEditors => L();
    public static string ParameterInvalidYesNo => L();
    public static string ParameterInvalidTicketType => L();
    public static string ParameterInvalidUser => L();
    public static string ParameterInvalidEmailServer => L();
    public static string ParameterInvalidSender => L();
    public static string ParameterInvalidHours => L();
    public static string ParameterEmailServerRequired => L();
    public static string ParameterSenderRequired => L();
    public static string ParameterUserReliesOnCompany => L();
    public static string Field_Code => L();
    public static string Field_Name => L();
    public static string Field_Cnpj => L();
    public static string Field_TimeZone => L();
    public static string Field_Email => L();
    public static string Field_FullName => L();
    public static string Field_Password => L();
    public static string Field_TokenName => L();
    public static string CatalogMaintainersOnly => L();
    public static string CatalogEntryNotFound => L();
    public static string CatalogCodeRange => L();
    public static string CatalogCodeTaken => L();
    public static string CatalogReasonCodeTaken => L();
    public static string CatalogEntryInUse => L();
    public static string CatalogUse_OneReason => L();
    public static string CatalogUse_Reasons => L();
    public static string CatalogUse_Referenced => L();
    public static string CatalogEntryMissing => L();
    public static string CatalogEntryInactive => L();
    public static string CatalogParentInactive => L();
    public static string CatalogReasonOfOtherType => L();
    public static string Field_Description => L();
    public static string Field_ChecklistUsage => L();
    public static string PersonNotFound => L();
    public static string ContactNotFound => L();
    public static string PersonDocumentTaken => L();
    public static string PersonExternalCodeTaken => L();
    public static string PersonRoleRequired => L();
    public static string InvalidEmail => L();
    public static string InvalidState => L();
    public static string InvalidZipCode => L();
    public static string ContactTypeRequired => L();
    public static string PersonsReadOnly => L();
    public static string AssignmentsManagersOnly => L();
    public static string PersonNotCustomer => L();
    public static string PersonNotRepresentative => L();
    public static string CatalogUse_Contacts => L();
    public static string Field_Document => L();
    public static string Field_TradeName => L();

    // Commercial (ERP data)
    public static string Field_Unit => L();
    public static string Field_Price => L();
    public static string Field_Product => L();
    public static string Field_Quantity => L();
    public static string Field_Customer => L();
    public static string Field_IssueDate => L();
    public static string Field_DueDate => L();
    public static string Field_Number => L();
    public static string Field_Series => L();
    public static string Field_Installment => L();
    public static string Field_Amount => L();
    public static string Field_PaidAmount => L();
    public static string Field_StartDate => L();
    public static string Field_Value => L();
    public static string ItemsRequired => L();
    public static string EndBeforeStart => L();
    public static string DueBeforeIssue => L();
    public static string PaidDateRequired => L();
    public static string InvalidAccessKey => L();
    public static string CommercialImportManagersOnly => L();
    public static string CustomerCodeUnknown => L();
    public static string ProductCodeUnknown => L();
    public static string OrderCodeUnknown => L();
    public static string DuplicateInBatch => L();
    public static string CommercialDocumentNotFound => L();
    // Import
    public static string ImportUnsupportedFile => L();
    public static string ImportFileTooLarge => L();
    public static string ImportNoHeader => L();
    public static string ImportManagersOnly => L();
    public static string ImportInvalidDate => L();
    public static string ImportInvalidBoolean => L();
    public static string ImportInvalidNumber => L();
    public static string ImportInvalidOption => L();
    public static string Yes => L();
    public static string No => L();
    public static string ImportBatchTooLarge => L();
    public static string ImportRequiredFieldNotMapped => L();
    public static string ImportValueRequired => L();
    public static string ImportTargetNotFound => L();
    public static string Import_Persons => L();
    public static string Import_Contacts => L();

    // Commercial import targets
    public static string Import_Products => L();
    public static string Import_Receivables => L();
    public static string Import_Contracts => L();
    public static string Import_Quotes => L();
    public static string Import_SalesOrders => L();
    public static string Import_Invoices => L();
    public static string Field_Group => L();
    public static string Field_CustomerCode => L();
    public static string Field_ProductCode => L();
    public static string Field_PaidDate => L();
    public static string Field_EndDate => L();
    public static string Field_Status => L();
    public static string Field_UnitPrice => L();
    public static string Field_QuoteNumber => L();
    public static string Field_OrderNumber => L();
    public static string Field_ValidUntil => L();
    public static string Field_DeliveryDate => L();
    public static string Field_AccessKey => L();
    public static string ImportDocumentRowDiffers => L();
    public static string Field_ExternalCode => L();
    public static string Field_PersonType => L();
    public static string Field_Roles => L();
    public static string Field_Foreign => L();
    public static string Field_SecondaryEmail => L();
    public static string Field_Phone => L();
    public static string Field_Mobile => L();
    public static string Field_Street => L();
    public static string Field_Complement => L();
    public static string Field_District => L();
    public static string Field_City => L();
    public static string Field_State => L();
    public static string Field_ZipCode => L();
    public static string Field_Country => L();
    public static string Field_Active => L();
    public static string ImportDuplicateInFile => L();
    public static string Field_PersonExternalCode => L();
    public static string Field_ContactName => L();
    public static string Field_ContactTypeCode => L();
    public static string Field_Department => L();
    public static string Field_BirthDate => L();
    public static string ImportPersonNotFound => L();
    public static string ImportContactTypeUnknown => L();
    public static string ImportContactTypeInactive => L();
}
