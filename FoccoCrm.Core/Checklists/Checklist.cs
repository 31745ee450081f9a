using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Checklists;

/// <summary>
/// A checklist (FERM0105): header, linked companies, the DRAFT question tree (<see cref="Nodes"/>, edited through
/// <see cref="ChecklistDesignService"/>) and its published immutable <see cref="ChecklistVersion"/>s.
/// <see cref="DraftRevision"/> counts draft changes, so "changes not published yet" is a comparison.
/// </summary>
public sealed class Checklist : IVersioned
{
    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Description { get; private set; } = "";
    public int TypeId { get; private set; }
    public int? ProductId { get; private set; }
    public bool IsActive { get; private set; } = true;
    public int DraftRevision { get; private set; }
    public Guid Version { get; set; }
    public List<ChecklistCompany> Companies { get; private set; } = [];
    public List<ChecklistNode> Nodes { get; private set; } = [];
    public List<ChecklistVersion> Versions { get; private set; } = [];

    private Checklist() { }

    public static Checklist Create(ChecklistInput input)
    {
        var c = new Checklist();
        c.Apply(input);
        return c;
    }

    public void Apply(ChecklistInput input)
    {
        Code = input.Code.Trim().ToUpperInvariant();
        Description = input.Description.Trim();
        TypeId = input.TypeId;
        ProductId = input.ProductId;
        IsActive = input.IsActive;
        var wanted = input.CompanyIds.Distinct().ToHashSet();
        Companies.RemoveAll(c => !wanted.Contains(c.CompanyId));
        foreach (var id in wanted.Where(id => Companies.All(c => c.CompanyId != id))) Companies.Add(new ChecklistCompany { CompanyId = id });
    }

    public void Deactivate() => IsActive = false;

    /// <summary>Marks the draft as changed (and, through <see cref="IVersioned"/>, stamps a new concurrency version).</summary>
    internal void TouchDraft() => DraftRevision++;
}

/// <summary>A company the checklist is linked to (a checklist with none cannot be published or used).</summary>
public sealed class ChecklistCompany
{
    public int ChecklistId { get; set; }
    public int CompanyId { get; set; }
}

/// <summary>A node of the draft tree. Ids are Guids made by the tree model, kept across versions (answers point to them).</summary>
public sealed class ChecklistNode
{
    public Guid Id { get; private set; }
    public int ChecklistId { get; private set; }
    public int QuestionId { get; private set; }
    public Guid? ParentId { get; private set; }
    /// <summary>The parent's options that show this node ("any of"); empty for roots.</summary>
    public List<int> OptionIds { get; private set; } = [];
    public int Order { get; private set; }
    public bool Required { get; private set; }

    private ChecklistNode() { }

    internal static ChecklistNode From(int checklistId, TreeNode n) => new()
    {
        Id = n.Id, ChecklistId = checklistId, QuestionId = n.QuestionId, ParentId = n.ParentId, OptionIds = [.. n.OptionIds],
        Order = n.Order, Required = n.Required,
    };

    public TreeNode ToTreeNode() => new(Id, QuestionId, ParentId, [.. OptionIds], Order, Required);
}

/// <summary>A published, immutable version of a checklist: the tree with the question and option texts as they were.</summary>
public sealed class ChecklistVersion
{
    public int Id { get; private set; }
    public int ChecklistId { get; private set; }
    public int Number { get; private set; }
    public DateTime PublishedAtUtc { get; private set; }
    public string PublishedById { get; private set; } = "";
    public string PublishedByName { get; private set; } = "";
    public int DraftRevision { get; private set; }
    public int NodeCount { get; private set; }
    /// <summary>The frozen <see cref="ChecklistDefinition"/> (JSON).</summary>
    public string Definition { get; private set; } = "";

    /// <summary>The bank questions the version uses (for "used in N checklists" in SQL; the texts live in <see cref="Definition"/>).</summary>
    public List<ChecklistVersionQuestion> Questions { get; private set; } = [];

    private ChecklistVersion() { }

    internal static ChecklistVersion Publish(Checklist checklist, int number, ChecklistDefinition definition, DateTime nowUtc, string userId, string userName) => new()
    {
        ChecklistId = checklist.Id, Number = number, PublishedAtUtc = nowUtc, PublishedById = userId, PublishedByName = userName,
        DraftRevision = checklist.DraftRevision, NodeCount = definition.Count, Definition = definition.ToJson(),
        Questions = [.. definition.Nodes.Select(n => n.Question.Id).Distinct().Select(q => new ChecklistVersionQuestion { ChecklistId = checklist.Id, QuestionId = q })],
    };

    public ChecklistDefinition ToDefinition() => ChecklistDefinition.FromJson(Definition);
}

/// <summary>A bank question used by a published version.</summary>
public sealed class ChecklistVersionQuestion
{
    public int VersionId { get; set; }
    public int ChecklistId { get; set; }
    public int QuestionId { get; set; }
}

internal sealed class ChecklistVersionQuestionConfiguration : IEntityTypeConfiguration<ChecklistVersionQuestion>
{
    public void Configure(EntityTypeBuilder<ChecklistVersionQuestion> b)
    {
        b.ToTable("ChecklistVersionQuestions");
        b.HasKey(x => new { x.VersionId, x.QuestionId });
        b.HasOne<Question>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.QuestionId, x.ChecklistId });
    }
}

internal sealed class ChecklistConfiguration : IEntityTypeConfiguration<Checklist>
{
    public void Configure(EntityTypeBuilder<Checklist> b)
    {
        b.ToTable("Checklists");
        b.Property(x => x.Code).HasMaxLength(ChecklistInputValidator.CodeMaxLength).IsRequired();
        b.Property(x => x.Description).HasMaxLength(ChecklistInputValidator.DescriptionMaxLength).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.Code).IsUnique();
        b.HasOne<ChecklistType>().WithMany().HasForeignKey(x => x.TypeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Companies).WithOne().HasForeignKey(x => x.ChecklistId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Nodes).WithOne().HasForeignKey(x => x.ChecklistId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Versions).WithOne().HasForeignKey(x => x.ChecklistId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChecklistCompanyConfiguration : IEntityTypeConfiguration<ChecklistCompany>
{
    public void Configure(EntityTypeBuilder<ChecklistCompany> b)
    {
        b.ToTable("ChecklistCompanies");
        b.HasKey(x => new { x.ChecklistId, x.CompanyId });
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.CompanyId);
    }
}

internal sealed class ChecklistNodeConfiguration : IEntityTypeConfiguration<ChecklistNode>
{
    public void Configure(EntityTypeBuilder<ChecklistNode> b)
    {
        b.ToTable("ChecklistNodes");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasOne<Question>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.QuestionId);
    }
}

internal sealed class ChecklistVersionConfiguration : IEntityTypeConfiguration<ChecklistVersion>
{
    public void Configure(EntityTypeBuilder<ChecklistVersion> b)
    {
        b.ToTable("ChecklistVersions");
        b.Property(x => x.PublishedById).HasMaxLength(450);
        b.Property(x => x.PublishedByName).HasMaxLength(200);
        b.HasIndex(x => new { x.ChecklistId, x.Number }).IsUnique();
        b.HasMany(x => x.Questions).WithOne().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
