using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace FoccoCrm.Web.Infrastructure.Diagnostics;

/// <summary>
/// Development diagnostics: counts the live components of open circuits by type, with their render-tree frames and the
/// capacity of the two frame buffers each component keeps (current and next render). It reads framework internals by
/// reflection (Circuit → CircuitHost → RemoteRenderer → component states), so it is for the benchmarks only and answers
/// an empty census if a framework update renames them.
/// </summary>
public static class ComponentCensus
{
    private const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

    public sealed record Row(string Type, int Count, long Frames, long Capacity);

    public sealed record Report(int Circuits, int Components, long Frames, long Capacity, IReadOnlyList<Row> Types);

    public static Report Take(IEnumerable<Circuit> circuits)
    {
        var rows = new Dictionary<string, (int Count, long Frames, long Capacity)>();
        var circuitCount = 0;
        foreach (var circuit in circuits)
        {
            circuitCount++;
            var host = Field(circuit, "_circuitHost");
            var renderer = host is null ? null : Property(host, "Renderer");
            if (renderer is null || FieldOf(renderer.GetType(), "_componentStateById")?.GetValue(renderer) is not IDictionary states) continue;
            foreach (DictionaryEntry entry in states)
            {
                var state = entry.Value!;
                var component = Property(state, "Component");
                var name = component is null ? "?" : Name(component.GetType());
                var (frames, capacity) = Buffers(Property(state, "CurrentRenderTree"));
                var (_, nextCapacity) = Buffers(Field(state, "_nextRenderTree") ?? Field(state, "<NextRenderTree>k__BackingField"));
                var row = rows.GetValueOrDefault(name);
                rows[name] = (row.Count + 1, row.Frames + frames, row.Capacity + capacity + nextCapacity);
            }
        }
        var types = rows.Select(r => new Row(r.Key, r.Value.Count, r.Value.Frames, r.Value.Capacity)).OrderByDescending(r => r.Capacity).ToList();
        return new Report(circuitCount, types.Sum(t => t.Count), types.Sum(t => t.Frames), types.Sum(t => t.Capacity), types);
    }

    private static (int Frames, int Capacity) Buffers(object? builder)
    {
        var entries = builder is null ? null : Field(builder, "_entries");
        if (entries is null) return (0, 0);
        var count = Property(entries, "Count") as int? ?? 0;
        var buffer = Property(entries, "Buffer") as Array;
        return (count, buffer?.Length ?? 0);
    }

    private static string Name(Type type) =>
        type.IsGenericType ? $"{type.Name.Split('`')[0]}<{string.Join(",", type.GetGenericArguments().Select(Name))}>" : type.Name;

    private static FieldInfo? FieldOf(Type? type, string name)
    {
        for (; type is not null; type = type.BaseType)
            if (type.GetField(name, Private | BindingFlags.DeclaredOnly) is { } field) return field;
        return null;
    }

    private static object? Field(object target, string name) => FieldOf(target.GetType(), name)?.GetValue(target);

    private static object? Property(object target, string name)
    {
        for (var type = target.GetType(); type is not null; type = type.BaseType)
            if (type.GetProperty(name, Private | BindingFlags.DeclaredOnly) is { } property) return property.GetValue(target);
        return null;
    }
}
