import ParleyCore

/// The plans a new installation starts with. After the first migration they are data: operators change them in
/// the `plans` table, and `parley workspaces set-plan` moves a workspace between them.
enum PlanCatalog {
    static let free = Plan(
        id: "free", name: "Free", features: [.assistant, .proposals],
        limits: [
            .seats: 3, .sites: 1, .knowledgePages: 200, .proposalsPerMonth: 10, .dailyAIBudgetMicroUSD: 1_000_000,
            .uploadMB: 10, .storageMB: 500,
        ])
    static let pro = Plan(
        id: "pro", name: "Pro", features: [.assistant, .proposals, .webhooks, .apiAccess, .customBranding],
        limits: [
            .seats: 10, .sites: 5, .knowledgePages: 5_000, .proposalsPerMonth: 200, .dailyAIBudgetMicroUSD: 10_000_000,
            .uploadMB: 50, .storageMB: 10_000,
        ])
    static let business = Plan(
        id: "business", name: "Business", features: Set(PlanFeature.allCases),
        limits: [
            .seats: 50, .sites: 25, .knowledgePages: 50_000, .proposalsPerMonth: 2_000,
            .dailyAIBudgetMicroUSD: 50_000_000,
            .uploadMB: 200, .storageMB: 100_000,
        ])

    /// Anonymous demo workspaces: enough to try every screen, too little to be worth abusing (migration 0020).
    static let demo = Plan(
        id: "demo", name: "Demo", features: [.assistant, .proposals],
        limits: [
            .seats: 5, .sites: 1, .knowledgePages: 50, .proposalsPerMonth: 5, .dailyAIBudgetMicroUSD: 50_000,
            .uploadMB: 2, .storageMB: 20,
        ])

    static let seeded = [free, pro, business]
    /// The plan of a new workspace.
    static let defaultPlanID = free.id
}
