using Microsoft.JSInterop;

namespace FoccoCrm.Web.Components.Shared;

/// <summary>Sends a file made on the server to the browser as a download (js/app.js downloadFile).</summary>
public sealed class FileDownload(IJSRuntime js)
{
    public async Task SendAsync(string fileName, string contentType, byte[] content)
    {
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/app.js");
        using var stream = new DotNetStreamReference(new MemoryStream(content));
        await module.InvokeVoidAsync("downloadFile", fileName, contentType, stream);
    }
}
