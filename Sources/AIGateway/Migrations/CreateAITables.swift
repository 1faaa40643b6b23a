import Fluent
import ParleyCore
import SQLKit

/// 0018: metered AI calls, daily budget counters (per workspace, and the operator's), and the lower caps Owners
/// set; all but the operator's counter under row-level security.
struct CreateAITables: AsyncMigration {
    var name: String { "0018_create_ai_tables" }

    func prepare(on db: any Database) async throws {
        try await db.schema("ai_calls")
            .field("id", .uuid, .identifier(auto: false))
            .field("workspace_id", .uuid, .required, .references("workspaces", "id", onDelete: .cascade))
            .field("day", .string, .required)
            .field("feature", .string, .required)
            .field("provider", .string, .required)
            .field("model", .string, .required)
            .field("input_tokens", .int, .required)
            .field("output_tokens", .int, .required)
            .field("tokens_estimated", .bool, .required)
            .field("cost_micro_usd", .int64, .required)
            .field("latency_ms", .int, .required)
            .field("outcome", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.createIndex("ai_calls_workspace_day", on: "ai_calls", columns: "workspace_id", "day")
        try await db.isolateTenantTable("ai_calls")

        try await db.schema("ai_budget_days")
            .field("id", .uuid, .identifier(auto: false))
            .field("workspace_id", .uuid, .required, .references("workspaces", "id", onDelete: .cascade))
            .field("day", .string, .required)
            .field("reserved_micro_usd", .int64, .required)
            .field("spent_micro_usd", .int64, .required)
            .field("notified_80", .bool, .required)
            .field("notified_100", .bool, .required)
            .unique(on: "workspace_id", "day", name: "ai_budget_days_workspace_day")
            .create()
        try await db.isolateTenantTable("ai_budget_days")

        try await db.schema("ai_budget_caps")
            .field("workspace_id", .uuid, .identifier(auto: false), .references("workspaces", "id", onDelete: .cascade))
            .field("daily_cap_micro_usd", .int64, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.isolateTenantTable("ai_budget_caps")

        try await db.schema("ai_operator_days")
            .field("day", .string, .identifier(auto: false))
            .field("reserved_micro_usd", .int64, .required)
            .field("spent_micro_usd", .int64, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["ai_operator_days", "ai_budget_caps", "ai_budget_days", "ai_calls"] {
            try await db.schema(table).delete()
        }
    }
}
