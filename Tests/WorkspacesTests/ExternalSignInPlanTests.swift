@testable import Accounts
import Fluent
import Foundation
@testable import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import Workspaces

/// The `external_sign_in` plan feature: a session that began with an external provider acts only in workspaces
/// whose plan has it.
@Suite struct ExternalSignInPlanTests {
    @Test(arguments: DatabaseLane.enabled)
    func aWorkspaceWithoutTheFeatureTurnsAwayExternalSessions(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let ada = try await person(app, "ada@example.com")
            let workspace = try await currentWorkspaceID(app, ada)
            let user = try #require(try await User.find(ada.userID, on: app.db))
            let env = try AccountsEnvironment(
                app, db: app.db, logger: app.logger, client: ClientInfo(ip: nil, userAgent: nil, requestID: nil))
            let external = try await Sessions.start(user: user, method: "oidc", env)
            let refused = try await call(app, .GET, "/api/v1/workspace", bearer: external.accessToken)
            #expect(refused.status == .paymentRequired && refused.text.contains("external_sign_in"))
            let externalWithCode = try await Sessions.start(user: user, method: "oidc+totp", env)
            #expect(
                try await call(app, .GET, "/api/v1/workspace", bearer: externalWithCode.accessToken).status
                    == .paymentRequired, "a second factor does not change the first")
            #expect(
                try await call(app, .GET, "/api/v1/workspace", bearer: ada.token).status == .ok,
                "a password session is not affected")
            try await TenantContext.system(in: workspace, plan: .unchecked).run(on: app.db) { tenant in
                try await tenant.sql.raw("UPDATE workspaces SET plan_id = 'business' WHERE id = \(bind: workspace)")
                    .run()
            }
            #expect(try await call(app, .GET, "/api/v1/workspace", bearer: external.accessToken).status == .ok)
        }
    }
}
