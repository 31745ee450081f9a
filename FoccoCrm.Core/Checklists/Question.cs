using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Checklists;

/// <summary>
/// A question of the bank (FERM0104). Choice questions have ordered options with stable ids: editing an option's text keeps
/// its id (conditions and answers point to ids); yes/no questions always have the fixed options Sim/Não.
/// </summary>
public sealed class Question : IVersioned
{
    public const string YesText = "Sim";
    public const string NoText = "Não";

    public int Id { get; private set; }
    public string Text { get; private set; } = "";
    public int GrouperId { get; private set; }
    public AnswerKind Kind { get; private set; }
    public bool IsActive { get; private set; } = true;
    public Guid Version { get; set; }
    public List<QuestionOption> Options { get; private set; } = [];

    private Question() { }

    public static Question Create(QuestionInput input)
    {
        var q = new Question();
        q.Apply(input);
        return q;
    }

    /// <summary>
    /// Copies a validated input. Options with an <see cref="QuestionOptionInput.Id"/> of this question keep it (text and order
    /// change), the others are new; options left out are removed (dependents in checklist drafts become orphaned).
    /// </summary>
    public void Apply(QuestionInput input)
    {
        Text = input.Text.Trim();
        GrouperId = input.GrouperId;
        IsActive = input.IsActive;
        Kind = input.Kind;
        if (!Kind.HasOptions())
        {
            Options.Clear();
            return;
        }
        var wanted = Kind == AnswerKind.YesNo
            ? YesNoOptions()
            : input.Options.Select(o => (o.Id, Text: o.Text.Trim())).ToList();
        var keep = new List<QuestionOption>();
        for (var i = 0; i < wanted.Count; i++)
        {
            var (id, text) = wanted[i];
            var existing = id is { } oid ? Options.FirstOrDefault(o => o.Id == oid && oid != 0 && !keep.Contains(o)) : null; // an id given twice keeps it once
            if (existing is null) keep.Add(QuestionOption.Create(text, i));
            else
            {
                existing.Change(text, i);
                keep.Add(existing);
            }
        }
        Options.RemoveAll(o => !keep.Contains(o));
        foreach (var o in keep.Where(o => !Options.Contains(o))) Options.Add(o);

        List<(int? Id, string Text)> YesNoOptions()
        {
            // keep the ids of Sim/Não when the question already had them (by text), so conditions survive
            var yes = Options.FirstOrDefault(o => o.Text == YesText)?.Id;
            var no = Options.FirstOrDefault(o => o.Text == NoText)?.Id;
            return [(yes, YesText), (no, NoText)];
        }
    }

    public void Deactivate() => IsActive = false;

    public FormQuestion ToForm() => new(Id, Text, Kind, [.. Options.OrderBy(o => o.Order).Select(o => new FormOption(o.Id, o.Text))], GrouperId, IsActive);
}

/// <summary>An answer option of a choice question.</summary>
public sealed class QuestionOption
{
    public int Id { get; private set; }
    public int QuestionId { get; private set; }
    public string Text { get; private set; } = "";
    public int Order { get; private set; }

    private QuestionOption() { }

    internal static QuestionOption Create(string text, int order) => new() { Text = text, Order = order };

    internal void Change(string text, int order)
    {
        Text = text;
        Order = order;
    }
}

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> b)
    {
        b.ToTable("Questions");
        b.Property(x => x.Text).HasMaxLength(QuestionInputValidator.TextMaxLength).IsRequired();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<QuestionGrouper>().WithMany().HasForeignKey(x => x.GrouperId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Options).WithOne().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.GrouperId, x.Text });
    }
}

internal sealed class QuestionOptionConfiguration : IEntityTypeConfiguration<QuestionOption>
{
    public void Configure(EntityTypeBuilder<QuestionOption> b)
    {
        b.ToTable("QuestionOptions");
        b.Property(x => x.Text).HasMaxLength(QuestionInputValidator.OptionMaxLength).IsRequired();
    }
}
