import Fluent
import Foundation
import ParleyCore
import SQLKit

/// Daily AI budgets: a call's maximum cost is reserved before it runs, atomically, against the workspace's cap
/// and the operator's; the real cost is settled afterwards, and a failed call releases its reservation.
///
/// Reservations come from this process's `BudgetLease`s, which take slices of the day's budget with one
/// conditional `UPDATE … WHERE spent + reserved + amount <= cap`: the database applies concurrent ones one after
/// another, so however many calls (and processes) race, the reserved total never passes the cap.
enum AIBudget {
    /// A held reservation: settle or release it exactly once.
    struct Reservation: Sendable {
        var workspaceID: UUID
        var day: String
        var amount: Int
        var cap: Int
        var lease: BudgetLease
        var operatorLease: BudgetLease?
    }

    /// A lease asks for this many calls' worth beyond those waiting, for the calls still to come.
    static let slackCalls = 8

    /// The workspace's cap today: its plan's daily AI budget, or the lower one an Owner set.
    static func cap(_ tenant: TenantDatabase) async throws -> (cap: Int, planCap: Int, ownerCap: Int?) {
        let planCap = tenant.context.plan.limit(.dailyAIBudgetMicroUSD)
        let ownerCap = try await tenant.raw(
            "SELECT daily_cap_micro_usd AS cap FROM ai_budget_caps WHERE \(scope: "ai_budget_caps")"
        )
        .first()?.decode(column: "cap", as: Int.self)
        return (min(planCap, ownerCap ?? planCap), planCap, ownerCap)
    }

    /// Where a workspace's budget stands on `day`: its caps, and what is spent and reserved.
    struct Standing: Sendable {
        var cap: Int
        var planCap: Int
        var ownerCap: Int?
        var spent: Int
        var reserved: Int
    }

    static func standing(on day: String, _ tenant: TenantDatabase) async throws -> Standing {
        let caps = try await cap(tenant)
        let today = try await AIUsage.today(day, tenant)
        return Standing(
            cap: caps.cap, planCap: caps.planCap, ownerCap: caps.ownerCap, spent: today.spent, reserved: today.reserved)
    }

    static func reserve(
        _ amount: Int, operatorCap: Int?, leases: BudgetLeases, context: TenantContext, db: any Database, now: Date
    ) async throws -> Reservation {
        let day = BudgetDay.of(now)
        let lease = leases.lease(
            .workspace(context.workspaceID), day: day, exhausted: AIGatewayError.budgetExhausted(.workspace))
        let cap: Int
        do {
            cap = try await lease.take(
                amount, slack: amount * slackCalls,
                grant: { asks in try await grantWorkspace(asks, day: day, context: context, db: db) },
                release: { leftover in
                    try await context.run(on: db) { tenant in try await releaseWorkspace(leftover, day: day, tenant) }
                })
        } catch {
            if error.leftover > 0 {
                try? await context.run(on: db) { tenant in try await releaseWorkspace(error.leftover, day: day, tenant)
                }
            }
            throw error.cause
        }
        var reservation = Reservation(
            workspaceID: context.workspaceID, day: day, amount: amount, cap: cap, lease: lease)
        guard let operatorCap else { return reservation }
        let operatorLease = leases.lease(.operatorWide, day: day, exhausted: AIGatewayError.budgetExhausted(.operator))
        do {
            _ = try await operatorLease.take(
                amount, slack: amount * slackCalls,
                grant: { asks in try await grantOperator(asks, cap: operatorCap, day: day, db: db) },
                release: { leftover in try await releaseOperator(leftover, day: day, db: db) })
        } catch {
            if error.leftover > 0 { try? await releaseOperator(error.leftover, day: day, db: db) }
            _ = try? await settle(reservation, cost: 0, context: context, db: db)
            throw error.cause
        }
        reservation.operatorLease = operatorLease
        return reservation
    }

