using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Catalogs;

/// <summary>One table per catalog; the shared columns are configured once here.</summary>
internal static class CatalogEntryMapping
{
    public static void MapEntry<T>(this EntityTypeBuilder<T> b, string table) where T : CatalogEntry
    {
        b.ToTable(table);
        b.Property(x => x.Description).HasMaxLength(CatalogEntryInputValidator.DescriptionMaxLength).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
    }

    public static void MapTopLevel<T>(this EntityTypeBuilder<T> b, string table) where T : CatalogEntry
    {
        b.MapEntry(table);
        b.HasIndex(x => x.Code).IsUnique();
    }

    public static void MapReason<T>(this EntityTypeBuilder<T> b, string table) where T : CatalogReason
    {
        b.MapEntry(table);
        b.HasIndex(x => new { x.TypeId, x.Code }).IsUnique();
    }
}

internal sealed class OccurrenceTypeConfiguration : IEntityTypeConfiguration<OccurrenceType>
{
    public void Configure(EntityTypeBuilder<OccurrenceType> b)
    {
        b.MapTopLevel("OccurrenceTypes");
        b.HasOne<Checklists.Checklist>().WithMany().HasForeignKey(x => x.ChecklistId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Reasons).WithOne(x => x.Type).HasForeignKey(x => x.TypeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OccurrenceReasonConfiguration : IEntityTypeConfiguration<OccurrenceReason>
{
    public void Configure(EntityTypeBuilder<OccurrenceReason> b) => b.MapReason("OccurrenceReasons");
}

internal sealed class TicketTypeConfiguration : IEntityTypeConfiguration<TicketType>
{
    public void Configure(EntityTypeBuilder<TicketType> b)
    {
        b.MapTopLevel("TicketTypes");
        b.HasMany(x => x.Reasons).WithOne(x => x.Type).HasForeignKey(x => x.TypeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TicketReasonConfiguration : IEntityTypeConfiguration<TicketReason>
{
    public void Configure(EntityTypeBuilder<TicketReason> b) => b.MapReason("TicketReasons");
}

internal sealed class QuestionGrouperConfiguration : IEntityTypeConfiguration<QuestionGrouper>
{
    public void Configure(EntityTypeBuilder<QuestionGrouper> b) => b.MapTopLevel("QuestionGroupers");
}

internal sealed class ChecklistTypeConfiguration : IEntityTypeConfiguration<ChecklistType>
{
    public void Configure(EntityTypeBuilder<ChecklistType> b)
    {
        b.MapTopLevel("ChecklistTypes");
        b.Property(x => x.Usage).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class ContactTypeConfiguration : IEntityTypeConfiguration<ContactType>
{
    public void Configure(EntityTypeBuilder<ContactType> b) => b.MapTopLevel("ContactTypes");
}
