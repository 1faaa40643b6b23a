import Foundation
import ParleyCore
import Vapor

/// What the AI endpoints accept.
enum AIRequests {
    struct SetBudget: Content {
        /// USD a day; null returns to the plan's budget.
        var dailyCapUSD: Double?
        enum CodingKeys: String, CodingKey { case dailyCapUSD = "daily_cap_usd" }

        /// The field is required: `null` returns to the plan's budget, but leaving it out is a mistake.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            guard container.contains(.dailyCapUSD) else {
                throw DecodingError.keyNotFound(
                    CodingKeys.dailyCapUSD,
                    .init(codingPath: [], debugDescription: "daily_cap_usd is required (null for the plan's budget)"))
            }
            dailyCapUSD = try container.decodeIfPresent(Double.self, forKey: .dailyCapUSD)
        }
    }

    /// Micro-USD, checked against the plan: an Owner may lower the budget, never raise it; nil returns to the plan's.
    static func capMicroUSD(_ dailyCapUSD: Double?, planCap: Int) throws -> Int? {
        guard let dailyCapUSD else { return nil }
        guard dailyCapUSD.isFinite, dailyCapUSD >= 0 else {
            throw CoreError.invalidField(name: "daily_cap_usd", reason: "must be a number of USD, 0 or more")
        }
        // Int(exactly:) rather than Int(_:): a huge number of USD (1e13) must be refused, not trap the process.
        guard let micro = Int(exactly: (dailyCapUSD * 1_000_000).rounded()), micro <= planCap else {
            throw CoreError.invalidField(
                name: "daily_cap_usd",
                reason: "cannot exceed the plan's \(String(format: "%.2f", Double(planCap) / 1_000_000)) USD a day")
        }
        return micro
    }

    static func days(_ text: String?) throws -> Int {
        guard let text else { return 30 }
        guard let value = Int(text), (1...366).contains(value) else {
            throw CoreError.invalidField(name: "days", reason: "must be a whole number from 1 to 366")
        }
        return value
    }
}
