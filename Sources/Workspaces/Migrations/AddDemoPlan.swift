import Fluent
import ParleyCore
import SQLKit

/// 0020: a small `demo` plan for anonymous demo workspaces, which had the Business plan, and existing demos moved
/// onto it. Its features and limits are written out here, not taken from `PlanCatalog`, so the migration stays
/// what it was when it landed.
struct AddDemoPlan: AsyncMigration {
    var name: String { "0020_add_demo_plan" }

    func prepare(on db: any Database) async throws {
        let sql = try db.sqlDatabase
        try await sql.insert(into: "plans")
            .columns("id", "name", "position", "features", "limits")
            .values(
                SQLBind("demo"), SQLBind("Demo"), SQLBind(3), SQLBind(#"["assistant","proposals"]"#),
                SQLBind(
                    #"{"daily_ai_budget_micro_usd":50000,"knowledge_pages":50,"proposals_per_month":5,"seats":5,"sites":1,"storage_mb":20,"upload_mb":2}"#
                )
            )
            .run()
        try await sql.update("workspaces").set("plan_id", to: SQLBind("demo")).where("is_demo", .equal, SQLBind(true))
            .run()
    }

    func revert(on db: any Database) async throws {
        let sql = try db.sqlDatabase
        try await sql.update("workspaces").set("plan_id", to: SQLBind("business")).where(
            "plan_id", .equal, SQLBind("demo")
        ).run()
        try await sql.delete(from: "plans").where("id", .equal, SQLBind("demo")).run()
    }
}
