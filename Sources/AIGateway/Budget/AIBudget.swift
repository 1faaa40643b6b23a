import Fluent
import Foundation
import ParleyCore
import SQLKit

/// Daily AI budgets: a call's maximum cost is reserved before it runs, atomically, against the workspace's cap
/// and the operator's; the real cost is settled afterwards, and a failed call releases its reservation.
///
/// Each reservation is one conditional `UPDATE … WHERE spent + reserved + amount <= cap`: the database applies
/// concurrent ones one after another, so however many calls race, the reserved total never passes the cap.
enum AIBudget {
    /// A held reservation: settle or release it exactly once.
    struct Reservation: Sendable {
        var workspaceID: UUID
        var day: String
        var amount: Int
        var cap: Int
        var operatorCapped: Bool
    }

    /// The workspace's cap today: its plan's daily AI budget, or the lower one an Owner set.
    static func cap(_ tenant: TenantDatabase) async throws -> (cap: Int, planCap: Int, ownerCap: Int?) {
        let planCap = tenant.context.plan.limit(.dailyAIBudgetMicroUSD)
        let ownerCap = try await tenant.sql.raw("SELECT daily_cap_micro_usd AS cap FROM ai_budget_caps WHERE workspace_id = \(bind: tenant.workspaceID)")
            .first()?.decode(column: "cap", as: Int.self)
        return (min(planCap, ownerCap ?? planCap), planCap, ownerCap)
    }

    static func reserve(_ amount: Int, operatorCap: Int?, context: TenantContext, db: any Database, now: Date) async throws -> Reservation {
        let day = BudgetDay.of(now)
        let reservation = try await context.run(on: db) { tenant -> Reservation in
            let cap = try await cap(tenant).cap
            let sql = try tenant.sql
            try await sql.raw("""
                INSERT INTO ai_budget_days (id, workspace_id, day, reserved_micro_usd, spent_micro_usd, notified_80, notified_100)
                VALUES (\(bind: UUID()), \(bind: tenant.workspaceID), \(bind: day), 0, 0, \(bind: false), \(bind: false))
                ON CONFLICT (workspace_id, day) DO NOTHING
                """).run()
            let held = try await sql.raw("""
                UPDATE ai_budget_days SET reserved_micro_usd = reserved_micro_usd + \(bind: amount)
                WHERE workspace_id = \(bind: tenant.workspaceID) AND day = \(bind: day)
                  AND spent_micro_usd + reserved_micro_usd + \(bind: amount) <= \(bind: cap)
                RETURNING id
                """).first()
            guard held != nil else { throw AIGatewayError.budgetExhausted(.workspace) }
            return Reservation(workspaceID: tenant.workspaceID, day: day, amount: amount, cap: cap, operatorCapped: operatorCap != nil)
        }
        guard let operatorCap else { return reservation }
        do {
            try await reserveOperator(amount, cap: operatorCap, day: day, db: db)
        } catch {
            _ = try? await settle(reservation, cost: 0, context: context, db: db)
            throw error
        }
        return reservation
    }

    /// Replaces the reservation with the real cost (zero releases it); returns the thresholds (80, 100) crossed
    /// for the first time today, for the Owners' mail.
    @discardableResult
    static func settle(_ reservation: Reservation, cost: Int, context: TenantContext, db: any Database) async throws -> [Int] {
        if reservation.operatorCapped {
            try await db.sqlDatabase.raw("""
                UPDATE ai_operator_days SET reserved_micro_usd = reserved_micro_usd - \(bind: reservation.amount),
                    spent_micro_usd = spent_micro_usd + \(bind: cost) WHERE day = \(bind: reservation.day)
                """).run()
        }
        return try await context.run(on: db) { tenant in
            let sql = try tenant.sql
            try await sql.raw("""
                UPDATE ai_budget_days SET reserved_micro_usd = reserved_micro_usd - \(bind: reservation.amount),
                    spent_micro_usd = spent_micro_usd + \(bind: cost)
                WHERE workspace_id = \(bind: tenant.workspaceID) AND day = \(bind: reservation.day)
                """).run()
            guard cost > 0 else { return [] }
            var crossed: [Int] = []
            for (percent, column) in [(80, "notified_80"), (100, "notified_100")] {
                let flagged = try await sql.raw("""
                    UPDATE ai_budget_days SET \(ident: column) = \(bind: true)
                    WHERE workspace_id = \(bind: tenant.workspaceID) AND day = \(bind: reservation.day) AND \(ident: column) = \(bind: false)
                      AND spent_micro_usd * 100 >= \(bind: reservation.cap) * \(bind: percent)
                    RETURNING id
                    """).first()
                if flagged != nil { crossed.append(percent) }
            }
            return crossed
        }
    }

    private static func reserveOperator(_ amount: Int, cap: Int, day: String, db: any Database) async throws {
        let sql = try db.sqlDatabase
        try await sql.raw("""
            INSERT INTO ai_operator_days (day, reserved_micro_usd, spent_micro_usd) VALUES (\(bind: day), 0, 0)
            ON CONFLICT (day) DO NOTHING
            """).run()
        let held = try await sql.raw("""
            UPDATE ai_operator_days SET reserved_micro_usd = reserved_micro_usd + \(bind: amount)
            WHERE day = \(bind: day) AND spent_micro_usd + reserved_micro_usd + \(bind: amount) <= \(bind: cap)
            RETURNING day
            """).first()
        guard held != nil else { throw AIGatewayError.budgetExhausted(.operator) }
    }
}
