using FoccoCrm.Core.Common;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Identity;
using FoccoCrm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace FoccoCrm.Web.Api;

/// <summary>
/// /api batch upserts of the ERP's commercial data: the ERP POSTs a JSON array, every row is validated first and nothing
/// is written when any row fails (400 with errors keyed "[index].Field"); otherwise 200 with the inserted/updated counts.
/// Administrators and managers of the company only (403 otherwise).
/// </summary>
public static class CommercialApiEndpoints
{
    public static IEndpointRouteBuilder MapCommercialApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapSecuredApi("/api/companies/{companyId:int}");

        Map<ProductInput>(api, "products", "Upsert products by code (the ERP product code, unique per company).",
            (s, u, c, rows, ct) => s.UpsertProductsAsync(u, c, rows, ct));
        Map<QuoteInput>(api, "quotes", "Upsert quotes (orçamentos) by externalCode, with their items (replaced); customerCode = the person's ERP code, items' productCode = product code.",
            (s, u, c, rows, ct) => s.UpsertQuotesAsync(u, c, rows, ct));
        Map<SalesOrderInput>(api, "orders", "Upsert sales orders (pedidos) by externalCode, with their items (replaced).",
            (s, u, c, rows, ct) => s.UpsertSalesOrdersAsync(u, c, rows, ct));
        Map<InvoiceInput>(api, "invoices", "Upsert outgoing invoices (notas fiscais) by externalCode, with items; accessKey = 44-digit chave de acesso; orderCode links the order.",
            (s, u, c, rows, ct) => s.UpsertInvoicesAsync(u, c, rows, ct));
        Map<ReceivableInput>(api, "receivables", "Upsert receivables (contas a receber) by document + installment; the status (open/paid/overdue) is derived.",
            (s, u, c, rows, ct) => s.UpsertReceivablesAsync(u, c, rows, ct));
        Map<ContractInput>(api, "contracts", "Upsert contracts by externalCode.",
            (s, u, c, rows, ct) => s.UpsertContractsAsync(u, c, rows, ct));
        return app;
    }

    private delegate Task<UpsertResult> Upsert<T>(CommercialUpsertService service, CurrentUser user, int companyId, IReadOnlyList<T> rows, CancellationToken ct);

    private static void Map<T>(RouteGroupBuilder api, string path, string summary, Upsert<T> upsert) =>
        api.MapPost("/" + path, async (int companyId, List<T> rows, HttpContext http, UserAccessService access, CommercialUpsertService service) =>
                Results.Ok(await upsert(service, await http.CurrentUserAsync(access), companyId, rows, http.RequestAborted)))
            .WithName("Upsert_" + path)
            .WithSummary(summary)
            .Accepts<List<T>>("application/json")
            .Produces<UpsertResult>()
            .ProducesValidationProblem()
            .ProducesProblem(401).ProducesProblem(403);
}
