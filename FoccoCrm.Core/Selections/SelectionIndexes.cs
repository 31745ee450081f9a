using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Occurrences;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Selections;

// Indexes behind the related-data conditions of dynamic selections. The compiler turns "has a ticket where …" into
// "Persons.Id IN (SELECT CustomerId FROM Tickets WHERE CompanyId = @c AND …)", built once per query: these indexes make
// that subquery a range scan that never touches the table (the person column comes last, covered). Receivables, orders and
// quotes already have (CustomerId, CompanyId, date); contacts have PersonId.

internal sealed class SelectionTicketIndexes : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> b) =>
        b.HasIndex(x => new { x.CompanyId, x.TypeId, x.Status, x.CustomerId }, "IX_Tickets_Selection");
}

internal sealed class SelectionOccurrenceIndexes : IEntityTypeConfiguration<Occurrence>
{
    public void Configure(EntityTypeBuilder<Occurrence> b) =>
        b.HasIndex(x => new { x.CompanyId, x.TypeId, x.Status, x.PersonId }, "IX_Occurrences_Selection");
}

internal sealed class SelectionInvoiceIndexes : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b) =>
        b.HasIndex(x => new { x.CompanyId, x.IssueDate, x.CustomerId }, "IX_Invoices_Selection");
}

internal sealed class SelectionAnswerIndexes : IEntityTypeConfiguration<ChecklistResponseAnswer>
{
    public void Configure(EntityTypeBuilder<ChecklistResponseAnswer> b) =>
        b.HasIndex(x => new { x.QuestionId, x.OptionId, x.ResponseId }, "IX_ChecklistResponseAnswers_Selection");
}

/// <summary>A narrow covering index: counting a selection over a million persons scans it instead of the wide table when the rule
/// tests roles, state, city and activity (the common case).</summary>
internal sealed class SelectionPersonIndexes : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b) =>
        b.HasIndex(x => new { x.Roles, x.State, x.City, x.IsActive }, "IX_Persons_Selection");
}
