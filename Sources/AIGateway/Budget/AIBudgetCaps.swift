import Foundation
import ParleyCore
import SQLKit

/// The lower daily cap an Owner may set (nil: the plan's).
enum AIBudgetCaps {
    static func set(_ cap: Int?, now: Date, _ tenant: TenantDatabase) async throws {
        let sql = try tenant.sql
        try await sql.raw("DELETE FROM ai_budget_caps WHERE workspace_id = \(bind: tenant.workspaceID)").run()
        guard let cap else { return }
        try await sql.raw("""
            INSERT INTO ai_budget_caps (workspace_id, daily_cap_micro_usd, updated_at) VALUES (\(bind: tenant.workspaceID), \(bind: cap), \(bind: now))
            """).run()
    }
}
