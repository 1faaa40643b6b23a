import ParleyCore
import Vapor

/// The one error type callers handle: each means "use the deterministic fallback" (extractive answers for the
/// assistant, template drafts for proposals), with a reason to show or log.
package enum AIGatewayError: AppError, Equatable {
    /// No provider is configured for this kind of call (the embedded default), or every provider's circuit is open.
    case unavailable(String)
    /// The workspace's daily budget, or the operator's, cannot cover the call's maximum cost.
    case budgetExhausted(BudgetScope)
    /// Every provider failed (after retries and fallbacks).
    case providerFailed(String)

    package enum BudgetScope: String, Sendable, Equatable { case workspace, `operator` }

    package var status: HTTPResponseStatus {
        switch self {
        case .unavailable: .serviceUnavailable
        case .budgetExhausted: .paymentRequired
        case .providerFailed: .badGateway
        }
    }

    package var code: String {
        switch self {
        case .unavailable: "ai_unavailable"
        case .budgetExhausted: "ai_budget_exhausted"
        case .providerFailed: "ai_provider_failed"
        }
    }

    package var reason: String {
        switch self {
        case .unavailable(let why): "AI is unavailable: \(why)."
        case .budgetExhausted(.workspace): "This workspace's daily AI budget is used up; it renews at midnight UTC."
        case .budgetExhausted(.operator): "This installation's daily AI budget is used up; it renews at midnight UTC."
        case .providerFailed(let why): "The AI provider failed: \(why)."
        }
    }
}
