using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FoccoCrm.Core.Import;

/// <summary>The import engine's entry point for the page: the registered targets, reading files, automatic mapping, templates.</summary>
public sealed class ImportService(IEnumerable<IImportTarget> targets)
{
    private readonly IReadOnlyList<IImportTarget> _targets = targets.ToList();

    /// <summary>The targets the user may import into, in registration order.</summary>
    public IReadOnlyList<IImportTarget> TargetsFor(CurrentUser user) => _targets.Where(t => t.CanImport(user)).ToList();

    public IImportTarget Get(string name) =>
        _targets.FirstOrDefault(t => t.Name == name) ?? throw new NotFoundException(Messages.ImportTargetNotFound);

    public static Task<ImportTable> ReadAsync(Stream stream, string fileName, CancellationToken ct = default) => ImportReader.ReadAsync(stream, fileName, ct);

    /// <summary>Field → column: a header matches a field's name, its label or one of its aliases (accents, case and punctuation ignored).</summary>
    public static Dictionary<string, int> AutoMap(IImportTarget target, IReadOnlyList<string> headers)
    {
        var folded = headers.Select(ImportValues.Fold).ToArray();
        var map = new Dictionary<string, int>();
        var used = new HashSet<int>();
        foreach (var field in target.Fields)
        {
            var names = new[] { field.Name, field.Label() }.Concat(field.Aliases).Select(ImportValues.Fold).ToHashSet();
            for (var i = 0; i < folded.Length; i++)
                if (!used.Contains(i) && names.Contains(folded[i])) { map[field.Name] = i; used.Add(i); break; }
        }
        return map;
    }

    /// <summary>A CSV with the target's headers (localized labels, which the automatic mapping recognises).</summary>
    public static byte[] Template(IImportTarget target) =>
        CsvExport.Write(Array.Empty<object>(), target.Fields.Select(f => (f.Label(), (Func<object, object?>)(_ => null))).ToArray());
}

public static class ImportServiceCollectionExtensions
{
    /// <summary>Registers an import target: the page lists it and /api can reach it (as <typeparamref name="T"/>).</summary>
    public static IServiceCollection AddImportTarget<T>(this IServiceCollection services) where T : class, IImportTarget
    {
        services.TryAddSingleton<ImportService>();
        services.AddSingleton<T>();
        services.AddSingleton<IImportTarget>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
