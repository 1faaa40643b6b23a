import ParleyCore

/// The actions on a workspace's AI usage and budget.
extension Permission {
    package static let readAIUsage = Permission(
        "ai.read", minimumRole: .admin, apiKeyScope: .init(area: .ai, access: .read))
    package static let manageAIBudget = Permission("ai.budget", minimumRole: .owner)

    static let ai: [Permission] = [.readAIUsage, .manageAIBudget]
}

extension APIKeyScope.Area {
    package static let ai = Self("ai")
}
