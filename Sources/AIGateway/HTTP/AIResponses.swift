import Foundation
import ParleyCore
import Vapor

/// What the AI endpoints answer.
enum AIResponses {
    struct UsageRow: Content {
        var day: String
        var feature: String
        var calls: Int
        var failed: Int
        var inputTokens: Int
        var outputTokens: Int
        var costUSD: Double

        init(_ row: AIUsage.Row) {
            day = row.day
            feature = row.feature
            calls = row.calls
            failed = row.failed
            inputTokens = row.inputTokens
            outputTokens = row.outputTokens
            costUSD = Double(row.costMicroUSD) / 1_000_000
        }

        enum CodingKeys: String, CodingKey {
            case day, feature, calls, failed
            case inputTokens = "input_tokens"
            case outputTokens = "output_tokens"
            case costUSD = "cost_usd"
        }
    }

    struct Usage: Content {
        var since: String
        var usage: [UsageRow]
    }

    struct Budget: Content {
        var available: Bool
        var planDailyCapUSD: Double
        var dailyCapUSD: Double
        var ownerDailyCapUSD: Double?
        var spentTodayUSD: Double
        var reservedTodayUSD: Double

        enum CodingKeys: String, CodingKey {
            case available
            case planDailyCapUSD = "plan_daily_cap_usd"
            case dailyCapUSD = "daily_cap_usd"
            case ownerDailyCapUSD = "owner_daily_cap_usd"
            case spentTodayUSD = "spent_today_usd"
            case reservedTodayUSD = "reserved_today_usd"
        }

        static func current(_ context: TenantContext, _ request: Request) async throws -> Budget {
            let day = BudgetDay.of(request.application.clock.now())
            let available = request.application.aiGateway?.isAvailable ?? false
            return try await context.run(on: request.db) { tenant in
                let today = try await AIBudget.standing(on: day, tenant)
                return Budget(
                    available: available, planDailyCapUSD: usd(today.planCap), dailyCapUSD: usd(today.cap),
                    ownerDailyCapUSD: today.ownerCap.map(usd), spentTodayUSD: usd(today.spent),
                    reservedTodayUSD: usd(today.reserved))
            }
        }

        private static func usd(_ micro: Int) -> Double { Double(micro) / 1_000_000 }
    }
}
