using MudBlazor;

namespace FoccoCrm.Web.Components.Layout;

public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4f91",
            Secondary = "#e07a1f",
            Tertiary = "#2a9d8f",
            AppbarBackground = "#143a6b",
            AppbarText = "#ffffff",
            Background = "#f4f6fa",
            DrawerBackground = "#ffffff",
            DrawerText = "#23324a",
            TextPrimary = "#1f2a3c",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "260px" },
    };
}
