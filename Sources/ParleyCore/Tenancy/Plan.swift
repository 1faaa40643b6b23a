import Foundation

/// A plan's feature switches.
package enum PlanFeature: String, Sendable, Codable, CaseIterable {
    case assistant, proposals, webhooks
    case apiAccess = "api_access"
    case customBranding = "custom_branding"
    case externalSignIn = "external_sign_in"
}

/// A plan's counted limits.
package enum PlanLimit: String, Sendable, Codable, CaseIterable {
    case seats, sites
    case knowledgePages = "knowledge_pages"
    case proposalsPerMonth = "proposals_per_month"
    /// In micro-USD (1 USD = 1,000,000).
    case dailyAIBudgetMicroUSD = "daily_ai_budget_micro_usd"
    /// The largest single upload, in MiB (a purpose may allow less).
    case uploadMB = "upload_mb"
    /// All of a workspace's stored files together, in MiB.
    case storageMB = "storage_mb"
}

/// A plan is data (the `plans` table): which features a workspace has and how much it may hold.
package struct Plan: Sendable, Codable, Equatable {
    package var id: String
    package var name: String
    package var features: Set<PlanFeature>
    package var limits: [PlanLimit: Int]

    package init(id: String, name: String, features: Set<PlanFeature>, limits: [PlanLimit: Int]) {
        self.id = id
        self.name = name
        self.features = features
        self.limits = limits
    }

    /// For system work that checks no plan (serving a signed download link): no feature, every limit zero.
    package static let unchecked = Plan(id: "", name: "", features: [], limits: [:])

    /// The limit's value; a limit the plan does not state is zero, so a missing row grants nothing.
    package func limit(_ limit: PlanLimit) -> Int { limits[limit] ?? 0 }

    /// Throws the 402 that names the feature when the plan lacks it.
    package func require(_ feature: PlanFeature) throws {
        guard features.contains(feature) else { throw TenancyError.featureNotInPlan(feature, plan: name) }
    }

    /// Throws the 402 that names the limit when `used + adding` would pass it.
    package func check(_ limit: PlanLimit, used: Int, adding: Int = 1) throws {
        guard used + adding <= self.limit(limit) else {
            throw TenancyError.planLimitReached(limit, limit: self.limit(limit), plan: name)
        }
    }
}
