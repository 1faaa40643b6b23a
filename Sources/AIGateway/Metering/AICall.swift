import Fluent
import Foundation
import ParleyCore

/// One metered model call: who, what for, which provider and model, tokens (reported or estimated), cost,
/// latency and outcome. Calls refused for budget are recorded too, at zero cost.
final class AICall: TenantModel, @unchecked Sendable {
    static let schema = "ai_calls"
    static var workspaceIDField: KeyPath<AICall, FieldProperty<AICall, UUID>> { \.$workspaceID }

    enum Outcome: String, Sendable, Codable { case ok, failed, budgetExhausted = "budget_exhausted" }

    @ID(key: .id) var id: UUID?
    @Field(key: "workspace_id") var workspaceID: UUID
    @Field(key: "day") var day: String
    @Field(key: "feature") var feature: String
    @Field(key: "provider") var provider: String
    @Field(key: "model") var model: String
    @Field(key: "input_tokens") var inputTokens: Int
    @Field(key: "output_tokens") var outputTokens: Int
    @Field(key: "tokens_estimated") var tokensEstimated: Bool
    @Field(key: "cost_micro_usd") var costMicroUSD: Int64
    @Field(key: "latency_ms") var latencyMS: Int
    @Field(key: "outcome") var outcome: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// What one call used, for the meter.
struct CallRecord: Sendable {
    var feature: AIFeature
    var provider: String = "-"
    var model: String = "-"
    var inputTokens = 0
    var outputTokens = 0
    var estimated = false
    var cost = 0
    var latencyMS = 0
    var outcome: AICall.Outcome

    func row(now: Date) -> AICall {
        let call = AICall()
        call.id = UUID()
        call.day = BudgetDay.of(now)
        call.feature = feature.rawValue
        call.provider = provider
        call.model = model
        call.inputTokens = inputTokens
        call.outputTokens = outputTokens
        call.tokensEstimated = estimated
        call.costMicroUSD = Int64(cost)
        call.latencyMS = latencyMS
        call.outcome = outcome.rawValue
        call.createdAt = now
        return call
    }
}
