using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FoccoCrm.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonsSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Persons_City",
                table: "Persons");

            migrationBuilder.DropIndex(
                name: "IX_Persons_IsActive",
                table: "Persons");

            migrationBuilder.DropIndex(
                name: "IX_Persons_Name_Active",
                table: "Persons");

            migrationBuilder.DropIndex(
                name: "IX_Persons_Roles",
                table: "Persons");

            migrationBuilder.CreateTable(
                name: "PersonCounts",
                columns: table => new
                {
                    Roles = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonCounts", x => new { x.Roles, x.IsActive });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Persons_City_Name",
                table: "Persons",
                columns: new[] { "City", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Persons_City_Name_Active",
                table: "Persons",
                columns: new[] { "City", "Name" },
                filter: "IsActive");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_Document_Active",
                table: "Persons",
                column: "Document",
                filter: "IsActive");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_Name_Active",
                table: "Persons",
                columns: new[] { "Name", "Id", "Roles" },
                filter: "IsActive");

            // Trigram search index and the triggers that keep it and PersonCounts in step (see PersonListSchema).
            migrationBuilder.Sql(FoccoCrm.Core.Persons.PersonListSchema.CreateSql);
            migrationBuilder.Sql(FoccoCrm.Core.Persons.PersonListSchema.RebuildSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FoccoCrm.Core.Persons.PersonListSchema.DropSql);
            migrationBuilder.DropTable(
                name: "PersonCounts");

            migrationBuilder.DropIndex(
                name: "IX_Persons_City_Name",
                table: "Persons");

            migrationBuilder.DropIndex(
                name: "IX_Persons_City_Name_Active",
                table: "Persons");

            migrationBuilder.DropIndex(
                name: "IX_Persons_Document_Active",
                table: "Persons");

            migrationBuilder.DropIndex(
                name: "IX_Persons_Name_Active",
                table: "Persons");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_City",
                table: "Persons",
                column: "City");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_IsActive",
                table: "Persons",
                column: "IsActive");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_Name_Active",
                table: "Persons",
                column: "Name",
                filter: "IsActive");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_Roles",
                table: "Persons",
                column: "Roles");
        }
    }
}
