using FoccoCrm.Core.Common;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Checklists;

/// <summary>What a filled checklist is about. Persons now (FERM0201); occurrences later (FERM0200) use <see cref="ChecklistResponse.OccurrenceId"/>.</summary>
public enum ChecklistSubject
{
    Person = 1,
    Occurrence = 2,
}

/// <summary>
/// A filled checklist: always against one published version, whose texts it keeps; answers are rows
/// (<see cref="ChecklistResponseAnswer"/>) with snapshots of the question and option texts, so SQL can ask
/// "persons whose answer to question Q is option A" and past answers never change when the draft or the bank does.
/// </summary>
public sealed class ChecklistResponse : IVersioned
{
    public int Id { get; private set; }
    public int ChecklistId { get; private set; }
    public int ChecklistVersionId { get; private set; }
    public ChecklistSubject Subject { get; private set; }
    public int? PersonId { get; private set; }
    /// <summary>For occurrences (a later feature); no foreign key yet.</summary>
    public int? OccurrenceId { get; private set; }
    /// <summary>The company it was filled in.</summary>
    public int CompanyId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public string UpdatedById { get; private set; } = "";
    public string UpdatedByName { get; private set; } = "";
    public Guid Version { get; set; }
    public List<ChecklistResponseAnswer> Answers { get; private set; } = [];

    private ChecklistResponse() { }

    public static ChecklistResponse ForPerson(int checklistId, int personId, int companyId, DateTime nowUtc) => new()
    {
        ChecklistId = checklistId, Subject = ChecklistSubject.Person, PersonId = personId, CompanyId = companyId, CreatedAtUtc = nowUtc,
    };

    /// <summary>For the occurrences feature (FERM0200): the occurrence's checklist.</summary>
    public static ChecklistResponse ForOccurrence(int checklistId, int occurrenceId, int companyId, DateTime nowUtc) => new()
    {
        ChecklistId = checklistId, Subject = ChecklistSubject.Occurrence, OccurrenceId = occurrenceId, CompanyId = companyId, CreatedAtUtc = nowUtc,
    };

    /// <summary>Replaces the answers with the clean answers (from <see cref="ChecklistEngine.Evaluate"/>) of <paramref name="definition"/>.</summary>
    internal void Fill(int versionId, ChecklistDefinition definition, IReadOnlyList<ChecklistAnswer> cleanAnswers, DateTime nowUtc, string userId, string userName)
    {
        ChecklistVersionId = versionId;
        UpdatedAtUtc = nowUtc;
        UpdatedById = userId;
        UpdatedByName = userName;
        Answers.Clear();
        foreach (var a in cleanAnswers)
        {
            var node = definition.Find(a.NodeId) ?? throw new InvalidOperationException("Answer for a node outside the version.");
            var q = node.Question;
            if (q.Kind.HasOptions())
                foreach (var optionId in a.OptionIds)
                    Answers.Add(new ChecklistResponseAnswer(node.Id, q.Id, q.Text, q.Kind) { OptionId = optionId, OptionText = q.OptionText(optionId) });
            else
                Answers.Add(new ChecklistResponseAnswer(node.Id, q.Id, q.Text, q.Kind)
                {
                    TextValue = q.Kind == AnswerKind.Text ? a.Text : null,
                    NumberValue = q.Kind == AnswerKind.Number ? a.Number : null,
                    DateValue = q.Kind == AnswerKind.Date ? a.Date : null,
                });
        }
    }

    /// <summary>The stored rows back as one answer per node.</summary>
    public IReadOnlyList<ChecklistAnswer> ToAnswers() => [.. Answers.GroupBy(a => a.NodeId).Select(g => new ChecklistAnswer(g.Key,
        [.. g.Where(x => x.OptionId != null).OrderBy(x => x.Id).Select(x => x.OptionId!.Value)],
        g.Select(x => x.TextValue).FirstOrDefault(x => x != null), g.Select(x => x.NumberValue).FirstOrDefault(x => x != null),
        g.Select(x => x.DateValue).FirstOrDefault(x => x != null)))];
}

/// <summary>
/// One stored answer value: a row per chosen option (multiple choice gives several rows), or one row with the text/number/date;
/// with the question and option texts as answered.
/// </summary>
public sealed class ChecklistResponseAnswer
{
    public int Id { get; private set; }
    public int ResponseId { get; private set; }
    public Guid NodeId { get; private set; }
    public int QuestionId { get; private set; }
    public string QuestionText { get; private set; } = "";
    public AnswerKind Kind { get; private set; }
    public int? OptionId { get; init; }
    public string? OptionText { get; init; }
    public string? TextValue { get; init; }
    public decimal? NumberValue { get; init; }
    public DateOnly? DateValue { get; init; }

    private ChecklistResponseAnswer() { }

    internal ChecklistResponseAnswer(Guid nodeId, int questionId, string questionText, AnswerKind kind)
    {
        NodeId = nodeId;
        QuestionId = questionId;
        QuestionText = questionText;
        Kind = kind;
    }
}

internal sealed class ChecklistResponseConfiguration : IEntityTypeConfiguration<ChecklistResponse>
{
    public void Configure(EntityTypeBuilder<ChecklistResponse> b)
    {
        b.ToTable("ChecklistResponses");
        b.Property(x => x.Subject).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.UpdatedById).HasMaxLength(450);
        b.Property(x => x.UpdatedByName).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Checklist>().WithMany().HasForeignKey(x => x.ChecklistId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ChecklistVersion>().WithMany().HasForeignKey(x => x.ChecklistVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Answers).WithOne().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PersonId, x.ChecklistId }).IsUnique().HasFilter("PersonId IS NOT NULL");
        b.HasIndex(x => x.OccurrenceId);
    }
}

internal sealed class ChecklistResponseAnswerConfiguration : IEntityTypeConfiguration<ChecklistResponseAnswer>
{
    public void Configure(EntityTypeBuilder<ChecklistResponseAnswer> b)
    {
        b.ToTable("ChecklistResponseAnswers");
        b.Property(x => x.QuestionText).HasMaxLength(QuestionInputValidator.TextMaxLength).IsRequired();
        b.Property(x => x.OptionText).HasMaxLength(QuestionInputValidator.OptionMaxLength);
        b.Property(x => x.TextValue).HasMaxLength(ChecklistEngine.MaxTextLength);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        // a REAL column, so SQL can compare numbers ("quantos veículos > 5")
        b.Property(x => x.NumberValue).HasConversion<double?>();
        b.HasIndex(x => new { x.QuestionId, x.OptionId });
        b.HasIndex(x => x.ResponseId);
    }
}
