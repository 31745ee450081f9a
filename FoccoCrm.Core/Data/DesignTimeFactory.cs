using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FoccoCrm.Core.Data;

/// <summary>Lets `dotnet ef migrations add X --project FoccoCrm.Core` work without starting the web app.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<FoccoDbContext>
{
    public FoccoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<FoccoDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
