import Fluent
import Foundation
@testable import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import Accounts
@testable import Workspaces

@Suite struct DemoWorkspaceTests {
    @Test(arguments: DatabaseLane.enabled)
    func aVisitorGetsADemoWorkspaceThatIsErasedAfterADay(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        var variables = authVariables
        variables["PARLEY_POW_DIFFICULTY"] = "8"
        try await withTestApp(lane, variables: variables, clock: clock.appClock) { app async throws in
            #expect(
                try await call(app, .POST, "/api/v1/demo", json: [:]).status == .badRequest, "the bot check is required"
            )
            #expect(
                [.badRequest, .forbidden].contains(
                    try await call(
                        app, .POST, "/api/v1/demo", json: ["bot_check": ["pow_nonce": "x", "pow_solution": "1"]]
                    ).status), "a wrong answer is refused")
            let demo = try await call(app, .POST, "/api/v1/demo", json: ["bot_check": try await solvedBotCheck(app)])
            #expect(demo.status == .ok, "\(demo.text)")
            let token = try #require(demo.string("access_token"))
            let workspace = try await call(app, .GET, "/api/v1/workspace", bearer: token)
            #expect(workspace.string("name") == "Demo shop")
            // An anonymous visitor gets the small demo plan: no API keys, cents of AI a day, megabytes of storage.
            #expect((workspace.json["plan"] as? [String: Any])?["id"] as? String == "demo")
            #expect(
                try await call(
                    app, .POST, "/api/v1/workspace/api-keys", json: ["name": "k", "scopes": ["workspace:read"]],
                    bearer: token
                ).status == .paymentRequired)
            let workspaceID = try #require(UUID(uuidString: workspace.string("id") ?? ""))
            let members = try #require(
                try await call(app, .GET, "/api/v1/workspace/members", bearer: token).json["members"]
                    as? [[String: Any]])
            #expect(members.count == 3)
            #expect(
                try await call(app, .GET, "/api/v1/workspace/invitations", bearer: token).text.contains(
                    "alex@example.com"))
            #expect(try await mails(app, template: "workspace.invitation").isEmpty, "sample data sends no mail")
            #expect(try await mails(app, template: "auth.verify_email").isEmpty)

            // A real account is untouched by the expiry.
            let real = try await person(app, "real@example.com")
            var env = try WorkspacesEnvironment(app, db: app.db, logger: app.logger)
            env.now = clock.now.addingTimeInterval(23 * 3600)
            #expect(try await DemoWorkspaces.expire(lifetimeHours: 24, env) == 0)
            env.now = clock.now.addingTimeInterval(25 * 3600)
            #expect(try await DemoWorkspaces.expire(lifetimeHours: 24, env) == 1)
            let context = TenantContext.system(in: workspaceID, plan: PlanCatalog.free)
            #expect(
                try await context.run(on: app.db) { tenant in try await Workspace.find(workspaceID, on: tenant.db) }
                    == nil)
            #expect(
                try await User.query(on: app.db).filter(\.$email, .contains(inverse: false, .suffix), "@demo.invalid")
                    .count() == 0, "guests erased")
            #expect(try await User.find(real.userID, on: app.db) != nil)
            #expect(try await call(app, .GET, "/api/v1/workspace", bearer: real.token).status == .ok)
        }
    }
}
