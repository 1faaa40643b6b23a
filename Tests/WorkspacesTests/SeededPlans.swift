import ParleyCore

@testable import Workspaces

/// The plans migration 0011 seeds, as `Plan` values, for tests that need a context on one without reading it back.
extension PlanCatalog {
    static let free = seeded("free")
    static let pro = seeded("pro")
    static let business = seeded("business")

    private static func seeded(_ id: String) -> Plan {
        let row = CreateWorkspaces.seededPlans.first { $0.id == id }!
        return PlanCoding.plan(id: row.id, name: row.name, features: row.features, limits: row.limits)
    }
}
