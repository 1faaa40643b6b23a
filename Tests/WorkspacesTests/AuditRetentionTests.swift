import Fluent
import Foundation
@testable import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import Workspaces

@Suite struct AuditRetentionTests {
    @Test(arguments: DatabaseLane.enabled)
    func onlyTheRetentionJobRemovesEventsAndOnlyOldOnes(_ lane: DatabaseLane) async throws {
        let now = Date()
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let workspace = UUID()
            let context = TenantContext.system(in: workspace, plan: PlanCatalog.free)
            let logger = app.logger
            for (age, scoped) in [(400.0, true), (400, false), (10, true), (10, false)] {
                let entry = AuditEntry(
                    action: "test.event", actor: .system, workspaceID: scoped ? workspace : nil,
                    metadata: ["age": String(Int(age))])
                let when = now.addingTimeInterval(-age * 86_400)
                if scoped {
                    try await context.run(on: app.db) { tenant in
                        _ = try await AuditLog.record(entry, on: tenant.db, logger: logger, now: when)
                    }
                } else {
                    try await AuditLog.record(entry, on: app.db, logger: logger, now: when)
                }
            }
            // Before the job, nothing can be deleted, not even the old events.
            await #expect(throws: (any Error).self) {
                try await context.run(on: app.db) { tenant in try await AuditEvent.query(on: tenant.db).delete() }
            }
            var env = try WorkspacesEnvironment(app, db: app.db, logger: app.logger)
            env.now = now
            #expect(try await AuditRetention.run(retentionDays: 365, env) == 2)
            let remaining = try await context.run(on: app.db) { tenant in
                try await AuditEvent.query(on: tenant.db).filter(\.$action == "test.event").all().map {
                    $0.metadataValues["age"] ?? ""
                }
            }
            #expect(remaining.sorted() == ["10", "10"])
            // The recent ones stay protected.
            await #expect(throws: (any Error).self) {
                try await context.run(on: app.db) { tenant in try await AuditEvent.query(on: tenant.db).delete() }
            }
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "audit.retention.removed").count() == 1)
        }
    }
}
