using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Demo;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Import;
using FoccoCrm.Core.Live;
using FoccoCrm.Core.Notifications;
using FoccoCrm.Core.Occurrences;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tickets;
using FoccoCrm.Core.Workflow;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core;

public static class FoccoCoreServiceCollectionExtensions
{
    /// <summary>Registers the data layer, Identity stores and the Core services of every feature.</summary>
    public static IServiceCollection AddFoccoCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var dbOptions = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = DatabaseOptions.ResolveConnectionString(configuration.GetConnectionString("Focco"), dbOptions.Path, contentRoot);
        DatabaseOptions.EnsureDirectory(connectionString);
        services.AddFoccoCore(configuration, o => o.UseSqlite(connectionString));
        // attachments live next to the database by default ({database folder}/attachments); Attachments:Root overrides
        services.AddSingleton(new Occurrences.AttachmentStore(
            Occurrences.OccurrenceServiceCollectionExtensions.AttachmentOptions(configuration, contentRoot, connectionString)));
        return services;
    }

    /// <summary>Same, with the provider chosen by the caller (tests pass an open in-memory SQLite connection).</summary>
    public static IServiceCollection AddFoccoCore(this IServiceCollection services, IConfiguration configuration, Action<DbContextOptionsBuilder> useProvider)
    {
        services.TryAddSingletonTimeProvider();
        services.AddDbContextFactory<FoccoDbContext>(o =>
        {
            useProvider(o);
            o.AddInterceptors(new SqlitePragmaInterceptor(), new VersionStampInterceptor());
        });
        // Identity's EF stores need a scoped context; it comes from the factory, and Core services
        // that use Identity open their own scope per operation.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContext());

        services.AddDataProtection(); // Identity token providers (password reset)
        services.AddIdentityCore<AppUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FoccoDbContext>()
            .AddDefaultTokenProviders();

        services.Configure<DemoDataOptions>(configuration.GetSection(DemoDataOptions.Section));
        services.AddScoped<IDemoSeeder, FoundationDemoSeeder>();
        services.AddScoped<IDemoSeeder, ParametersDemoSeeder>();
        services.AddSingleton<DatabaseInitializer>();

        services.AddValidatorsFromAssemblyContaining<CompanyInputValidator>(ServiceLifetime.Singleton, includeInternalTypes: false,
            filter: r => r.ValidatorType != typeof(PasswordValidator));
        services.AddSingleton<UserAccessService>();
        services.AddSingleton<CompanyService>();
        services.AddSingleton<UserAdminService>();
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<ParameterService>();
        services.AddCatalogs();
        services.AddSingleton<PersonService>();
        services.AddSingleton<ContactService>();
        services.AddSingleton<ICatalogUsage, ContactTypeUsage>();
        services.AddScoped<IDemoSeeder, PersonsDemoSeeder>();
        services.AddSingleton<CommercialService>();
        services.AddSingleton<CommercialUpsertService>();
        services.AddScoped<IDemoSeeder, CommercialDemoSeeder>();
        services.AddChecklists();
        services.AddSingleton<IChangeFeed, InProcessChangeFeed>();
        services.AddSingleton<BoardPresence>();
        services.AddSingleton<NotificationService>();
        services.AddOccurrences(configuration);
        services.AddTickets();
        services.AddWorkflow(configuration);
        services.AddSingleton<Selections.SelectionService>();
        services.AddSingleton<Selections.SelectionCatalogService>();
        services.AddScoped<IDemoSeeder, Selections.SelectionsDemoSeeder>();
        // Import targets (FUTL0130 page and /api upserts); more targets are one line each.
        services.AddImportTarget<PersonImportTarget>();
        services.AddImportTarget<ContactImportTarget>();
        services.AddImportTarget<ProductImportTarget>();
        services.AddImportTarget<QuoteImportTarget>();
        services.AddImportTarget<SalesOrderImportTarget>();
        services.AddImportTarget<InvoiceImportTarget>();
        services.AddImportTarget<ReceivableImportTarget>();
        services.AddImportTarget<ContractImportTarget>();
        return services;
    }

    /// <summary>Password policy (≥ 12 characters, no composition rules) and lockout (5 failures → 15 min).</summary>
    public static void ConfigureIdentity(IdentityOptions o)
    {
        o.Password.RequiredLength = UserInputValidator.MinPasswordLength;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
