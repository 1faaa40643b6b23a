import Fluent
import Foundation
@testable import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

@Suite struct AuditLogTests {
    @Test(arguments: DatabaseLane.enabled)
    func eventsAreRecordedAndQueriedNewestFirst(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            let workspace = UUID(), other = UUID()
            let user = AuditActor(kind: "user", id: "u-1")
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let plan = Plan(id: "test", name: "Test", features: [], limits: [:])
            func inWorkspace<T: Sendable>(_ id: UUID, _ body: @escaping @Sendable (any Database) async throws -> T)
                async throws -> T
            {
                try await TenantContext.system(in: id, plan: plan).run(on: app.db) { tenant in try await body(tenant.db)
                }
            }
            for (offset, action, ws) in [
                (0.0, "member.invited", workspace), (10, "settings.changed", workspace), (20, "member.invited", other),
            ] {
                let logger = app.logger
                try await inWorkspace(ws) { db in
                    try await AuditLog.record(
                        AuditEntry(
                            action: action, actor: user, workspaceID: ws, target: ("member", "m-\(offset)"),
                            ip: "203.0.113.7", requestID: "req-\(offset)", metadata: ["role": "admin"]),
                        on: db, logger: logger, now: start + offset)
                }
            }
            let mine = try await inWorkspace(workspace) { db in
                try await AuditLog.events(AuditQuery(workspaceID: workspace), on: db)
            }
            #expect(mine.map(\.action) == ["settings.changed", "member.invited"])
            #expect(mine.last?.metadataValues == ["role": "admin"])
            #expect(mine.last?.ip == "203.0.113.7")
            let invites = try await inWorkspace(other) { db in
                try await AuditLog.events(AuditQuery(action: "member.invited"), on: db)
            }
            #expect(
                invites.count == (lane == .postgres ? 1 : 2),
                "on PostgreSQL a workspace's events are visible only in its context")
            let recent = try await inWorkspace(workspace) { db in
                try await AuditLog.events(AuditQuery(workspaceID: workspace, since: start + 5), on: db)
            }
            #expect(recent.count == 1)
            let byTarget = try await inWorkspace(workspace) { db in
                try await AuditLog.events(AuditQuery(target: ("member", "m-10.0")), on: db)
            }
            #expect(byTarget.map(\.action) == ["settings.changed"])
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func theDatabaseRefusesToRewriteHistory(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            let event = try await AuditLog.record(
                AuditEntry(action: "login.succeeded", actor: .system), on: app.db, logger: app.logger, now: Date())
            event.action = "nothing.happened"
            await #expect(throws: (any Error).self) { try await event.update(on: app.db) }
            await #expect(throws: (any Error).self) { try await AuditEvent.query(on: app.db).delete() }
            let stored = try await AuditEvent.query(on: app.db).all()
            #expect(stored.map(\.action) == ["login.succeeded"])
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func eachEventIsMirroredAsAJSONLogLine(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            let event = try await AuditLog.record(
                AuditEntry(action: "settings.changed", actor: AuditActor(kind: "user", id: "u-9")),
                on: app.db, logger: app.logger, now: Date())
            let id = try #require(event.id?.uuidString)
            let lines = TestLogs.lines(containing: id)
            #expect(lines.count == 1)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
            let audit = try #require(json["audit"] as? [String: Any])
            #expect(json["msg"] as? String == "audit")
            #expect(audit["action"] as? String == "settings.changed")
            #expect(audit["actor_id"] as? String == "u-9")
        }
    }
}
