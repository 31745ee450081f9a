using System.Security.Cryptography;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Occurrences;

/// <summary>Configuration section "Attachments".</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>Folder of the stored files (absolute, or relative to the content root). Default: "attachments" next to the database file.</summary>
    public string Root { get; set; } = "App_Data/attachments";
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>Allowed extensions and the content type the download sends for each (the browser's claim is not trusted).</summary>
    public static readonly IReadOnlyDictionary<string, string> AllowedTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".txt"] = "text/plain",
        [".csv"] = "text/csv",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".eml"] = "message/rfc822",
        [".msg"] = "application/vnd.ms-outlook",
        [".zip"] = "application/zip",
    };
}

/// <summary>
/// Attachment files on disk: {root}/{companyId}/{guid}. The user's file name is only stored in the database (for the
/// download's Content-Disposition), never used as a path. Writes go to a temporary file first, are hashed (SHA-256) and
/// size-checked while copying, then moved into place.
/// </summary>
public sealed class AttachmentStore(AttachmentOptions options)
{
    public long MaxBytes => options.MaxBytes;
    public string Root => Path.GetFullPath(options.Root);

    /// <summary>The content type for an allowed file name; throws <see cref="BusinessRuleException"/> for any other type.</summary>
    public static string ContentTypeFor(string fileName)
    {
        var ext = Path.GetExtension(fileName);
        if (string.IsNullOrEmpty(ext) || !AttachmentOptions.AllowedTypes.TryGetValue(ext, out var type))
            throw new BusinessRuleException(Messages.Format(nameof(OccurrenceMessages.AttachmentTypeNotAllowed),
                string.IsNullOrEmpty(ext) ? "?" : ext.ToLowerInvariant(), string.Join(", ", AttachmentOptions.AllowedTypes.Keys.Select(k => k.TrimStart('.')))));
        return type;
    }

    /// <summary>A display-safe file name: no folders, no control or path characters, at most 200 characters.</summary>
    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var invalid = Path.GetInvalidFileNameChars();
        name = new string(name.Select(c => char.IsControl(c) || invalid.Contains(c) || c is '"' or ';' ? '_' : c).ToArray()).Trim();
        if (name.Length == 0) name = "arquivo";
        if (name.Length > 200) name = name[..(200 - Path.GetExtension(name).Length)] + Path.GetExtension(name);
        return name;
    }

    /// <summary>Copies the content into the store; returns the relative path, size and SHA-256 (hex).</summary>
    public async Task<(string Path, long Size, string Sha256)> SaveAsync(int companyId, Stream content, CancellationToken ct)
    {
        var relative = $"{companyId}/{Guid.NewGuid():N}";
        var target = Resolve(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        var temp = target + ".tmp";
        long size = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > options.MaxBytes)
                        throw new BusinessRuleException(Messages.Format(nameof(OccurrenceMessages.AttachmentTooLarge), size / 1048576.0, options.MaxBytes / 1048576));
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            if (size == 0) throw new BusinessRuleException(OccurrenceMessages.AttachmentEmpty);
            File.Move(temp, target);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        return (relative, size, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    public Stream Open(string relativePath) => new FileStream(Resolve(relativePath), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public void Delete(string relativePath)
    {
        var path = Resolve(relativePath);
        if (File.Exists(path)) File.Delete(path);
    }

    // Stored paths are made by SaveAsync ("{int}/{guid}"); anything that would leave the root is refused.
    private string Resolve(string relativePath)
    {
        var root = Root;
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, relativePath));
        if (!full.StartsWith(root.TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException("Attachment path outside the store.");
        return full;
    }
}
