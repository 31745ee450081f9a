using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FoccoCrm.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class OccurrenceContactIndexPartial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Occurrences_ContactId",
                table: "Occurrences");

            migrationBuilder.CreateIndex(
                name: "IX_Occurrences_ContactId",
                table: "Occurrences",
                column: "ContactId",
                filter: "\"ContactId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Occurrences_ContactId",
                table: "Occurrences");

            migrationBuilder.CreateIndex(
                name: "IX_Occurrences_ContactId",
                table: "Occurrences",
                column: "ContactId");
        }
    }
}
