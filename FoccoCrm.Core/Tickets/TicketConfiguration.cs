using FoccoCrm.Core.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Tickets;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public const string OneDocumentCheck = "CK_Tickets_QuoteOrOrder";

    public void Configure(EntityTypeBuilder<Ticket> b)
    {
        b.ToTable("Tickets", t => t.HasCheckConstraint(OneDocumentCheck, "\"QuoteId\" IS NULL OR \"SalesOrderId\" IS NULL"));
        b.Property(x => x.Situation).HasMaxLength(4000).IsRequired();
        b.Property(x => x.Solution).HasMaxLength(4000);
        b.Property(x => x.CancelReason).HasMaxLength(1000);
        b.Property(x => x.OpenedById).HasMaxLength(450).IsRequired();
        b.Property(x => x.UpdatedById).HasMaxLength(450).IsRequired();
        b.Property(x => x.UpdatedByName).HasMaxLength(120).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsOpen);
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Customer).WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Contact).WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(x => x.Type).WithMany().HasForeignKey(x => x.TypeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Reason).WithMany().HasForeignKey(x => x.ReasonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Responsible).WithMany().HasForeignKey(x => x.ResponsibleId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(x => x.Quote).WithMany().HasForeignKey(x => x.QuoteId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(x => x.SalesOrder).WithMany().HasForeignKey(x => x.SalesOrderId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Tasks).WithOne().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);

        b.HasIndex(x => new { x.CompanyId, x.Number }).IsUnique();
        // One quote / one order belongs to one ticket (NULLs are distinct in SQLite unique indexes).
        b.HasIndex(x => x.QuoteId).IsUnique();
        b.HasIndex(x => x.SalesOrderId).IsUnique();
        // The board (columns by status / by responsible) and the lists.
        b.HasIndex(x => new { x.CompanyId, x.Status, x.Priority, x.Number });
        b.HasIndex(x => new { x.CompanyId, x.ResponsibleId, x.Status });
        b.HasIndex(x => new { x.CompanyId, x.CustomerId, x.OpenedAtUtc });
        b.HasIndex(x => new { x.CompanyId, x.OpenedAtUtc });
    }
}

internal sealed class TicketTaskConfiguration : IEntityTypeConfiguration<TicketTask>
{
    public void Configure(EntityTypeBuilder<TicketTask> b)
    {
        b.ToTable("TicketTasks");
        b.Property(x => x.ResponsibleId).HasMaxLength(450).IsRequired();
        b.Property(x => x.Description).HasMaxLength(1000).IsRequired();
        b.Property(x => x.Result).HasMaxLength(2000);
        b.Property(x => x.CreatedById).HasMaxLength(450).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Responsible).WithMany().HasForeignKey(x => x.ResponsibleId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TicketId, x.Done, x.DueAtUtc });
        b.HasIndex(x => new { x.ResponsibleId, x.Done, x.DueAtUtc });
    }
}

internal sealed class TicketHistoryConfiguration : IEntityTypeConfiguration<TicketHistory>
{
    public void Configure(EntityTypeBuilder<TicketHistory> b)
    {
        b.ToTable("TicketHistory");
        b.Property(x => x.UserId).HasMaxLength(450).IsRequired();
        b.Property(x => x.UserName).HasMaxLength(120).IsRequired();
        b.Property(x => x.Field).HasMaxLength(40).IsRequired();
        b.Property(x => x.From).HasMaxLength(1000);
        b.Property(x => x.To).HasMaxLength(1000);
        b.HasOne(x => x.Ticket).WithMany().HasForeignKey(x => x.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.TicketId, x.AtUtc });
    }
}

internal sealed class TicketCounterConfiguration : IEntityTypeConfiguration<TicketCounter>
{
    public void Configure(EntityTypeBuilder<TicketCounter> b)
    {
        b.ToTable("TicketCounters");
        b.HasKey(x => x.CompanyId);
        b.Property(x => x.CompanyId).ValueGeneratedNever();
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}
