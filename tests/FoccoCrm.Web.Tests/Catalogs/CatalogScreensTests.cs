using Bunit;
using FoccoCrm.Core.Identity;
using FoccoCrm.Web.Components.Layout;
using FoccoCrm.Web.Resources;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace FoccoCrm.Web.Tests.Catalogs;

public class CatalogScreensTests : ComponentTestBase
{
    [Theory]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Representative)]
    public async Task EveryRole_FindsTheCatalogScreens_ByProgramCode_UnderAuxiliaryRecords(string role)
    {
        var user = await Db.UserAsync("u@x.test", role);
        var l = Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        foreach (var code in new[] { "FERM0100", "FCRM0100", "FERM0102", "FERM0103", "FCLI0103" })
        {
            var screen = Screens.Search(code.ToLowerInvariant(), user, l).First();
            Assert.Equal(code, screen.Code);
            Assert.Equal(NavGroup.AuxiliaryRecords, screen.Group);
        }
        var nav = Render<NavMenu>(p => p.Add(x => x.User, user));
        Assert.Contains("Cadastros auxiliares", nav.Markup);
        Assert.Contains(nav.FindAll("a"), a => a.TextContent.Contains("Tipos de contato") && a.TextContent.Contains("FCLI0103"));
    }
}
