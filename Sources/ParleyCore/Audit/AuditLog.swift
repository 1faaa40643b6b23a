import Fluent
import Foundation
import Logging

/// The one way to write and read the audit log. Rows are only ever inserted; the database refuses updates
/// and deletes (see `CreateAuditEvents`), so history cannot be rewritten from the application.
package enum AuditLog {
    /// Inserts the event and mirrors it as one JSON log line.
    @discardableResult
    package static func record(_ entry: AuditEntry, on db: any Database, logger: Logger, now: Date) async throws
        -> AuditEvent
    {
        let event = AuditEvent()
        event.id = UUID()
        event.occurredAt = now
        event.workspaceID = entry.workspaceID
        event.actorKind = entry.actor.kind
        event.actorID = entry.actor.id
        event.action = entry.action
        event.targetKind = entry.target?.kind
        event.targetID = entry.target?.id
        event.ip = entry.ip
        event.userAgent = entry.userAgent
        event.requestID = entry.requestID
        event.metadata = String(decoding: try JSONEncoder.sorted.encode(entry.metadata), as: UTF8.self)
        try await event.create(on: db)
        logger.info("audit", metadata: ["audit": .dictionary(logFields(of: event, metadata: entry.metadata))])
        return event
    }

    /// Events matching the query, newest first.
    package static func events(_ query: AuditQuery, on db: any Database) async throws -> [AuditEvent] {
        var builder = AuditEvent.query(on: db).sort(\.$occurredAt, .descending).sort(\.$id, .descending).limit(
            query.limit)
        if let workspaceID = query.workspaceID { builder = builder.filter(\.$workspaceID == workspaceID) }
        if let action = query.action { builder = builder.filter(\.$action == action) }
        if let actor = query.actor {
            builder = builder.filter(\.$actorKind == actor.kind)
            if let id = actor.id { builder = builder.filter(\.$actorID == id) }
        }
        if let target = query.target {
            builder = builder.filter(\.$targetKind == target.kind).filter(\.$targetID == target.id)
        }
        if let since = query.since { builder = builder.filter(\.$occurredAt >= since) }
        if let until = query.until { builder = builder.filter(\.$occurredAt < until) }
        return try await builder.all()
    }

    /// The events of `tenant`'s workspace matching the query, newest first.
    package static func events(_ query: AuditQuery, in tenant: TenantDatabase) async throws -> [AuditEvent] {
        var scoped = query
        scoped.workspaceID = tenant.workspaceID
        return try await events(scoped, on: tenant.db)
    }

    /// Every event of `tenant`'s workspace, oldest first (the workspace export).
    package static func allEvents(in tenant: TenantDatabase) async throws -> [AuditEvent] {
        try await AuditEvent.query(on: tenant.db).filter(\.$workspaceID == tenant.workspaceID).sort(\.$occurredAt).all()
    }

    /// Deletes the events of `tenant`'s workspace older than `cutoff`; returns how many (audit retention, the
    /// only path past the append-only triggers).
    package static func deleteOlder(than cutoff: Date, in tenant: TenantDatabase) async throws -> Int {
        try await tenant.raw(
            "DELETE FROM audit_events WHERE occurred_at < \(bind: cutoff) AND \(scope: "audit_events") RETURNING id"
        ).all().count
    }

    /// Deletes the events of no workspace older than `cutoff`; returns how many. The filter is written out, not
    /// left to the policies: SQLite has none, and the statement must mean the same there.
    package static func deleteOlderOutsideWorkspaces(than cutoff: Date, on db: any Database) async throws -> Int {
        try await db.sqlDatabase.raw(
            "DELETE FROM audit_events WHERE occurred_at < \(bind: cutoff) AND workspace_id IS NULL RETURNING id"
        ).all().count
    }

    private static func logFields(of event: AuditEvent, metadata: [String: String]) -> Logger.Metadata {
        var fields: Logger.Metadata = [
            "id": .string(event.id?.uuidString ?? ""),
            "action": .string(event.action),
            "actor_kind": .string(event.actorKind),
        ]
        fields["actor_id"] = event.actorID.map { .string($0) }
        fields["workspace_id"] = event.workspaceID.map { .string($0.uuidString) }
        fields["target_kind"] = event.targetKind.map { .string($0) }
        fields["target_id"] = event.targetID.map { .string($0) }
        fields["ip"] = event.ip.map { .string($0) }
        fields["request_id"] = event.requestID.map { .string($0) }
        if !metadata.isEmpty { fields["metadata"] = .dictionary(metadata.mapValues { .string($0) }) }
        return fields
    }
}

/// Filters for `AuditLog.events`; every field narrows the result.
package struct AuditQuery: Sendable {
    package var workspaceID: UUID?
    package var action: String?
    package var actor: AuditActor?
    package var target: (kind: String, id: String)?
    package var since: Date?
    package var until: Date?
    package var limit: Int

    package init(
        workspaceID: UUID? = nil, action: String? = nil, actor: AuditActor? = nil,
        target: (kind: String, id: String)? = nil,
        since: Date? = nil, until: Date? = nil, limit: Int = 100
    ) {
        self.workspaceID = workspaceID
        self.action = action
        self.actor = actor
        self.target = target
        self.since = since
        self.until = until
        self.limit = min(max(1, limit), 1000)
    }
}

extension AuditEvent {
    /// The stored metadata decoded back into its map.
    package var metadataValues: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(metadata.utf8))) ?? [:]
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
