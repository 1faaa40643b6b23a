/// What a model call is for: every call is metered under one.
package enum AIFeature: String, Sendable, CaseIterable, Codable {
    case assistant
    case proposalDraft = "proposal_draft"
    case embedding
}
