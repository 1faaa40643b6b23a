import Foundation
import ParleyCore
import Vapor

/// Setting the workspace's daily AI budget, from the API or the dashboard: the cap is stored and the change audited.
enum AIBudgetChange {
    /// `cap` in micro-USD, already checked against the plan (`AIRequests.capMicroUSD`); nil returns to the plan's.
    static func apply(_ cap: Int?, _ context: TenantContext, _ request: Request) async throws {
        let now = request.application.clock.now()
        try await context.run(on: request.db) { tenant in
            try await AIBudgetCaps.set(cap, now: now, tenant)
            let entry = AuditEntry(
                action: "ai.budget_changed", actor: context.auditActor, workspaceID: tenant.workspaceID,
                ip: request.clientIP, requestID: request.requestID,
                metadata: ["daily_cap_micro_usd": cap.map(String.init) ?? "plan"])
            try await tenant.record(entry, logger: request.logger, now: now)
        }
    }
}
