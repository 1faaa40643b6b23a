import Fluent
import Foundation
@testable import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import Accounts
@testable import Workspaces

@Suite struct AccountDeletionTests {
    @Test(arguments: DatabaseLane.enabled)
    func deletingAnAccountEndsItAtOnceAndThePurgeRemovesItLater(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let (owner, member, shared) = try await ownerAndMember(app, clock: clock, role: .member)
            let memberOwn = try #require(
                (try await call(app, .GET, "/api/v1/workspaces", bearer: member.token).json["workspaces"]
                    as? [[String: Any]])?
                    .compactMap { ($0["id"] as? String).flatMap(UUID.init(uuidString:)) }.first { $0 != shared })

            #expect(
                try await call(
                    app, .DELETE, "/api/v1/auth/account", json: ["current_password": "wrong password here"],
                    bearer: owner.token
                ).errorCode == "current_password_wrong")
            let refused = try await call(
                app, .DELETE, "/api/v1/auth/account", json: ["current_password": strongPassword], bearer: owner.token)
            #expect(
                refused.status == .conflict && refused.errorCode == "last_owner",
                "the last Owner of other people must hand over first")
            #expect(
                try await call(
                    app, .PATCH, "/api/v1/workspace/members/\(member.userID)", json: ["role": "owner"],
                    headers: .workspace(shared), bearer: owner.token
                ).status == .ok)
            #expect(
                try await call(
                    app, .DELETE, "/api/v1/auth/account", json: ["current_password": strongPassword],
                    bearer: owner.token
                ).status == .noContent)

            // Unusable at once: no sign-in, no workspace, no account.
            #expect(try await signIn(app, email: owner.email).errorCode == "sign_in_failed")
            #expect(try await call(app, .GET, "/api/v1/auth/me", bearer: owner.token).status == .unauthorized)
            #expect(
                try await call(app, .GET, "/api/v1/workspace", headers: .workspace(shared), bearer: owner.token).status
                    == .unauthorized,
                "the deleted account's access token is revoked")
            let members = try await call(
                app, .GET, "/api/v1/workspace/members", headers: .workspace(shared), bearer: member.token)
            #expect(!members.text.contains(owner.email) && (members.json["members"] as? [[String: Any]])?.count == 1)

            // A member alone in a workspace takes it with them.
            #expect(
                try await call(
                    app, .DELETE, "/api/v1/auth/account", json: ["current_password": strongPassword],
                    bearer: member.token
                ).status == .noContent)
            let context = TenantContext.system(in: memberOwn, plan: PlanCatalog.free)
            let deletedAt = try await context.run(on: app.db) { tenant in
                try await Workspace.find(memberOwn, on: tenant.db)?.deletedAt
            }
            #expect(deletedAt != nil)

            // The address is free again.
            clock.advance(by: 1)
            let again = try await person(app, "owner@example.com")
            #expect(again.userID != owner.userID)

            #expect(
                try await AccountDeletion.purge(
                    graceDays: 30, on: app.db, logger: app.logger, now: clock.now.addingTimeInterval(29 * 86_400)) == 0)
            #expect(
                try await AccountDeletion.purge(
                    graceDays: 30, on: app.db, logger: app.logger, now: clock.now.addingTimeInterval(31 * 86_400)) == 2)
            #expect(try await User.find(owner.userID, on: app.db) == nil)
            #expect(try await User.find(again.userID, on: app.db) != nil)
        }
    }
}
