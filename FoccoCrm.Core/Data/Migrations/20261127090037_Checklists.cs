using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FoccoCrm.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Checklists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Checklists",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    TypeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    DraftRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Checklists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Checklists_ChecklistTypes_TypeId",
                        column: x => x.TypeId,
                        principalTable: "ChecklistTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Checklists_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Questions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    GrouperId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Questions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Questions_QuestionGroupers_GrouperId",
                        column: x => x.GrouperId,
                        principalTable: "QuestionGroupers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChecklistCompanies",
                columns: table => new
                {
                    ChecklistId = table.Column<int>(type: "INTEGER", nullable: false),
                    CompanyId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistCompanies", x => new { x.ChecklistId, x.CompanyId });
                    table.ForeignKey(
                        name: "FK_ChecklistCompanies_Checklists_ChecklistId",
                        column: x => x.ChecklistId,
                        principalTable: "Checklists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ChecklistCompanies_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChecklistVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChecklistId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    PublishedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DraftRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    NodeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Definition = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChecklistVersions_Checklists_ChecklistId",
                        column: x => x.ChecklistId,
                        principalTable: "Checklists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChecklistNodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChecklistId = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OptionIds = table.Column<string>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistNodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChecklistNodes_Checklists_ChecklistId",
                        column: x => x.ChecklistId,
                        principalTable: "Checklists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ChecklistNodes_Questions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "Questions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QuestionOptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionOptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuestionOptions_Questions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "Questions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChecklistResponses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChecklistId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChecklistVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    OccurrenceId = table.Column<int>(type: "INTEGER", nullable: true),
                    CompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChecklistResponses_ChecklistVersions_ChecklistVersionId",
                        column: x => x.ChecklistVersionId,
                        principalTable: "ChecklistVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ChecklistResponses_Checklists_ChecklistId",
                        column: x => x.ChecklistId,
                        principalTable: "Checklists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ChecklistResponses_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChecklistVersionQuestions",
                columns: table => new
                {
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChecklistId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistVersionQuestions", x => new { x.VersionId, x.QuestionId });
                    table.ForeignKey(
                        name: "FK_ChecklistVersionQuestions_ChecklistVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "ChecklistVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ChecklistVersionQuestions_Questions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "Questions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChecklistResponseAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResponseId = table.Column<int>(type: "INTEGER", nullable: false),
                    NodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionText = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OptionId = table.Column<int>(type: "INTEGER", nullable: true),
                    OptionText = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    TextValue = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NumberValue = table.Column<double>(type: "REAL", nullable: true),
                    DateValue = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistResponseAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChecklistResponseAnswers_ChecklistResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "ChecklistResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistCompanies_CompanyId",
                table: "ChecklistCompanies",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistNodes_ChecklistId",
                table: "ChecklistNodes",
                column: "ChecklistId");

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistNodes_QuestionId",
                table: "ChecklistNodes",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistResponseAnswers_QuestionId_OptionId",
                table: "ChecklistResponseAnswers",
                columns: new[] { "QuestionId", "OptionId" });

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistResponseAnswers_ResponseId",
                table: "ChecklistResponseAnswers",
                column: "ResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistResponses_ChecklistId",
                table: "ChecklistResponses",
                column: "ChecklistId");

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistResponses_ChecklistVersionId",
                table: "ChecklistResponses",
                column: "ChecklistVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistResponses_OccurrenceId",
                table: "ChecklistResponses",
                column: "OccurrenceId");

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistResponses_PersonId_ChecklistId",
                table: "ChecklistResponses",
                columns: new[] { "PersonId", "ChecklistId" },
                unique: true,
                filter: "PersonId IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Checklists_Code",
                table: "Checklists",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Checklists_ProductId",
                table: "Checklists",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_Checklists_TypeId",
                table: "Checklists",
                column: "TypeId");

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistVersionQuestions_QuestionId_ChecklistId",
                table: "ChecklistVersionQuestions",
                columns: new[] { "QuestionId", "ChecklistId" });

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistVersions_ChecklistId_Number",
                table: "ChecklistVersions",
                columns: new[] { "ChecklistId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuestionOptions_QuestionId",
                table: "QuestionOptions",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_Questions_GrouperId_Text",
                table: "Questions",
                columns: new[] { "GrouperId", "Text" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChecklistCompanies");

            migrationBuilder.DropTable(
                name: "ChecklistNodes");

            migrationBuilder.DropTable(
                name: "ChecklistResponseAnswers");

            migrationBuilder.DropTable(
                name: "ChecklistVersionQuestions");

            migrationBuilder.DropTable(
                name: "QuestionOptions");

            migrationBuilder.DropTable(
                name: "ChecklistResponses");

            migrationBuilder.DropTable(
                name: "Questions");

            migrationBuilder.DropTable(
                name: "ChecklistVersions");

            migrationBuilder.DropTable(
                name: "Checklists");
        }
    }
}
