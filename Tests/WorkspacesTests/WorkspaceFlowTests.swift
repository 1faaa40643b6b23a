import Fluent
import Foundation
@testable import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import Workspaces

@Suite struct WorkspaceFlowTests {
    @Test(arguments: DatabaseLane.enabled)
    func signUpCreatesAWorkspaceAndPeopleCanHoldAndSwitchSeveral(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let ada = try await person(app, "ada@example.com")
            let list = try await call(app, .GET, "/api/v1/workspaces", bearer: ada.token)
            let workspaces = try #require(list.json["workspaces"] as? [[String: Any]])
            #expect(workspaces.count == 1)
            #expect(workspaces.first?["role"] as? String == "owner")
            let first = try await currentWorkspaceID(app, ada)

            let created = try await call(
                app, .POST, "/api/v1/workspaces", json: ["name": "Second shop"], bearer: ada.token)
            #expect(created.status == .created)
            let second = try #require(UUID(uuidString: created.string("id") ?? ""))
            #expect(try await currentWorkspaceID(app, ada) == second, "a new workspace is the one you act in next")
            #expect(
                try await call(app, .POST, "/api/v1/workspaces/\(first)/select", bearer: ada.token).status == .noContent
            )
            #expect(try await currentWorkspaceID(app, ada) == first)
            let named = try await call(app, .GET, "/api/v1/workspace", headers: .workspace(second), bearer: ada.token)
            #expect(named.string("name") == "Second shop")
            #expect(
                try await call(app, .POST, "/api/v1/workspaces/\(UUID())/select", bearer: ada.token).status == .notFound
            )
            #expect(
                try await call(
                    app, .GET, "/api/v1/workspace", headers: ["X-Parley-Workspace": "not-a-uuid"], bearer: ada.token
                ).status == .notFound)
            #expect(try await call(app, .GET, "/api/v1/workspace").status == .unauthorized)
            #expect(
                try await call(app, .POST, "/api/v1/workspaces", json: ["name": ""], bearer: ada.token).errorCode
                    == "invalid_field")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func invitationsRolesAndTheLastOwnerRule(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let owner = try await person(app, "owner@example.com")
            let admin = try await person(app, "admin@example.com")
            let member = try await person(app, "member@example.com")
            let workspace = try await currentWorkspaceID(app, owner)
            try await join(app, admin, invitedBy: owner, as: .admin)
            try await join(app, member, invitedBy: owner, as: .member)
            let ws = HTTPHeaders.workspace(workspace)

            let members = try await call(app, .GET, "/api/v1/workspace/members", headers: ws, bearer: member.token)
            #expect((members.json["members"] as? [[String: Any]])?.count == 3)
            // A Member may not invite; an Admin may, but not an Owner; nobody but an Owner touches an Owner.
            let memberInvites = try await call(
                app, .POST, "/api/v1/workspace/invitations", json: ["email": "x@example.com"], headers: ws,
                bearer: member.token)
            #expect(memberInvites.status == .forbidden)
            #expect(memberInvites.text.contains("members.invite"))
            #expect(
                try await call(
                    app, .POST, "/api/v1/workspace/invitations", json: ["email": "y@example.com", "role": "owner"],
                    headers: ws, bearer: admin.token
                ).status == .forbidden)
            #expect(
                try await call(
                    app, .PATCH, "/api/v1/workspace/members/\(member.userID)", json: ["role": "owner"], headers: ws,
                    bearer: admin.token
                ).status == .forbidden)
            #expect(
                try await call(
                    app, .DELETE, "/api/v1/workspace/members/\(owner.userID)", headers: ws, bearer: admin.token
                ).status == .forbidden)
            let promoted = try await call(
                app, .PATCH, "/api/v1/workspace/members/\(member.userID)", json: ["role": "admin"], headers: ws,
                bearer: admin.token)
            #expect(promoted.string("role") == "admin")
            #expect(
                try await call(
                    app, .PATCH, "/api/v1/workspace/members/\(member.userID)", json: ["role": "boss"], headers: ws,
                    bearer: admin.token
                ).errorCode == "invalid_field")
            // The last Owner can neither leave nor be demoted.
            #expect(
                try await call(app, .POST, "/api/v1/workspace/leave", headers: ws, bearer: owner.token).errorCode
                    == "last_owner")
            #expect(
                try await call(
                    app, .PATCH, "/api/v1/workspace/members/\(owner.userID)", json: ["role": "member"], headers: ws,
                    bearer: owner.token
                ).errorCode == "last_owner")
            #expect(
                try await call(
                    app, .PATCH, "/api/v1/workspace/members/\(admin.userID)", json: ["role": "owner"], headers: ws,
                    bearer: owner.token
                ).status == .ok)
            #expect(
                try await call(app, .POST, "/api/v1/workspace/leave", headers: ws, bearer: owner.token).status
                    == .noContent)
            #expect(
                try await call(app, .GET, "/api/v1/workspace", headers: ws, bearer: owner.token).status == .notFound,
                "gone once left")
            #expect(
                try await call(
                    app, .DELETE, "/api/v1/workspace/members/\(member.userID)", headers: ws, bearer: admin.token
                ).status == .noContent)
            #expect(
                try await call(
                    app, .DELETE, "/api/v1/workspace/members/\(member.userID)", headers: ws, bearer: admin.token
                ).status == .notFound)
            let audit = try await call(
                app, .GET, "/api/v1/audit?action=member.role_changed", headers: ws, bearer: admin.token)
            #expect((audit.json["events"] as? [[String: Any]])?.count == 2, "\(audit.text)")
            let all = try await call(app, .GET, "/api/v1/audit", headers: ws, bearer: admin.token)
            let actions = Set(((all.json["events"] as? [[String: Any]]) ?? []).compactMap { $0["action"] as? String })
            #expect(
                actions.isSuperset(of: [
                    "workspace.created", "member.invited", "member.joined", "member.role_changed", "member.left",
                    "member.removed",
                ]))
            #expect(
                try await call(app, .GET, "/api/v1/audit?since=yesterday", headers: ws, bearer: admin.token).errorCode
                    == "invalid_field")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func invitationsAreSingleUseBoundToTheAddressAndExpire(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            // The clock stands still unless moved: move it so "the newest mail" is well defined.
            let owner = try await person(app, "owner@example.com")
            clock.advance(by: 1)
            let invitee = try await person(app, "invitee@example.com")
            clock.advance(by: 1)
            let stranger = try await person(app, "stranger@example.com")
            clock.advance(by: 1)
            #expect(
                try await call(
                    app, .POST, "/api/v1/workspace/invitations", json: ["email": "invitee@example.com"],
                    bearer: owner.token
                ).status == .created)
            let token = try await mailedToken(app, template: "workspace.invitation")
            let outbox = try #require(try await mails(app, template: "workspace.invitation").first)
            #expect(
                outbox.textBody.contains("/accept-invitation#token="), "the token travels after #, out of server logs")
            #expect(
                try await call(app, .POST, "/api/v1/invitations/accept", json: ["token": token], bearer: stranger.token)
                    .errorCode == "invitation_for_another_address")
            #expect(
                try await call(app, .POST, "/api/v1/invitations/accept", json: ["token": token], bearer: invitee.token)
                    .status == .ok)
            #expect(
                try await call(app, .POST, "/api/v1/invitations/accept", json: ["token": token], bearer: invitee.token)
                    .errorCode == "invalid_or_expired_invitation")
            #expect(
                try await call(app, .POST, "/api/v1/invitations/accept", json: ["token": "00"], bearer: invitee.token)
                    .errorCode == "invalid_or_expired_invitation")

            clock.advance(by: 1)
            #expect(
                try await call(
                    app, .POST, "/api/v1/workspace/invitations", json: ["email": "stranger@example.com"],
                    bearer: owner.token
                ).status == .created)
            let late = try await mailedToken(app, template: "workspace.invitation")
            clock.advance(by: 7 * 86_400 + 1)
            let refreshed = try #require(try await signIn(app, email: "stranger@example.com").string("access_token"))
            #expect(
                try await call(app, .POST, "/api/v1/invitations/accept", json: ["token": late], bearer: refreshed)
                    .errorCode == "invalid_or_expired_invitation")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func seatLimitAndPlanFeaturesAnswer402NamingThem(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let owner = try await person(app, "owner@example.com")
            let workspace = try await currentWorkspaceID(app, owner)
            // Free: 3 seats. The owner holds one; two pending invitations hold the rest.
            for email in ["a@example.com", "b@example.com"] {
                #expect(
                    try await call(
                        app, .POST, "/api/v1/workspace/invitations", json: ["email": email], bearer: owner.token
                    ).status == .created)
            }
            let full = try await call(
                app, .POST, "/api/v1/workspace/invitations", json: ["email": "c@example.com"], bearer: owner.token)
            #expect(full.status == .paymentRequired)
            #expect(full.errorCode == "plan_limit_reached")
            #expect(full.text.contains("seats"))
            let usage = try await call(app, .GET, "/api/v1/workspace/usage", bearer: owner.token)
            let seats = try #require(
                (usage.json["counters"] as? [[String: Any]])?.first { $0["limit"] as? String == "seats" })
            #expect(seats["used"] as? Int == 3 && seats["allowed"] as? Int == 3)

            let noAPI = try await call(
                app, .POST, "/api/v1/workspace/api-keys", json: ["name": "CI", "scopes": ["members:read"]],
                bearer: owner.token)
            #expect(noAPI.status == .paymentRequired)
            #expect(noAPI.text.contains("api_access"))
            try await setPlan(app, workspace, "pro")
            #expect(
                try await call(
                    app, .POST, "/api/v1/workspace/invitations", json: ["email": "c@example.com"], bearer: owner.token
                ).status == .created)
            #expect(
                try await call(app, .GET, "/api/v1/workspace", bearer: owner.token).json["plan"].flatMap {
                    ($0 as? [String: Any])?["id"] as? String
                } == "pro")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func apiKeysAreShownOnceScopedRecordedAndRevocable(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, variables: authVariables, clock: clock.appClock) { app async throws in
            let owner = try await person(app, "owner@example.com")
            let workspace = try await currentWorkspaceID(app, owner)
            try await setPlan(app, workspace, "pro")
            let created = try await call(
                app, .POST, "/api/v1/workspace/api-keys",
                json: ["name": "CRM sync", "scopes": ["members:read", "workspace:read"], "expires_in_days": 30],
                bearer: owner.token)
            #expect(created.status == .created)
            let secret = try #require(created.string("secret"))
            #expect(secret.hasPrefix("parley_sk_") && secret.count == 53)
            let keyID = try #require(created.string("id"))
            let listed = try await call(app, .GET, "/api/v1/workspace/api-keys", bearer: owner.token)
            #expect(!listed.text.contains(secret), "the secret is never shown again")
            #expect(listed.text.contains(String(secret.prefix(18))))

            let members = try await call(app, .GET, "/api/v1/workspace/members", bearer: secret)
            #expect(members.status == .ok)
            #expect(try await call(app, .GET, "/api/v1/workspace", bearer: secret).string("id") == workspace.uuidString)
            let scoped = try await call(
                app, .POST, "/api/v1/workspace/invitations", json: ["email": "x@example.com"], bearer: secret)
            #expect(scoped.status == .forbidden && scoped.errorCode == "scope_missing")
            #expect(
                try await call(app, .GET, "/api/v1/workspace/api-keys", bearer: secret).errorCode == "scope_missing",
                "keys never manage keys")
            #expect(try await call(app, .DELETE, "/api/v1/workspace", bearer: secret).errorCode == "scope_missing")
            #expect(
                try await call(app, .GET, "/api/v1/workspaces", bearer: secret).status == .unauthorized,
                "a key is not a person")
            let used = try await call(app, .GET, "/api/v1/workspace/api-keys", bearer: owner.token)
            let entry = try #require((used.json["api_keys"] as? [[String: Any]])?.first)
            #expect(entry["last_used_at"] is String)

            #expect(
                try await call(app, .GET, "/api/v1/workspace", bearer: "parley_sk_" + String(repeating: "A", count: 43))
                    .errorCode == "invalid_api_key")
            clock.advance(by: 31 * 86_400)
            #expect(
                try await call(app, .GET, "/api/v1/workspace", bearer: secret).errorCode == "invalid_api_key", "expired"
            )
            let fresh = try #require(try await signIn(app, email: owner.email).string("access_token"))
            let second = try #require(
                try await call(
                    app, .POST, "/api/v1/workspace/api-keys", json: ["name": "Other", "scopes": ["audit:read"]],
                    bearer: fresh
                ).string("secret"))
            #expect(try await call(app, .GET, "/api/v1/audit", bearer: second).status == .ok)
            let secondID = try #require(
                (try await call(app, .GET, "/api/v1/workspace/api-keys", bearer: fresh).json["api_keys"]
                    as? [[String: Any]])?
                    .first { $0["name"] as? String == "Other" }?["id"] as? String)
            #expect(
                try await call(app, .DELETE, "/api/v1/workspace/api-keys/\(secondID)", bearer: fresh).string(
                    "revoked_at") != nil)
            #expect(
                try await call(app, .GET, "/api/v1/audit", bearer: second).errorCode == "invalid_api_key", "revoked")
            #expect(keyID != secondID)
            #expect(
                try await call(
                    app, .POST, "/api/v1/workspace/api-keys", json: ["name": "x", "scopes": ["root:write"]],
                    bearer: fresh
                ).errorCode == "invalid_field")
            #expect(
                try await call(
                    app, .POST, "/api/v1/workspace/api-keys", json: ["name": "x", "scopes": "members:read"],
                    bearer: fresh
                ).status == .badRequest)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func settingsSlugAndTheTwoFactorPolicy(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let owner = try await person(app, "owner@example.com")
            let other = try await person(app, "other@example.com")
            let renamed = try await call(
                app, .PATCH, "/api/v1/workspace", json: ["name": "Acme", "slug": "acme"], bearer: owner.token)
            #expect(renamed.status == .ok && renamed.string("slug") == "acme")
            #expect(
                try await call(app, .PATCH, "/api/v1/workspace", json: ["slug": "acme"], bearer: other.token).errorCode
                    == "slug_taken")
            #expect(
                try await call(app, .PATCH, "/api/v1/workspace", json: ["slug": "Not A Slug"], bearer: other.token)
                    .errorCode == "invalid_field")
            #expect(
                try await call(app, .PATCH, "/api/v1/workspace", json: [:], bearer: other.token).errorCode
                    == "invalid_field")
            // Requiring 2FA needs it on your own account first; then members without it are turned away.
            #expect(
                try await call(
                    app, .PATCH, "/api/v1/workspace", json: ["require_two_factor": true], bearer: owner.token
                ).errorCode == "enrol_two_factor_first")
            try await join(app, other, invitedBy: owner, as: .member)
            let workspace = try await currentWorkspaceID(app, owner)
            let context = TenantContext.system(in: workspace, plan: PlanCatalog.free)
            try await context.run(on: app.db) { tenant in
                let row = try await tenant.workspace()
                row.requireTwoFactor = true
                try await row.update(on: tenant.db)
            }
            let refused = try await call(
                app, .GET, "/api/v1/workspace/members", headers: .workspace(workspace), bearer: other.token)
            #expect(refused.status == .forbidden && refused.errorCode == "two_factor_required")
        }
    }

    /// The 2FA policy is the Owner's: neither an Admin nor an API key with `workspace:write` may change it.
    @Test(arguments: DatabaseLane.enabled)
    func onlyAnOwnerChangesTheTwoFactorPolicy(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let owner = try await person(app, "owner@example.com")
            let admin = try await person(app, "admin@example.com")
            try await join(app, admin, invitedBy: owner, as: .admin)
            let workspace = try await currentWorkspaceID(app, owner)
            try await setPlan(app, workspace, "pro")
            let byAdmin = try await call(
                app, .PATCH, "/api/v1/workspace", json: ["require_two_factor": true], headers: .workspace(workspace),
                bearer: admin.token)
            #expect(byAdmin.status == .forbidden && byAdmin.errorCode == "forbidden", "\(byAdmin.text)")
            #expect(
                try await call(
                    app, .PATCH, "/api/v1/workspace", json: ["name": "Renamed by admin"],
                    headers: .workspace(workspace), bearer: admin.token
                ).status == .ok)

            let key = try #require(
                try await call(
                    app, .POST, "/api/v1/workspace/api-keys", json: ["name": "k", "scopes": ["workspace:write"]],
                    bearer: owner.token
                ).string("secret"))
            let context = TenantContext.system(in: workspace, plan: PlanCatalog.pro)
            try await context.run(on: app.db) { tenant in
                let row = try await tenant.workspace()
                row.requireTwoFactor = true
                try await row.update(on: tenant.db)
            }
            let byKey = try await call(
                app, .PATCH, "/api/v1/workspace", json: ["require_two_factor": false], bearer: key)
            #expect(byKey.status == .forbidden && byKey.errorCode == "scope_missing", "\(byKey.text)")
            let still = try await context.run(on: app.db) { tenant in try await tenant.workspace().requireTwoFactor }
            #expect(still)
        }
    }
}
