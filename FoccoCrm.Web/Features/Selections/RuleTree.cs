using FoccoCrm.Core.Selections;

namespace FoccoCrm.Web.Features.Selections;

/// <summary>
/// The builder's structural edits on a rule tree (add, duplicate, delete, move up/down, move to group, wrap in group) and
/// the numbering its labels use ("Condição 2 do grupo 1.3"). Only shape changes: what a condition means is Core's.
/// </summary>
public static class RuleTree
{
    /// <summary>A group of the tree with its number ("1" is the root, "1.2" its second child) and the relation it is inside of (null = the subject).</summary>
    public sealed record GroupInfo(SelectionGroup Group, string Number, RelatedCondition? Relation);

    /// <summary>Every group (related-data inner groups included), numbered in reading order.</summary>
    public static IReadOnlyList<GroupInfo> Groups(SelectionGroup root)
    {
        var list = new List<GroupInfo>();
        Visit(root, "1", null);
        return list;

        void Visit(SelectionGroup g, string number, RelatedCondition? relation)
        {
            list.Add(new GroupInfo(g, number, relation));
            for (var i = 0; i < g.Children.Count; i++)
            {
                var n = $"{number}.{i + 1}";
                switch (g.Children[i])
                {
                    case SelectionGroup child: Visit(child, n, relation); break;
                    case RelatedCondition r: Visit(r.Where, n, r); break;
                }
            }
        }
    }

    /// <summary>The number of a group ("1", "1.2", ...), or "?" when it is not in the tree.</summary>
    public static string NumberOf(SelectionGroup root, SelectionGroup group) => Groups(root).FirstOrDefault(g => g.Group == group)?.Number ?? "?";

    /// <summary>The group holding <paramref name="id"/> and its position there.</summary>
    public static (SelectionGroup Parent, int Index)? Locate(SelectionGroup root, Guid id)
    {
        foreach (var info in Groups(root))
        {
            var i = info.Group.Children.FindIndex(c => c.Id == id);
            if (i >= 0) return (info.Group, i);
        }
        return null;
    }

    public static SelectionCondition AddCondition(SelectionGroup group)
    {
        var c = new SelectionCondition();
        group.Children.Add(c);
        return c;
    }

    public static SelectionGroup AddGroup(SelectionGroup group)
    {
        var g = new SelectionGroup { Join = group.Join == GroupJoin.All ? GroupJoin.Any : GroupJoin.All };
        g.Children.Add(new SelectionCondition());
        group.Children.Add(g);
        return g;
    }

    public static RelatedCondition AddRelated(SelectionGroup group, string relation)
    {
        var r = new RelatedCondition { Relation = relation };
        r.Where.Children.Add(new SelectionCondition());
        group.Children.Add(r);
        return r;
    }

    /// <summary>Inserts a deep copy (new ids) right after the node; returns it.</summary>
    public static SelectionNode? Duplicate(SelectionGroup root, Guid id)
    {
        if (Locate(root, id) is not { } at) return null;
        var (parent, index) = at;
        var copy = parent.Children[index].Clone();
        parent.Children.Insert(index + 1, copy);
        return copy;
    }

    public static bool Delete(SelectionGroup root, Guid id)
    {
        if (Locate(root, id) is not { } at) return false;
        var (parent, index) = at;
        parent.Children.RemoveAt(index);
        return true;
    }

    /// <summary>Moves the node one place up (-1) or down (+1) inside its group; false at an end.</summary>
    public static bool Move(SelectionGroup root, Guid id, int delta)
    {
        if (Locate(root, id) is not { } at) return false;
        var (parent, index) = at;
        var to = index + delta;
        if (to < 0 || to >= parent.Children.Count) return false;
        (parent.Children[index], parent.Children[to]) = (parent.Children[to], parent.Children[index]);
        return true;
    }

    /// <summary>
    /// The groups the node may move to: not its own group, not inside itself, and in the same context (a ticket's
    /// conditions stay inside that ticket relation; the subject's stay outside any relation).
    /// </summary>
    public static IReadOnlyList<GroupInfo> MoveTargets(SelectionGroup root, Guid id)
    {
        if (Locate(root, id) is not { } at) return [];
        var (parent, index) = at;
        var all = Groups(root);
        var node = parent.Children[index];
        var context = all.First(g => g.Group == parent).Relation;
        var inside = node switch
        {
            SelectionGroup g => Groups(g).Select(x => x.Group).ToHashSet(),
            RelatedCondition r => Groups(r.Where).Select(x => x.Group).ToHashSet(),
            _ => [],
        };
        return all.Where(g => g.Group != parent && g.Relation == context && !inside.Contains(g.Group)).ToList();
    }

    /// <summary>Moves the node to the end of <paramref name="target"/> (one of <see cref="MoveTargets"/>).</summary>
    public static bool MoveTo(SelectionGroup root, Guid id, SelectionGroup target)
    {
        if (!MoveTargets(root, id).Any(t => t.Group == target)) return false;
        var (parent, index) = Locate(root, id)!.Value;
        var node = parent.Children[index];
        parent.Children.RemoveAt(index);
        target.Children.Add(node);
        return true;
    }

    /// <summary>Replaces the node by a new group (All) holding it; returns the group.</summary>
    public static SelectionGroup? Wrap(SelectionGroup root, Guid id)
    {
        if (Locate(root, id) is not { } at) return null;
        var (parent, index) = at;
        var group = new SelectionGroup { Join = GroupJoin.All };
        group.Children.Add(parent.Children[index]);
        parent.Children[index] = group;
        return group;
    }
}
