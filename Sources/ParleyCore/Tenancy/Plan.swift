import Foundation

/// A switch in a plan (`api_access`). The module a feature belongs to declares it
/// (`extension PlanFeature { package static let … }`); a plan row may name features of modules this build lacks,
/// and they switch nothing on.
package struct PlanFeature: RawRepresentable, Hashable, Sendable {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }
}

/// A counted limit in a plan (`seats`), declared by the module that counts it, like `PlanFeature`.
package struct PlanLimit: RawRepresentable, Hashable, Sendable {
    package let rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }
}

/// A plan is data (the `plans` table): which features a workspace has and how much it may hold.
package struct Plan: Sendable, Equatable {
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
