import Fluent
import Foundation
import ParleyCore
import SQLKit

/// Usage by day and feature, for `GET /api/v1/ai/usage`.
enum AIUsage {
    struct Row: Sendable, Codable, Equatable {
        var day: String
        var feature: String
        var calls: Int
        var failed: Int
        var inputTokens: Int
        var outputTokens: Int
        var costMicroUSD: Int
    }

    static func byDay(since day: String, _ tenant: TenantDatabase) async throws -> [Row] {
        let rows = try await tenant.raw(
            """
            SELECT day, feature, COUNT(*) AS calls,
                   CAST(SUM(CASE WHEN outcome = 'ok' THEN 0 ELSE 1 END) AS BIGINT) AS failed,
                   CAST(SUM(input_tokens) AS BIGINT) AS input_tokens, CAST(SUM(output_tokens) AS BIGINT) AS output_tokens,
                   CAST(SUM(cost_micro_usd) AS BIGINT) AS cost
            FROM ai_calls WHERE \(scope: "ai_calls") AND day >= \(bind: day)
            GROUP BY day, feature ORDER BY day DESC, feature
            """
        ).all()
        return try rows.map { row in
            Row(
                day: try row.decode(column: "day", as: String.self),
                feature: try row.decode(column: "feature", as: String.self),
                calls: try row.decode(column: "calls", as: Int.self),
                failed: try row.decode(column: "failed", as: Int.self),
                inputTokens: try row.decode(column: "input_tokens", as: Int.self),
                outputTokens: try row.decode(column: "output_tokens", as: Int.self),
                costMicroUSD: try row.decode(column: "cost", as: Int.self))
        }
    }

    /// Today's counters: spent and held by running calls.
    static func today(_ day: String, _ tenant: TenantDatabase) async throws -> (spent: Int, reserved: Int) {
        let row = try await tenant.raw(
            """
            SELECT spent_micro_usd AS spent, reserved_micro_usd AS reserved FROM ai_budget_days
            WHERE \(scope: "ai_budget_days") AND day = \(bind: day)
            """
        ).first()
        return (
            try row?.decode(column: "spent", as: Int.self) ?? 0, try row?.decode(column: "reserved", as: Int.self) ?? 0
        )
    }
}
