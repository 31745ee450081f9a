using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Occurrences;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Selections;

// Indexes that keep the related-data EXISTS subqueries of dynamic selections fast: each starts with the person column the
// subquery correlates on, then the company and the columns conditions usually test, so one index seek answers the EXISTS.
// (Invoices/orders/quotes/receivables already have (CustomerId, CompanyId, date); contacts have PersonId.)

internal sealed class SelectionTicketIndexes : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> b) =>
        b.HasIndex(x => new { x.CustomerId, x.CompanyId, x.TypeId, x.Status }, "IX_Tickets_Selection");
}

internal sealed class SelectionOccurrenceIndexes : IEntityTypeConfiguration<Occurrence>
{
    public void Configure(EntityTypeBuilder<Occurrence> b) =>
        b.HasIndex(x => new { x.PersonId, x.CompanyId, x.TypeId, x.Status }, "IX_Occurrences_Selection");
}

internal sealed class SelectionAnswerIndexes : IEntityTypeConfiguration<ChecklistResponseAnswer>
{
    public void Configure(EntityTypeBuilder<ChecklistResponseAnswer> b) =>
        b.HasIndex(x => new { x.ResponseId, x.QuestionId, x.OptionId }, "IX_ChecklistResponseAnswers_Selection");
}

internal sealed class SelectionPersonIndexes : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b) =>
        b.HasIndex(x => new { x.State, x.City }, "IX_Persons_State_City");
}
