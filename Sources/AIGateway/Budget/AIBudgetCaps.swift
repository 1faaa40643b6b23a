import Foundation
import ParleyCore

/// The lower daily cap an Owner may set (nil: the plan's).
enum AIBudgetCaps {
    static func set(_ cap: Int?, now: Date, _ tenant: TenantDatabase) async throws {
        try await tenant.raw("DELETE FROM ai_budget_caps WHERE \(scope: "ai_budget_caps")").run()
        guard let cap else { return }
        try await tenant.raw(
            """
            INSERT INTO ai_budget_caps (workspace_id, daily_cap_micro_usd, updated_at) VALUES (\(.thisWorkspace), \(bind: cap), \(bind: now))
            """
        ).run()
    }
}
