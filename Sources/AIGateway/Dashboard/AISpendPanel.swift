import Foundation
import ParleyCore
import Workspaces

/// The Overview's AI figure, for those who may read AI usage: today's spend against the daily budget, and a line
/// saying so when no provider is configured.
enum AISpendPanel {
    static func panel(available: Bool) -> OverviewPanel {
        OverviewPanel(permission: .readAIUsage) { tenant, now in
            let today = try await AIBudget.standing(on: BudgetDay.of(now), tenant)
            return .group(
                .h2("AI spend today"),
                .p(.class("figure-value"), .text("\(usd(today.spent)) of \(usd(today.cap))")),
                .usageMeter(used: today.spent, allowed: today.cap, label: "AI spend today"),
                available
                    ? .when(
                        today.spent == 0,
                        .p("Nothing is spent today. Every model call is metered here against the daily budget."))
                    : .p(.text(notConfigured)))
        }
    }

    static let notConfigured =
        "AI is not configured. Answers and drafts use their built-in fallback until an operator adds a provider (see docs/AI.md)."

    /// Micro-USD shown as dollars and cents (a fraction of a cent rounds up, so a small spend is never shown as none).
    static func usd(_ micro: Int) -> String {
        let cents = (micro + 9_999) / 10_000
        return "\(cents / 100).\(String(format: "%02d", cents % 100)) USD"
    }
}
