using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FoccoCrm.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Selections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SavedSelections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Target = table.Column<int>(type: "INTEGER", nullable: false),
                    DefinitionJson = table.Column<string>(type: "TEXT", nullable: false),
                    SnapshotAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SnapshotCount = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedSelections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedSelections_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SavedSelectionMembers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SelectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedSelectionMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedSelectionMembers_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SavedSelectionMembers_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SavedSelectionMembers_SavedSelections_SelectionId",
                        column: x => x.SelectionId,
                        principalTable: "SavedSelections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SelectionRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                    SelectionId = table.Column<int>(type: "INTEGER", nullable: true),
                    SelectionName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    DefinitionJson = table.Column<string>(type: "TEXT", nullable: false),
                    TypeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReasonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ResponsibleUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpectedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    LastNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelectionRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelectionRuns_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SelectionRuns_SavedSelections_SelectionId",
                        column: x => x.SelectionId,
                        principalTable: "SavedSelections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "SelectionRunOccurrences",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurrenceId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelectionRunOccurrences", x => new { x.RunId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_SelectionRunOccurrences_Occurrences_OccurrenceId",
                        column: x => x.OccurrenceId,
                        principalTable: "Occurrences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SelectionRunOccurrences_SelectionRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "SelectionRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Selection",
                table: "Tickets",
                columns: new[] { "CompanyId", "TypeId", "Status", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Persons_Selection",
                table: "Persons",
                columns: new[] { "Roles", "State", "City", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_Occurrences_Selection",
                table: "Occurrences",
                columns: new[] { "CompanyId", "TypeId", "Status", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Selection",
                table: "Invoices",
                columns: new[] { "CompanyId", "IssueDate", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistResponseAnswers_Selection",
                table: "ChecklistResponseAnswers",
                columns: new[] { "QuestionId", "OptionId", "ResponseId" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedSelectionMembers_ContactId",
                table: "SavedSelectionMembers",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_SavedSelectionMembers_PersonId",
                table: "SavedSelectionMembers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_SavedSelectionMembers_SelectionId_PersonId_ContactId",
                table: "SavedSelectionMembers",
                columns: new[] { "SelectionId", "PersonId", "ContactId" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedSelections_CompanyId_Name",
                table: "SavedSelections",
                columns: new[] { "CompanyId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedSelections_CompanyId_OwnerId",
                table: "SavedSelections",
                columns: new[] { "CompanyId", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_SelectionRunOccurrences_OccurrenceId",
                table: "SelectionRunOccurrences",
                column: "OccurrenceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SelectionRuns_CompanyId_CreatedAtUtc",
                table: "SelectionRuns",
                columns: new[] { "CompanyId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SelectionRuns_SelectionId",
                table: "SelectionRuns",
                column: "SelectionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SavedSelectionMembers");

            migrationBuilder.DropTable(
                name: "SelectionRunOccurrences");

            migrationBuilder.DropTable(
                name: "SelectionRuns");

            migrationBuilder.DropTable(
                name: "SavedSelections");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Selection",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Persons_Selection",
                table: "Persons");

            migrationBuilder.DropIndex(
                name: "IX_Occurrences_Selection",
                table: "Occurrences");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_Selection",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_ChecklistResponseAnswers_Selection",
                table: "ChecklistResponseAnswers");
        }
    }
}
