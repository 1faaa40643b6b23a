@testable import Accounts
import Fluent
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

@Suite struct SetupTests {
    @Test(arguments: DatabaseLane.enabled)
    func theSetupLinkCreatesTheFirstOwnerOnce(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let expiredLink = try #require(try await AccountsModule.setupLink(app))
            let expired = String(try #require(expiredLink.firstMatch(of: /#token=([0-9a-f]{64})/)).1)
            clock.advance(by: 3601)
            let form: [String: Any] = [
                "email": "owner@example.com", "password": strongPassword, "display_name": "Owner",
            ]
            #expect(
                try await call(app, .POST, "/api/v1/auth/setup", json: form.merging(["token": expired]) { $1 }).status
                    == .notFound, "valid one hour")
            let link = try #require(try await AccountsModule.setupLink(app))
            #expect(link.hasPrefix("http://localhost:8080/setup#token="))
            let token = String(try #require(link.firstMatch(of: /#token=([0-9a-f]{64})/)).1)
            let created = try await call(app, .POST, "/api/v1/auth/setup", json: form.merging(["token": token]) { $1 })
            #expect(created.status == .ok)
            let me = try await call(app, .GET, "/api/v1/auth/me", bearer: try #require(created.string("access_token")))
            #expect(me.json["is_owner"] as? Bool == true && me.json["email_verified"] as? Bool == true)
            #expect(
                try await call(
                    app, .POST, "/api/v1/auth/setup",
                    json: form.merging(["token": token, "email": "second@example.com"]) { $1 }
                ).status == .notFound)
            #expect(try await AccountsModule.setupLink(app) == nil, "no link once an account exists")
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }
}
