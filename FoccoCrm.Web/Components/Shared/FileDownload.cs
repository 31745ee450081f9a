using Microsoft.JSInterop;

namespace FoccoCrm.Web.Components.Shared;

/// <summary>Sends a file made on the server to the browser as a download (js/app.js downloadFile).</summary>
public sealed class FileDownload(IJSRuntime js)
{
    /// <summary>Exports a list in the chosen format as "<paramref name="baseName"/>.csv|.xlsx".</summary>
    public Task SendTableAsync<T>(Core.Common.ExportFormat format, string baseName, IEnumerable<T> rows, params (string Header, Func<T, object?> Value)[] columns) =>
        SendAsync(Path.GetFileNameWithoutExtension(baseName) + Core.Common.TableExport.Extension(format), Core.Common.TableExport.ContentType(format),
            Core.Common.TableExport.Write(format, rows, columns));

    public async Task SendAsync(string fileName, string contentType, byte[] content)
    {
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/app.js");
        using var stream = new DotNetStreamReference(new MemoryStream(content));
        await module.InvokeVoidAsync("downloadFile", fileName, contentType, stream);
    }
}
