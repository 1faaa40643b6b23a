import Foundation
import ParleyTestSupport
import Testing
import Vapor

@Suite struct InvitationLimitTests {
    /// Invite, revoke, invite again: each round mails the address, so the rounds are counted, revoked ones too.
    @Test(arguments: DatabaseLane.enabled)
    func inviteRevokeLoopsStopAtTheDailyLimit(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let owner = try await person(app, "owner@example.com")
            for _ in 0..<3 {
                let invited = try await call(
                    app, .POST, "/api/v1/workspace/invitations", json: ["email": "target@example.com"],
                    bearer: owner.token)
                #expect(invited.status == .created)
                let id = try #require(invited.string("id"))
                #expect(
                    try await call(app, .DELETE, "/api/v1/workspace/invitations/\(id)", bearer: owner.token).status.code
                        < 300)
            }
            let refused = try await call(
                app, .POST, "/api/v1/workspace/invitations", json: ["email": "target@example.com"], bearer: owner.token)
            #expect(refused.status == .tooManyRequests && refused.errorCode == "invitation_limit")
            #expect(try await mails(app, template: "workspace.invitation").count == 3)
            // Another address is still fine, and the same one again a day later.
            #expect(
                try await call(
                    app, .POST, "/api/v1/workspace/invitations", json: ["email": "else@example.com"],
                    bearer: owner.token
                ).status == .created)
            clock.advance(by: 86_401)
            let token = try #require(try await signIn(app, email: owner.email).string("access_token"))
            #expect(
                try await call(
                    app, .POST, "/api/v1/workspace/invitations", json: ["email": "target@example.com"], bearer: token
                ).status == .created)
        }
    }
}
