using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Notifications;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tickets;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FoccoCrm.Core.Data;

public class FoccoDbContext(DbContextOptions<FoccoDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<UserCompany> UserCompanies => Set<UserCompany>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<ParameterAnswer> ParameterAnswers => Set<ParameterAnswer>();
    public DbSet<OccurrenceType> OccurrenceTypes => Set<OccurrenceType>();
    public DbSet<OccurrenceReason> OccurrenceReasons => Set<OccurrenceReason>();
    public DbSet<TicketType> TicketTypes => Set<TicketType>();
    public DbSet<TicketReason> TicketReasons => Set<TicketReason>();
    public DbSet<QuestionGrouper> QuestionGroupers => Set<QuestionGrouper>();
    public DbSet<ChecklistType> ChecklistTypes => Set<ChecklistType>();
    public DbSet<ContactType> ContactTypes => Set<ContactType>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<CustomerRepresentative> CustomerRepresentatives => Set<CustomerRepresentative>();
    public DbSet<PersonCount> PersonCounts => Set<PersonCount>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Quote> Quotes => Set<Quote>();
    public DbSet<QuoteItem> QuoteItems => Set<QuoteItem>();
    public DbSet<SalesOrder> SalesOrders => Set<SalesOrder>();
    public DbSet<SalesOrderItem> SalesOrderItems => Set<SalesOrderItem>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceItem> InvoiceItems => Set<InvoiceItem>();
    public DbSet<Receivable> Receivables => Set<Receivable>();
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<QuestionOption> QuestionOptions => Set<QuestionOption>();
    public DbSet<Checklist> Checklists => Set<Checklist>();
    public DbSet<ChecklistCompany> ChecklistCompanies => Set<ChecklistCompany>();
    public DbSet<ChecklistNode> ChecklistNodes => Set<ChecklistNode>();
    public DbSet<ChecklistVersion> ChecklistVersions => Set<ChecklistVersion>();
    public DbSet<ChecklistVersionQuestion> ChecklistVersionQuestions => Set<ChecklistVersionQuestion>();
    public DbSet<ChecklistResponse> ChecklistResponses => Set<ChecklistResponse>();
    public DbSet<ChecklistResponseAnswer> ChecklistResponseAnswers => Set<ChecklistResponseAnswer>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Occurrences.Occurrence> Occurrences => Set<Occurrences.Occurrence>();
    public DbSet<Occurrences.OccurrenceHistory> OccurrenceHistory => Set<Occurrences.OccurrenceHistory>();
    public DbSet<Occurrences.OccurrenceAttachment> OccurrenceAttachments => Set<Occurrences.OccurrenceAttachment>();
    public DbSet<Occurrences.OccurrenceSavedQuery> OccurrenceSavedQueries => Set<Occurrences.OccurrenceSavedQuery>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketTask> TicketTasks => Set<TicketTask>();
    public DbSet<TicketHistory> TicketHistory => Set<TicketHistory>();
    public DbSet<TicketCounter> TicketCounters => Set<TicketCounter>();
    public DbSet<Workflow.WorkflowSchedule> WorkflowSchedules => Set<Workflow.WorkflowSchedule>();
    public DbSet<Workflow.WorkflowRun> WorkflowRuns => Set<Workflow.WorkflowRun>();
    public DbSet<Workflow.DigestWatermark> DigestWatermarks => Set<Workflow.DigestWatermark>();
    public DbSet<Mail.OutboxMessage> OutboxMessages => Set<Mail.OutboxMessage>();
    public DbSet<Selections.SavedSelection> SavedSelections => Set<Selections.SavedSelection>();
    public DbSet<Selections.SavedSelectionMember> SavedSelectionMembers => Set<Selections.SavedSelectionMember>();
    public DbSet<Selections.SelectionRun> SelectionRuns => Set<Selections.SelectionRun>();
    public DbSet<Selections.SelectionRunOccurrence> SelectionRunOccurrences => Set<Selections.SelectionRunOccurrence>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FoccoDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as UTC DateTime (SQLite cannot order DateTimeOffset) and read back as Kind=Utc.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
