import Fluent
import Foundation
import ParleyCore
import Workspaces

/// The workspace export's `ai_calls.json`: every metered model call (refusals included), as the usage API counts
/// them. Prompts and answers are never stored, so none are exported.
enum AIUsageExport {
    struct Call: Encodable {
        var id: UUID?
        var day: String
        var feature: String
        var provider: String
        var model: String
        var inputTokens: Int
        var outputTokens: Int
        var tokensEstimated: Bool
        var costMicroUSD: Int64
        var latencyMS: Int
        var outcome: String
        var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id, day, feature, provider, model, outcome
            case inputTokens = "input_tokens", outputTokens = "output_tokens", tokensEstimated = "tokens_estimated"
            case costMicroUSD = "cost_micro_usd", latencyMS = "latency_ms", createdAt = "created_at"
        }

        init(_ call: AICall) {
            id = call.id
            day = call.day
            feature = call.feature
            provider = call.provider
            model = call.model
            inputTokens = call.inputTokens
            outputTokens = call.outputTokens
            tokensEstimated = call.tokensEstimated
            costMicroUSD = call.costMicroUSD
            latencyMS = call.latencyMS
            outcome = call.outcome
            createdAt = call.createdAt
        }
    }

    static let exporter = WorkspaceExporter(fileName: "ai_calls.json") { tenant in
        try WorkspaceExporter.json(try await tenant.query(AICall.self).sort(\.$createdAt).all().map(Call.init))
    }
}
