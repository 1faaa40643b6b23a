import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
import VaporTesting
@testable import Workspaces

@Suite struct InvitationPageTests {
    @Test(arguments: DatabaseLane.enabled)
    func theMailedLinkLeadsToAPageThatJoinsTheWorkspace(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let owner = try await person(app, "owner@example.com")
            clock.advance(by: 1)
            let invitee = try await person(app, "invitee@example.com")
            clock.advance(by: 1)
            #expect(
                try await call(
                    app, .POST, "/api/v1/workspace/invitations", json: ["email": invitee.email], bearer: owner.token
                ).status == .created)
            let token = try await mailedToken(app, template: "workspace.invitation")

            let anonymous = try await call(app, .GET, "/accept-invitation")
            #expect(anonymous.status == .ok && anonymous.text.contains("Sign in with the address"))
            let signedIn = try await call(app, .GET, "/accept-invitation", bearer: invitee.token)
            #expect(signedIn.text.contains("id=\"link-token\"") && signedIn.text.contains("/assets/auth.js"))

            var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            headers.bearerAuthorization = BearerAuthorization(token: invitee.token)
            for (body, expected) in [
                ("token=" + String(repeating: "0", count: 64), HTTPStatus.badRequest), ("token=" + token, .ok),
            ] {
                try await app.testing().test(
                    .POST, "/accept-invitation", headers: headers, body: ByteBuffer(string: body)
                ) { response async throws in
                    #expect(response.status == expected)
                    if expected == .ok { #expect(response.body.string.contains("You have joined")) }
                }
            }
            let members = try await call(
                app, .GET, "/api/v1/workspace/members", headers: .workspace(try await currentWorkspaceID(app, owner)),
                bearer: owner.token)
            #expect(members.text.contains(invitee.email))
        }
    }
}
