import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import Workspaces

/// The API keys page (`/app/api-keys`) as a browser uses it: the secret shown once, the key usable with its scope
/// only, revoked through the form; Members see no key and no form.
@Suite struct DashboardAPIKeysTests {
    @Test(arguments: DatabaseLane.enabled)
    func anAdminCreatesAKeySeesItsSecretOnceAndRevokesIt(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let (owner, member, workspace) = try await ownerAndMember(app, clock: clock, role: .member)
            try await setPlan(app, workspace, "pro")
            let (session, _) = try await DashboardSession.signIn(app, owner.email)

            let empty = try await session.get(app, "/app/api-keys")
            #expect(empty.status == .ok && empty.text.contains("No API key yet"))
            expectPlainLabelledPage(empty, "/app/api-keys")

            let refused = try await session.post(
                app, "/app/api-keys", form: ["name": "CRM <sync>", "expires_in_days": "30"])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("id=\"scopes-error\""), "the refusal sits by the scopes")
            #expect(
                refused.text.contains("value=\"CRM &lt;sync&gt;\"") && refused.text.contains("value=\"30\""),
                "what was typed stays")

            let created = try await session.post(
                app, "/app/api-keys", form: ["name": "CRM sync", "scopes[]": "members:read", "expires_in_days": "30"])
            #expect(created.status == .created)
            let secret = try #require(created.text.firstMatch(of: /value="(parley_sk_[^"]+)"/)?.1).description
            expectPlainLabelledPage(created, "/app/api-keys (created)")
            #expect(
                !(try await session.get(app, "/app/api-keys")).text.contains(secret), "the secret is shown only once")

            #expect(try await call(app, .GET, "/api/v1/workspace/members", bearer: secret).status == .ok)
            #expect(
                try await call(
                    app, .POST, "/api/v1/workspace/invitations", json: ["email": "x@example.com"], bearer: secret
                )
                .status == .forbidden, "the key has only the scope it was given")

            let listed = try await call(
                app, .GET, "/api/v1/workspace/api-keys", headers: .workspace(workspace), bearer: owner.token)
            let id = try #require(listed.text.firstMatch(of: /"id":"([0-9A-F-]{36})"/)?.1).description
            let revoked = try await session.post(app, "/app/api-keys/\(id)/revoke")
            #expect(revoked.status == .seeOther && revoked.headers.first(name: .location) == "/app/api-keys")
            #expect(try await call(app, .GET, "/api/v1/workspace/members", bearer: secret).status == .unauthorized)
            let flash = try #require(revoked.setCookies["parley_flash"])
            let after = try await session.get(app, "/app/api-keys", extraCookies: "parley_flash=\(flash)")
            #expect(after.text.contains("Revoked") && after.text.contains("The key is revoked"))

            let (memberSession, _) = try await DashboardSession.signIn(app, member.email)
            let hidden = try await memberSession.get(app, "/app/api-keys")
            #expect(hidden.status == .forbidden && !hidden.text.contains("CRM sync"))
            #expect(
                !(try await memberSession.get(app, "/app")).text.contains("href=\"/app/api-keys\""),
                "no entry in a Member's navigation")
            #expect(
                try await memberSession.post(app, "/app/api-keys", form: ["name": "mole", "scopes[]": "members:read"])
                    .status == .forbidden)
        }
    }
}
