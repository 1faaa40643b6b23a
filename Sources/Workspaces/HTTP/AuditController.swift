import Foundation
import ParleyCore
import Vapor

/// `GET /api/v1/audit`: the current workspace's audit log, for Owners and Admins, filtered by actor, action and time.
enum AuditController {
    static func register(_ routes: any RoutesBuilder) {
        routes.grouped("api", "v1").tenantRoutes().get("audit", use: list)
    }

    @Sendable static func list(_ request: Request) async throws -> WorkspaceResponses.AuditEvents {
        let context = try request.tenant(.readAudit)
        let query = try request.query.decode(WorkspaceRequests.AuditFilter.self).query(workspaceID: context.workspaceID)
        let events = try await context.run(on: request.db) { tenant in try await AuditLog.events(query, in: tenant) }
        return WorkspaceResponses.AuditEvents(events: try events.map(WorkspaceResponses.AuditEventInfo.init))
    }
}