    /// Replaces the reservation with the real cost (zero releases it), returning with it whatever the leases give
    /// back; returns the thresholds (80, 100) crossed for the first time today, for the Owners' mail.
    @discardableResult
    static func settle(_ reservation: Reservation, cost: Int, context: TenantContext, db: any Database) async throws
        -> [Int]
    {
        if let operatorLease = reservation.operatorLease {
            let released = reservation.amount + operatorLease.finish(reservation.amount)
            try await releaseOperator(released, spending: cost, day: reservation.day, db: db)
        }
        let released = reservation.amount + reservation.lease.finish(reservation.amount)
        return try await context.run(on: db) { tenant in
            try await releaseWorkspace(released, spending: cost, day: reservation.day, tenant)
            guard cost > 0 else { return [] }
            var crossed: [Int] = []
            for (percent, column) in [(80, "notified_80"), (100, "notified_100")] {
                let flagged = try await tenant.raw(
                    """
                    UPDATE ai_budget_days SET \(ident: column) = \(bind: true)
                    WHERE \(scope: "ai_budget_days") AND day = \(bind: reservation.day) AND \(ident: column) = \(bind: false)
                      AND spent_micro_usd * 100 >= \(bind: reservation.cap) * \(bind: percent)
                    RETURNING id
                    """
                ).first()
                if flagged != nil { crossed.append(percent) }
            }
            return crossed
        }
    }

    /// Leases the first of `asks` that fits in the workspace's day under its cap.
    private static func grantWorkspace(_ asks: [Int], day: String, context: TenantContext, db: any Database)
        async throws -> BudgetLease.Grant
    {
        try await context.run(on: db) { tenant in
            let cap = try await cap(tenant).cap
            try await tenant.raw(
                """
                INSERT INTO ai_budget_days (id, workspace_id, day, reserved_micro_usd, spent_micro_usd, notified_80, notified_100)
                VALUES (\(bind: UUID()), \(.thisWorkspace), \(bind: day), 0, 0, \(bind: false), \(bind: false))
                ON CONFLICT (workspace_id, day) DO NOTHING
                """
            ).run()
            for ask in asks {
                let held = try await tenant.raw(
                    """
                    UPDATE ai_budget_days SET reserved_micro_usd = reserved_micro_usd + \(bind: ask)
                    WHERE \(scope: "ai_budget_days") AND day = \(bind: day)
                      AND spent_micro_usd + reserved_micro_usd + \(bind: ask) <= \(bind: cap)
                    RETURNING id
                    """
                ).first()
                if held != nil { return BudgetLease.Grant(amount: ask, cap: cap) }
            }
            return BudgetLease.Grant(amount: 0, cap: cap)
        }
    }

    /// Leases the first of `asks` that fits in the operator's day under `cap`.
    private static func grantOperator(_ asks: [Int], cap: Int, day: String, db: any Database) async throws
        -> BudgetLease.Grant
    {
        try await db.writeTransaction { db in
            let sql = try db.sqlDatabase
            try await sql.raw(
                """
                INSERT INTO ai_operator_days (day, reserved_micro_usd, spent_micro_usd) VALUES (\(bind: day), 0, 0)
                ON CONFLICT (day) DO NOTHING
                """
            ).run()
            for ask in asks {
                let held = try await sql.raw(
                    """
                    UPDATE ai_operator_days SET reserved_micro_usd = reserved_micro_usd + \(bind: ask)
                    WHERE day = \(bind: day) AND spent_micro_usd + reserved_micro_usd + \(bind: ask) <= \(bind: cap)
                    RETURNING day
                    """
                ).first()
                if held != nil { return BudgetLease.Grant(amount: ask, cap: cap) }
            }
            return BudgetLease.Grant(amount: 0, cap: cap)
        }
    }

    /// Gives `amount` of the workspace's reservation back, counting `cost` of it as spent.
    private static func releaseWorkspace(_ amount: Int, spending cost: Int = 0, day: String, _ tenant: TenantDatabase)
        async throws
    {
        try await tenant.raw(
            """
            UPDATE ai_budget_days SET reserved_micro_usd = reserved_micro_usd - \(bind: amount), spent_micro_usd = spent_micro_usd + \(bind: cost)
            WHERE \(scope: "ai_budget_days") AND day = \(bind: day)
            """
        ).run()
    }

    /// Gives `amount` of the operator's reservation back, counting `cost` of it as spent.
    private static func releaseOperator(_ amount: Int, spending cost: Int = 0, day: String, db: any Database)
        async throws
    {
        try await db.sqlDatabase.raw(
            """
            UPDATE ai_operator_days SET reserved_micro_usd = reserved_micro_usd - \(bind: amount), spent_micro_usd = spent_micro_usd + \(bind: cost)
            WHERE day = \(bind: day)
            """
        ).run()
    }
}
