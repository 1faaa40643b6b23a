import Foundation
import ParleyCore
import Vapor

/// `/app/audit` and `/app/audit.csv`: the workspace's audit log, filtered by action, kind of actor and dates, 50
/// events a page (newest first), or up to 1,000 as CSV. Reads through `AuditLog.events`, as the API does.
enum AuditPageController {
    static func register(_ app: Application, _ dashboard: any RoutesBuilder) {
        app.dashboardNav.append(DashboardNavEntry("Audit log", path: DashboardPaths.audit, permission: .readAudit))
        dashboard.get("app", "audit", use: page)
        dashboard.get("app", "audit.csv", use: csv)
    }

    static let pageSize = 50

    @Sendable static func page(_ request: Request) async throws -> Response {
        let context = try request.tenant(.readAudit)
        var filter = AuditPage.Filter(request)
        var events: [WorkspaceResponses.AuditEventInfo] = [], names: [String: String] = [:], older: String?
        var status = HTTPResponseStatus.ok
        do {
            let query = try auditQuery(
                filter, before: request.query[String.self, at: "before"], limit: pageSize + 1,
                workspaceID: context.workspaceID)
            let (found, members) = try await context.run(on: request.db) { tenant in
                (try await AuditLog.events(query, in: tenant), try await Members.list(tenant))
            }
            events = try found.prefix(pageSize).map(WorkspaceResponses.AuditEventInfo.init)
            names = Dictionary(members.map { ($0.userID.uuidString, $0.email) }) { first, _ in first }
            if found.count > pageSize, let last = events.last {
                older = ISO8601DateFormatter().string(from: last.occurredAt)
            }
        } catch let error as any AppError where error.status == .badRequest {
            filter.error = FormError(error)
            status = .badRequest
        }
        let content = AuditPage(events: events, names: names, older: older, filter: filter).content
        return try DashboardLayout.render(
            request, title: "Audit log", path: DashboardPaths.audit, status: status, content)
    }

    @Sendable static func csv(_ request: Request) async throws -> Response {
        let context = try request.tenant(.readAudit)
        let filter = AuditPage.Filter(request)
        let query = try auditQuery(filter, before: nil, limit: 1000, workspaceID: context.workspaceID)
        let events = try await context.run(on: request.db) { tenant in try await AuditLog.events(query, in: tenant) }
        var headers: HTTPHeaders = ["Content-Type": "text/csv; charset=utf-8", "Cache-Control": "no-store"]
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"parley-audit.csv\"")
        return Response(
            status: .ok, headers: headers,
            body: .init(string: AuditCSV.document(try events.map(WorkspaceResponses.AuditEventInfo.init))))
    }

    /// The page's filter as an audit query: dates are whole UTC days (`until` includes its day); `before` is the
    /// time of the last event on the previous page.
    static func auditQuery(_ filter: AuditPage.Filter, before: String?, limit: Int, workspaceID: UUID) throws
        -> AuditQuery
    {
        guard filter.action.count <= 100 else {
            throw CoreError.invalidField(name: "action", reason: "must be at most 100 characters.")
        }
        guard AuditPage.actors.contains(where: { $0.0 == filter.actor }) else {
            throw CoreError.invalidField(name: "actor", reason: "must be one of the listed kinds.")
        }
        let since = try day(filter.since, "since")
        var until = try day(filter.until, "until").map { $0.addingTimeInterval(86_400) }
        if let before {
            guard let cursor = ISO8601DateFormatter().date(from: before) else {
                throw CoreError.invalidField(name: "before", reason: "must be an ISO 8601 time.")
            }
            until = min(until ?? cursor, cursor)
        }
        return AuditQuery(
            workspaceID: workspaceID, action: filter.action.isEmpty ? nil : filter.action,
            actor: filter.actor.isEmpty ? nil : AuditActor(kind: filter.actor, id: nil), since: since, until: until,
            limit: limit)
    }

    private static func day(_ text: String, _ field: String) throws -> Date? {
        guard !text.isEmpty else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        guard text.count == 10, let date = formatter.date(from: text) else {
            throw CoreError.invalidField(name: field, reason: "must be a date such as 2026-11-22.")
        }
        return date
    }
}
