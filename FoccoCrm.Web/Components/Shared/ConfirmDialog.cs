using MudBlazor;

namespace FoccoCrm.Web.Components.Shared;

public static class ConfirmDialog
{
    /// <summary>Asks before a destructive action; true only when the user confirms.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string confirm, string cancel) =>
        await dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = title, Message = message, YesText = confirm, CancelText = cancel,
        }, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true }) == true;
}
