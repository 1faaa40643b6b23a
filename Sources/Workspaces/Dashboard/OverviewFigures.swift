import Foundation
import ParleyCore

/// What the Overview shows, read in one tenant transaction through the flows that own each figure: the plan usage
/// counters (`WorkspaceUsage`), the panels of other modules the person may see, and, for audit readers, the five
/// latest audit events (`AuditLog`) with the members' addresses (`Members`).
struct OverviewFigures: Sendable {
    var usage: [UsageReading]
    var panels: [Node]
    var events: [AuditEvent]?
    var names: [String: String]

    static let recentEvents = 5

    static func load(meters: [UsageMeter], panels: [OverviewPanel], _ tenant: TenantDatabase, now: Date) async throws
        -> OverviewFigures
    {
        let context = tenant.context
        func may(_ permission: Permission) -> Bool { (try? context.authorize(permission)) != nil }
        var figures = OverviewFigures(
            usage: try await WorkspaceUsage.report(meters, tenant, now: now), panels: [], events: nil, names: [:])
        for panel in panels where may(panel.permission) {
            figures.panels.append(try await panel.content(tenant, now))
        }
        if may(.readAudit) {
            figures.events = try await AuditLog.events(
                AuditQuery(workspaceID: tenant.workspaceID, limit: recentEvents), in: tenant)
            figures.names = Dictionary(try await Members.list(tenant).map { ($0.userID.uuidString, $0.email) }) {
                first, _ in first
            }
        }
        return figures
    }
}
