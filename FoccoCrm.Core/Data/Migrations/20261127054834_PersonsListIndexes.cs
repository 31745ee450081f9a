using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FoccoCrm.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonsListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Persons_IsActive",
                table: "Persons",
                column: "IsActive");

            migrationBuilder.CreateIndex(
                name: "IX_Persons_Name_Active",
                table: "Persons",
                column: "Name",
                filter: "IsActive");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Persons_IsActive",
                table: "Persons");

            migrationBuilder.DropIndex(
                name: "IX_Persons_Name_Active",
                table: "Persons");
        }
    }
}
