using System.Globalization;

namespace FoccoCrm.Core.Checklists;

/// <summary>The state of a checklist being filled: what shows, what is missing or wrong, and the answers to save.</summary>
public sealed record ChecklistEvaluation(
    IReadOnlySet<Guid> Visible,
    IReadOnlyDictionary<Guid, string> Errors,
    IReadOnlyList<ChecklistAnswer> CleanAnswers,
    int VisibleCount,
    int AnsweredCount,
    int RequiredCount,
    int RequiredAnsweredCount)
{
    public bool IsVisible(Guid nodeId) => Visible.Contains(nodeId);
    /// <summary>No invalid answer and every visible required node answered.</summary>
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The filling rules, pure and in Core (the component only shows them): roots always show; a child shows when its parent
/// shows and the parent's answer includes any of the child's options; required means required when visible; answers are
/// checked by kind; answers of hidden (and empty) nodes are dropped before saving.
/// </summary>
public static class ChecklistEngine
{
    public const int MaxTextLength = 2000;
    public static readonly DateOnly MinDate = new(1900, 1, 1);
    public static readonly DateOnly MaxDate = new(2199, 12, 31);

    /// <summary>The visible nodes for these answers.</summary>
    public static IReadOnlySet<Guid> VisibleNodes(ChecklistDefinition definition, IEnumerable<ChecklistAnswer> answers)
    {
        var byNode = Index(answers);
        var visible = new HashSet<Guid>();
        foreach (var root in definition.Roots) Visit(root);
        return visible;

        void Visit(FormNode node)
        {
            visible.Add(node.Id);
            var answer = byNode.GetValueOrDefault(node.Id);
            if (answer is null || answer.OptionIds.Count == 0) return;
            foreach (var child in definition.ChildrenOf(node.Id))
                if (child.ConditionOptionIds.Any(answer.OptionIds.Contains)) Visit(child);
        }
    }

    /// <summary>The answers worth saving: those of visible nodes that have something in them (one per node, the last given).</summary>
    public static IReadOnlyList<ChecklistAnswer> Clean(ChecklistDefinition definition, IEnumerable<ChecklistAnswer> answers)
    {
        var byNode = Index(answers);
        var visible = VisibleNodes(definition, byNode.Values);
        return [.. definition.Nodes.Where(n => visible.Contains(n.Id) && byNode.TryGetValue(n.Id, out var a) && !a.IsEmpty)
            .Select(n => Normalize(byNode[n.Id]))];
    }

    /// <summary>Visibility, errors (invalid answers of visible nodes; missing required ones), progress and the clean answers.</summary>
    public static ChecklistEvaluation Evaluate(ChecklistDefinition definition, IEnumerable<ChecklistAnswer> answers)
    {
        var byNode = Index(answers);
        var visible = VisibleNodes(definition, byNode.Values);
        var errors = new Dictionary<Guid, string>();
        int answered = 0, required = 0, requiredAnswered = 0;
        foreach (var node in definition.Nodes)
        {
            if (!visible.Contains(node.Id)) continue;
            var answer = byNode.GetValueOrDefault(node.Id);
            var has = answer is { IsEmpty: false };
            if (has)
            {
                answered++;
                if (ValidateAnswer(node.Question, answer!) is { } error) errors[node.Id] = error;
            }
            if (node.Required)
            {
                required++;
                if (has) requiredAnswered++;
                else errors[node.Id] = ChecklistMessages.AnswerRequired;
            }
        }
        var clean = definition.Nodes.Where(n => visible.Contains(n.Id) && byNode.TryGetValue(n.Id, out var a) && !a.IsEmpty)
            .Select(n => Normalize(byNode[n.Id])).ToList();
        return new ChecklistEvaluation(visible, errors, clean, visible.Count, answered, required, requiredAnswered);
    }

    /// <summary>Null when the (non-empty) answer fits the question's kind; otherwise the localized reason.</summary>
    public static string? ValidateAnswer(FormQuestion question, ChecklistAnswer answer)
    {
        switch (question.Kind)
        {
            case AnswerKind.SingleChoice or AnswerKind.YesNo or AnswerKind.MultipleChoice:
                if (answer.Text is not null || answer.Number is not null || answer.Date is not null || answer.OptionIds.Count == 0)
                    return ChecklistMessages.AnswerChooseOption;
                if (answer.OptionIds.Any(id => !question.HasOption(id))) return ChecklistMessages.AnswerUnknownOption;
                if (answer.OptionIds.Distinct().Count() != answer.OptionIds.Count) return ChecklistMessages.AnswerUnknownOption;
                if (question.Kind.IsSingleOption() && answer.OptionIds.Count != 1) return ChecklistMessages.AnswerOneOption;
                return null;
            case AnswerKind.Text:
                if (answer.OptionIds.Count > 0 || answer.Number is not null || answer.Date is not null || string.IsNullOrWhiteSpace(answer.Text))
                    return ChecklistMessages.AnswerTextExpected;
                return answer.Text.Trim().Length > MaxTextLength ? Common.Messages.Format(nameof(ChecklistMessages.AnswerTextTooLong), MaxTextLength) : null;
            case AnswerKind.Number:
                return answer.Number is null || answer.OptionIds.Count > 0 || answer.Date is not null || answer.Text is not null
                    ? ChecklistMessages.AnswerNumberExpected : null;
            case AnswerKind.Date:
                if (answer.Date is not { } d || answer.OptionIds.Count > 0 || answer.Number is not null || answer.Text is not null)
                    return ChecklistMessages.AnswerDateExpected;
                return d < MinDate || d > MaxDate ? ChecklistMessages.AnswerDateOutOfRange : null;
            default:
                return ChecklistMessages.AnswerChooseOption;
        }
    }

    /// <summary>
    /// Turns what the user typed into an answer of the node's kind (number in <paramref name="culture"/> or invariant, date as
    /// yyyy-MM-dd or in the culture's short format). Returns the answer or the localized error.
    /// </summary>
    public static (ChecklistAnswer? Answer, string? Error) Parse(FormNode node, string? raw, CultureInfo culture)
    {
        var s = raw?.Trim() ?? "";
        if (s.Length == 0) return (new ChecklistAnswer(node.Id, []), null);
        switch (node.Question.Kind)
        {
            case AnswerKind.Text:
                return (ChecklistAnswer.OfText(node.Id, s), null);
            case AnswerKind.Number:
                return decimal.TryParse(s, NumberStyles.Number, culture, out var n) || decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out n)
                    ? (ChecklistAnswer.OfNumber(node.Id, n), null)
                    : (null, ChecklistMessages.AnswerNumberExpected);
            case AnswerKind.Date:
                return DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    || DateOnly.TryParse(s, culture, DateTimeStyles.None, out d)
                    ? (ChecklistAnswer.OfDate(node.Id, d), null)
                    : (null, ChecklistMessages.AnswerDateExpected);
            default:
                var option = node.Question.Options.FirstOrDefault(o => string.Equals(o.Text, s, StringComparison.CurrentCultureIgnoreCase));
                return option is null ? (null, ChecklistMessages.AnswerUnknownOption) : (ChecklistAnswer.Options(node.Id, option.Id), null);
        }
    }

    private static Dictionary<Guid, ChecklistAnswer> Index(IEnumerable<ChecklistAnswer> answers)
    {
        var map = new Dictionary<Guid, ChecklistAnswer>();
        foreach (var a in answers) map[a.NodeId] = a;
        return map;
    }

    private static ChecklistAnswer Normalize(ChecklistAnswer a) => a with { Text = string.IsNullOrWhiteSpace(a.Text) ? null : a.Text.Trim() };
}
