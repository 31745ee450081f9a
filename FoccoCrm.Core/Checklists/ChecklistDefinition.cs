using System.Text.Json;
using System.Text.Json.Serialization;

namespace FoccoCrm.Core.Checklists;

/// <summary>How a question (FERM0104) is answered.</summary>
public enum AnswerKind
{
    SingleChoice = 1,
    MultipleChoice = 2,
    YesNo = 3,
    Text = 4,
    Number = 5,
    Date = 6,
}

public static class AnswerKinds
{
    /// <summary>Choice and yes/no questions have options, so they can be the parent of a conditional node.</summary>
    public static bool HasOptions(this AnswerKind kind) => kind is AnswerKind.SingleChoice or AnswerKind.MultipleChoice or AnswerKind.YesNo;

    /// <summary>At most one option may be chosen.</summary>
    public static bool IsSingleOption(this AnswerKind kind) => kind is AnswerKind.SingleChoice or AnswerKind.YesNo;
}

/// <summary>An option of a choice question, with the text it had when the definition was taken.</summary>
public sealed record FormOption(int Id, string Text);

/// <summary>A question as a checklist shows it (text and options frozen when a version is published).</summary>
public sealed record FormQuestion(int Id, string Text, AnswerKind Kind, IReadOnlyList<FormOption> Options, int GrouperId = 0, bool IsActive = true)
{
    public bool HasOption(int optionId) => Options.Any(o => o.Id == optionId);
    public string? OptionText(int optionId) => Options.FirstOrDefault(o => o.Id == optionId)?.Text;
}

/// <summary>
/// A node of a checklist tree: a question, the parent node it hangs under (null for a root) and the parent's options that
/// show it ("any of"); <see cref="Order"/> among its siblings; required when visible.
/// </summary>
public sealed record FormNode(Guid Id, Guid? ParentId, IReadOnlyList<int> ConditionOptionIds, int Order, bool Required, FormQuestion Question);

/// <summary>
/// A whole checklist tree with its question texts: what a published <c>ChecklistVersion</c> freezes, what the draft preview
/// shows, and what <see cref="ChecklistEngine"/> evaluates. Nodes are in depth-first order (roots by order, then children).
/// </summary>
public sealed class ChecklistDefinition
{
    private readonly Dictionary<Guid, FormNode> byId;
    private readonly Dictionary<Guid, List<FormNode>> children = [];

    public ChecklistDefinition(IEnumerable<FormNode> nodes)
    {
        var all = nodes.ToList();
        byId = all.ToDictionary(n => n.Id);
        foreach (var group in all.Where(n => n.ParentId is not null).GroupBy(n => n.ParentId!.Value))
            children[group.Key] = [.. group.OrderBy(n => n.Order)];
        Roots = [.. all.Where(n => n.ParentId is null || !byId.ContainsKey(n.ParentId.Value)).OrderBy(n => n.Order)];
        var ordered = new List<FormNode>(all.Count);
        void Walk(FormNode n)
        {
            ordered.Add(n);
            foreach (var c in ChildrenOf(n.Id)) Walk(c);
        }
        foreach (var r in Roots) Walk(r);
        Nodes = ordered;
    }

    public static ChecklistDefinition Empty { get; } = new([]);

    /// <summary>Every node, depth-first.</summary>
    public IReadOnlyList<FormNode> Nodes { get; }
    public IReadOnlyList<FormNode> Roots { get; }
    public int Count => Nodes.Count;

    public FormNode? Find(Guid id) => byId.GetValueOrDefault(id);
    public IReadOnlyList<FormNode> ChildrenOf(Guid id) => children.TryGetValue(id, out var list) ? list : [];

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record Stored(List<FormNode> Nodes);

    public string ToJson() => JsonSerializer.Serialize(new Stored([.. Nodes]), Json);

    public static ChecklistDefinition FromJson(string json) =>
        new(JsonSerializer.Deserialize<Stored>(json, Json)?.Nodes ?? []);
}

/// <summary>
/// One node's answer. Choice kinds use <see cref="OptionIds"/>; text uses <see cref="Text"/>; number <see cref="Number"/>;
/// date <see cref="Date"/>. An answer with nothing in it counts as not answered.
/// </summary>
public sealed record ChecklistAnswer(Guid NodeId, IReadOnlyList<int> OptionIds, string? Text = null, decimal? Number = null, DateOnly? Date = null)
{
    public static ChecklistAnswer Options(Guid nodeId, params int[] optionIds) => new(nodeId, optionIds);
    public static ChecklistAnswer OfText(Guid nodeId, string? text) => new(nodeId, [], Text: text);
    public static ChecklistAnswer OfNumber(Guid nodeId, decimal? number) => new(nodeId, [], Number: number);
    public static ChecklistAnswer OfDate(Guid nodeId, DateOnly? date) => new(nodeId, [], Date: date);

    public bool IsEmpty => OptionIds.Count == 0 && string.IsNullOrWhiteSpace(Text) && Number is null && Date is null;
}
