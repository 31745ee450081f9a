using FoccoCrm.Core.Selections;

namespace FoccoCrm.Web.Features.Selections;

/// <summary>
/// What every part of the builder shares (cascaded from the builder): the definition being edited, the fields it may use,
/// where value options come from, which conditions are incomplete, and what to do after an edit.
/// </summary>
public sealed class BuilderState
{
    public required SelectionDefinition Definition { get; init; }
    /// <summary>The catalog's fields (static and additional data).</summary>
    public IReadOnlyList<SelectionField> Fields { get; set; } = SelectionCatalog.Fields;
    /// <summary>The related-data relations the target allows.</summary>
    public IReadOnlyList<SelectionRelation> Relations { get; set; } = SelectionCatalog.Relations;
    /// <summary>Options of a value editor for a field, filtered by the text typed (null = all / the first ones).</summary>
    public Func<SelectionField, string?, CancellationToken, Task<IReadOnlyList<SelectionValueOption>>> LoadOptions { get; set; } =
        (_, _, _) => Task.FromResult<IReadOnlyList<SelectionValueOption>>([]);
    /// <summary>Conditions left out of the count because they are not filled in yet.</summary>
    public IReadOnlySet<Guid> Incomplete { get; set; } = new HashSet<Guid>();
    /// <summary>Called after every edit (recount, sentence, re-render).</summary>
    public Func<Task> Changed { get; set; } = () => Task.CompletedTask;
    /// <summary>Opens "move to group" for a node.</summary>
    public Func<Guid, Task> MoveToGroup { get; set; } = _ => Task.CompletedTask;
    /// <summary>Labels of option values already seen (chips and the sentence show labels, the model keeps keys).</summary>
    public Dictionary<(string Field, string Value), string> OptionLabels { get; } = [];

    public SelectionField? Field(string? key) => Fields.FirstOrDefault(f => f.Key == key) ?? SelectionCatalog.Find(key);

    /// <summary>The fields a condition may use: the subject's at the top, the related record's inside a relation.</summary>
    public IEnumerable<SelectionField> FieldsFor(RelatedCondition? relation) =>
        relation is null
            ? Fields.Where(f => SelectionCatalog.TopLevelAllows(Definition.Target, f.Scope))
            : SelectionCatalog.FindRelation(relation.Relation) is { } r ? Fields.Where(f => SelectionCatalog.RelationAllows(r, f.Scope)) : [];

    public string OptionLabel(string field, string value) => OptionLabels.GetValueOrDefault((field, value)) ?? value;

    public void Remember(string field, IEnumerable<SelectionValueOption> options)
    {
        foreach (var o in options) OptionLabels[(field, o.Value)] = o.Label;
    }

    public Task EditAsync(Action edit)
    {
        edit();
        return Changed();
    }
}
