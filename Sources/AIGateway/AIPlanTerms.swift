import ParleyCore

extension PlanLimit {
    /// The most a workspace's AI calls may cost in a day, in micro-USD (1 USD = 1,000,000).
    package static let dailyAIBudgetMicroUSD = PlanLimit(rawValue: "daily_ai_budget_micro_usd")
}
