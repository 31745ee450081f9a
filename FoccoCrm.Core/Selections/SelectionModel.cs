using System.Text.Json;
using System.Text.Json.Serialization;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Persons;

namespace FoccoCrm.Core.Selections;

/// <summary>What a selection returns: persons, or the contacts of persons.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelectionTarget>))]
public enum SelectionTarget { Persons = 0, Contacts = 1 }

/// <summary>How a group joins its children: all of them (AND) or any of them (OR).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GroupJoin>))]
public enum GroupJoin { All = 0, Any = 1 }

/// <summary>
/// How many related records (tickets, invoices, ...) must match the inner group — all inner conditions apply to the
/// SAME record: at least one, none, all of them (vacuously true without records), or at least N.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RelatedMode>))]
public enum RelatedMode { AtLeastOne = 0, None = 1, All = 2, AtLeastN = 3 }

/// <summary>The operators a condition can use; which ones a field allows is in its catalog entry.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelectionOperator>))]
public enum SelectionOperator
{
    Equals = 0,
    NotEquals = 1,
    /// <summary>Any of the values (multi-select).</summary>
    In = 2,
    NotIn = 3,
    Contains = 4,
    StartsWith = 5,
    /// <summary>Two values, both inclusive.</summary>
    Between = 6,
    GreaterThan = 7,
    GreaterOrEqual = 8,
    LessThan = 9,
    LessOrEqual = 10,
    /// <summary>Date strictly before the value.</summary>
    Before = 11,
    /// <summary>Date strictly after the value.</summary>
    After = 12,
    /// <summary>Relative date: more than N days ago ("há mais de N dias").</summary>
    MoreThanDaysAgo = 13,
    /// <summary>Relative date: within the last N days, today included ("nos últimos N dias").</summary>
    WithinLastDays = 14,
    IsEmpty = 15,
    IsNotEmpty = 16,
    IsTrue = 17,
    IsFalse = 18,
}

/// <summary>A node of the rule tree: a group, a condition on a field, or a related-data condition.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(SelectionGroup), "group")]
[JsonDerivedType(typeof(SelectionCondition), "condition")]
[JsonDerivedType(typeof(RelatedCondition), "related")]
public abstract class SelectionNode
{
    /// <summary>Stable id of the node (UI keys, validation issues and explanations refer to it).</summary>
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>A deep copy with new ids (duplicate in the builder).</summary>
    public abstract SelectionNode Clone();
}

/// <summary>A group of conditions joined by All/Any, optionally negated (NÃO).</summary>
public sealed class SelectionGroup : SelectionNode
{
    public GroupJoin Join { get; set; } = GroupJoin.All;
    public bool Negated { get; set; }
    public List<SelectionNode> Children { get; set; } = [];

    public override SelectionNode Clone() => new SelectionGroup { Join = Join, Negated = Negated, Children = Children.Select(c => c.Clone()).ToList() };

    public SelectionGroup CloneGroup() => (SelectionGroup)Clone();
}

/// <summary>
/// field → operator → values. Values are invariant-culture text: numbers "1234.5", dates "2026-01-31", ids "12",
/// booleans "true"; Between has two, In/NotIn any number, relative dates one (days), IsEmpty/IsTrue none.
/// </summary>
public sealed class SelectionCondition : SelectionNode
{
    public string Field { get; set; } = "";
    public SelectionOperator? Operator { get; set; }
    public List<string> Values { get; set; } = [];

    public override SelectionNode Clone() => new SelectionCondition { Field = Field, Operator = Operator, Values = [.. Values] };
}

/// <summary>
/// "has [at least one | none | all | ≥ N] &lt;relation&gt; where {Where}" — Where's conditions apply to the same related record.
/// </summary>
public sealed class RelatedCondition : SelectionNode
{
    /// <summary>A relation key of the catalog (<see cref="SelectionRelations"/>).</summary>
    public string Relation { get; set; } = "";
    public RelatedMode Mode { get; set; } = RelatedMode.AtLeastOne;
    /// <summary>N of <see cref="RelatedMode.AtLeastN"/>.</summary>
    public int? Count { get; set; }
    public SelectionGroup Where { get; set; } = new();

    public override SelectionNode Clone() => new RelatedCondition { Relation = Relation, Mode = Mode, Count = Count, Where = Where.CloneGroup() };
}

/// <summary>
/// A whole selection: target, roles filter and the rule tree. Stored as JSON with <see cref="SchemaVersion"/> so older
/// saved selections can be upgraded when the model changes.
/// </summary>
public sealed class SelectionDefinition
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;
    public SelectionTarget Target { get; set; } = SelectionTarget.Persons;
    /// <summary>Persons having ANY of these roles; None = every role.</summary>
    public PersonRoles Roles { get; set; } = PersonRoles.None;
    public SelectionGroup Root { get; set; } = new();

    public SelectionDefinition Clone() => new() { SchemaVersion = SchemaVersion, Target = Target, Roles = Roles, Root = Root.CloneGroup() };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        MaxDepth = 64,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored definition; malformed JSON or a newer schema is a <see cref="BusinessRuleException"/>.</summary>
    public static SelectionDefinition FromJson(string json)
    {
        SelectionDefinition? d;
        try
        {
            d = JsonSerializer.Deserialize<SelectionDefinition>(json, Json);
        }
        catch (JsonException)
        {
            throw new BusinessRuleException(SelectionMessages.SelectionJsonInvalid);
        }
        catch (NotSupportedException)
        {
            throw new BusinessRuleException(SelectionMessages.SelectionJsonInvalid);
        }
        if (d is null || d.Root is null) throw new BusinessRuleException(SelectionMessages.SelectionJsonInvalid);
        if (d.SchemaVersion > CurrentSchemaVersion || d.SchemaVersion < 1) throw new BusinessRuleException(SelectionMessages.SelectionSchemaUnsupported);
        d.SchemaVersion = CurrentSchemaVersion;
        return d;
    }

    /// <summary>Every node with its path ("1.2" = second child of the first child of the root; related inner groups continue the path).</summary>
    public IEnumerable<(SelectionNode Node, string Path, int Depth)> Walk()
    {
        return Visit(Root, "", 0);

        static IEnumerable<(SelectionNode, string, int)> Visit(SelectionNode node, string path, int depth)
        {
            yield return (node, path, depth);
            IEnumerable<SelectionNode> children = node switch
            {
                SelectionGroup g => g.Children ?? [],
                RelatedCondition r when r.Where is not null => r.Where.Children ?? [],
                _ => [],
            };
            var i = 0;
            foreach (var child in children)
            {
                i++;
                if (child is null) continue;
                foreach (var x in Visit(child, path.Length == 0 ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{path}.{i}", depth + 1))
                    yield return x;
            }
        }
    }
}
