import Fluent
import Foundation
@testable import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import Workspaces

@Suite struct WorkspaceDeletionTests {
    @Test(arguments: DatabaseLane.enabled)
    func deletionIsImmediateAndThePurgeRemovesEverythingAfterTheGracePeriod(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let (owner, member, workspace) = try await ownerAndMember(app, clock: clock, role: .admin)
            let ws = HTTPHeaders.workspace(workspace)
            #expect(
                try await call(app, .DELETE, "/api/v1/workspace", headers: ws, bearer: member.token).status
                    == .forbidden, "Owners only")
            let deleted = try await call(app, .DELETE, "/api/v1/workspace", headers: ws, bearer: owner.token)
            #expect(deleted.status == .ok && deleted.string("purge_after") != nil)
            // Unreachable at once, for everyone and every route.
            #expect(
                try await call(app, .GET, "/api/v1/workspace/members", headers: ws, bearer: member.token).status
                    == .notFound)
            let listed = try await call(app, .GET, "/api/v1/workspaces", bearer: member.token)
            #expect(!listed.text.contains(workspace.uuidString))
            #expect(
                try await call(app, .GET, "/api/v1/workspace", bearer: owner.token).string("id") != workspace.uuidString
            )

            var env = try WorkspacesEnvironment(app, db: app.db, logger: app.logger)
            env.now = clock.now.addingTimeInterval(29 * 86_400)
            #expect(try await WorkspacePurge.run(graceDays: 30, env) == 0, "still inside the grace period")
            env.now = clock.now.addingTimeInterval(31 * 86_400)
            #expect(try await WorkspacePurge.run(graceDays: 30, env) == 1)
            let context = TenantContext.system(in: workspace, plan: PlanCatalog.free)
            let remaining = try await context.run(on: app.db) { tenant in
                (try await Workspace.find(workspace, on: tenant.db) == nil ? 0 : 1)
                    + (try await tenant.query(Membership.self).count())
                    + (try await tenant.query(Invitation.self).count())
            }
            #expect(remaining == 0)
            let purged = try await AuditEvent.query(on: app.db).filter(\.$action == "workspace.purged").all()
            #expect(purged.count == 1 && purged.first?.targetID == workspace.uuidString)
        }
    }
}
