import Fluent
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import Workspaces

/// The cross-tenant matrix: every tenant endpoint (the dashboard's pages included), called by workspace B with workspace A's ids, answers 404
/// with none of A's data, and changes nothing in A. Later modules add their endpoints to `entries`; the
/// coverage test fails while a tenant route is missing from it.
@Suite struct CrossTenantMatrixTests {
    /// A's world, as B will try to reach it.
    struct WorldA {
        var workspace: UUID
        var memberID: UUID
        var invitationID: String
        var apiKeyID: String
        /// Strings that must never appear in an answer to B.
        var secrets: [String]
    }

    struct Entry {
        var method: HTTPMethod
        /// The route as registered, e.g. `/api/v1/workspace/members/:userID`.
        var route: String
        /// The path with A's ids filled in.
        var path: @Sendable (WorldA) -> String
        var body: [String: any Sendable]? = nil
    }

    static let entries: [Entry] = [
        Entry(method: .GET, route: "/api/v1/workspace", path: { _ in "/api/v1/workspace" }),
        Entry(
            method: .PATCH, route: "/api/v1/workspace", path: { _ in "/api/v1/workspace" }, body: ["name": "Taken over"]
        ),
        Entry(method: .DELETE, route: "/api/v1/workspace", path: { _ in "/api/v1/workspace" }),
        Entry(method: .GET, route: "/api/v1/workspace/usage", path: { _ in "/api/v1/workspace/usage" }),
        Entry(method: .GET, route: "/api/v1/workspace/export", path: { _ in "/api/v1/workspace/export" }),
        Entry(method: .GET, route: "/api/v1/workspace/members", path: { _ in "/api/v1/workspace/members" }),
        Entry(
            method: .PATCH, route: "/api/v1/workspace/members/:userID",
            path: { "/api/v1/workspace/members/\($0.memberID)" }, body: ["role": "owner"]),
        Entry(
            method: .DELETE, route: "/api/v1/workspace/members/:userID",
            path: { "/api/v1/workspace/members/\($0.memberID)" }),
        Entry(method: .POST, route: "/api/v1/workspace/leave", path: { _ in "/api/v1/workspace/leave" }),
        Entry(method: .GET, route: "/api/v1/workspace/invitations", path: { _ in "/api/v1/workspace/invitations" }),
        Entry(
            method: .POST, route: "/api/v1/workspace/invitations", path: { _ in "/api/v1/workspace/invitations" },
            body: ["email": "mole@example.com"]),
        Entry(
            method: .DELETE, route: "/api/v1/workspace/invitations/:id",
            path: { "/api/v1/workspace/invitations/\($0.invitationID)" }),
        Entry(method: .GET, route: "/api/v1/workspace/api-keys", path: { _ in "/api/v1/workspace/api-keys" }),
        Entry(
            method: .POST, route: "/api/v1/workspace/api-keys", path: { _ in "/api/v1/workspace/api-keys" },
            body: ["name": "mole", "scopes": ["members:read"]]),
        Entry(
            method: .DELETE, route: "/api/v1/workspace/api-keys/:id",
            path: { "/api/v1/workspace/api-keys/\($0.apiKeyID)" }),
        Entry(method: .GET, route: "/api/v1/audit", path: { _ in "/api/v1/audit" }),
        Entry(
            method: .POST, route: "/api/v1/workspaces/:id/select", path: { "/api/v1/workspaces/\($0.workspace)/select" }
        ),
        // The dashboard's pages and forms.
        Entry(method: .GET, route: "/app", path: { _ in "/app" }),
        Entry(method: .GET, route: "/app/**", path: { _ in "/app/anything" }),
        Entry(
            method: .POST, route: "/app/workspace", path: { _ in "/app/workspace" },
            body: ["workspace_id": "00000000-0000-0000-0000-000000000000"]),
        Entry(method: .GET, route: "/app/team", path: { _ in "/app/team" }),
        Entry(method: .GET, route: "/app/api-keys", path: { _ in "/app/api-keys" }),
        Entry(method: .GET, route: "/app/audit", path: { _ in "/app/audit" }),
        Entry(method: .GET, route: "/app/audit.csv", path: { _ in "/app/audit.csv" }),
        Entry(method: .GET, route: "/app/settings", path: { _ in "/app/settings" }),
        Entry(
            method: .POST, route: "/app/settings", path: { _ in "/app/settings" },
            body: ["name": "Taken over", "slug": "taken-over"]),
        Entry(method: .POST, route: "/app/settings/security", path: { _ in "/app/settings/security" }),
        // Pages other modules add to the dashboard.
        Entry(method: .GET, route: "/app/ai", path: { _ in "/app/ai" }),
        Entry(method: .POST, route: "/app/ai/budget", path: { _ in "/app/ai/budget" }, body: ["daily_cap_usd": "0.1"]),
        // Files' own suite (FileCrossTenantTests) calls these with A's file ids.
        Entry(method: .GET, route: "/app/files", path: { _ in "/app/files" }),
        Entry(method: .POST, route: "/app/files/:id/download", path: { _ in "/app/files/\(UUID())/download" }),
        Entry(method: .POST, route: "/app/files/:id/delete", path: { _ in "/app/files/\(UUID())/delete" }),
        Entry(
            method: .POST, route: "/app/api-keys", path: { _ in "/app/api-keys" },
            body: ["name": "mole", "scopes[]": "members:read"]),
        Entry(method: .POST, route: "/app/api-keys/:id/revoke", path: { "/app/api-keys/\($0.apiKeyID)/revoke" }),
        Entry(
            method: .GET, route: "/app/team/members/:userID/remove", path: { "/app/team/members/\($0.memberID)/remove" }
        ),
        Entry(
            method: .POST, route: "/app/team/members/:userID/remove",
            path: { "/app/team/members/\($0.memberID)/remove" }),
        Entry(
            method: .POST, route: "/app/team/members/:userID/role", path: { "/app/team/members/\($0.memberID)/role" },
            body: ["role": "owner"]),
        Entry(
            method: .POST, route: "/app/team/invitations", path: { _ in "/app/team/invitations" },
            body: ["email": "mole@example.com"]),
        Entry(
            method: .POST, route: "/app/team/invitations/:id/revoke",
            path: { "/app/team/invitations/\($0.invitationID)/revoke" }),
        Entry(
            method: .POST, route: "/app/team/invitations/:id/resend",
            path: { "/app/team/invitations/\($0.invitationID)/resend" }),
    ]

    @Test func everyTenantRouteIsInTheMatrix() async throws {
        try await withTestApp(.sqlite, migrate: false) { app async throws in
            let covered = Set(Self.entries.map { "\($0.method.rawValue) \($0.route)" })
            let tenantRoutes = app.routes.all.filter { route in
                let path = "/" + route.path.map(\.description).joined(separator: "/")
                return path == "/api/v1/workspace" || path.hasPrefix("/api/v1/workspace/")
                    || path.hasPrefix("/api/v1/workspaces/")
                    || path.hasPrefix("/api/v1/audit") || path == "/app" || path.hasPrefix("/app/")
            }
            #expect(tenantRoutes.count >= Self.entries.count)
            for route in tenantRoutes {
                let key = "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
                #expect(covered.contains(key), "add \(key) to CrossTenantMatrixTests.entries")
            }
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func workspaceBNeverReachesWorkspaceA(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: authVariables) { app async throws in
            let ownerA = try await person(app, "owner-a@example.com")
            let memberA = try await person(app, "member-a@example.com")
            let ownerB = try await person(app, "owner-b@example.com")
            let workspaceA = try await currentWorkspaceID(app, ownerA)
            let workspaceB = try await currentWorkspaceID(app, ownerB)
            #expect(
                try await call(
                    app, .PATCH, "/api/v1/workspace", json: ["name": "Alpha Secret Shop"], bearer: ownerA.token
                ).status == .ok)
            try await join(app, memberA, invitedBy: ownerA, as: .member)
            try await setPlan(app, workspaceA, "business")
            try await setPlan(app, workspaceB, "business")
            let invitation = try await call(
                app, .POST, "/api/v1/workspace/invitations", json: ["email": "pending-a@example.com"],
                bearer: ownerA.token)
            let keyA = try await call(
                app, .POST, "/api/v1/workspace/api-keys", json: ["name": "alpha-key", "scopes": ["members:read"]],
                bearer: ownerA.token)
            let world = WorldA(
                workspace: workspaceA, memberID: memberA.userID, invitationID: try #require(invitation.string("id")),
                apiKeyID: try #require(keyA.string("id")),
                secrets: [
                    "Alpha Secret Shop", "member-a@example.com", "owner-a@example.com", "pending-a@example.com",
                    "alpha-key",
                    String(try #require(keyA.string("prefix"))),
                ])
            let keyB = try #require(
                try await call(
                    app, .POST, "/api/v1/workspace/api-keys",
                    json: ["name": "b", "scopes": app.permissions.grantableScopes.map(\.description)],
                    bearer: ownerB.token
                ).string("secret"))

            for entry in Self.entries {
                let path = entry.path(world)
                // B's owner, naming workspace A in the header.
                let named = try await call(
                    app, entry.method, path, json: entry.body, headers: .workspace(workspaceA), bearer: ownerB.token)
                #expect(
                    named.status == .notFound,
                    "\(entry.method) \(entry.route) with A's workspace header: \(named.status)")
                for secret in world.secrets {
                    #expect(!named.text.contains(secret), "\(entry.method) \(entry.route) leaked \(secret)")
                }
                // B's owner acting in B, and B's API key, with A's ids in the path (an entry without ids would act on B).
                guard entry.route.contains(":") else { continue }
                for bearer in [ownerB.token, keyB] {
                    let reply = try await call(app, entry.method, path, json: entry.body, bearer: bearer)
                    #expect(
                        [.notFound, .forbidden, .unauthorized].contains(reply.status),
                        "\(entry.method) \(entry.route) with A's id: \(reply.status)")
                    if bearer == ownerB.token {
                        #expect(reply.status == .notFound, "\(entry.method) \(entry.route): \(reply.status)")
                    }
                    for secret in world.secrets {
                        #expect(!reply.text.contains(secret), "\(entry.method) \(entry.route) leaked \(secret)")
                    }
                }
            }

            // A is untouched.
            let members = try await call(
                app, .GET, "/api/v1/workspace/members", headers: .workspace(workspaceA), bearer: ownerA.token)
            #expect((members.json["members"] as? [[String: Any]])?.count == 2)
            #expect(members.text.contains("\"role\":\"member\""))
            let pending = try await call(
                app, .GET, "/api/v1/workspace/invitations", headers: .workspace(workspaceA), bearer: ownerA.token)
            #expect(pending.text.contains("pending-a@example.com"))
            let keys = try await call(
                app, .GET, "/api/v1/workspace/api-keys", headers: .workspace(workspaceA), bearer: ownerA.token)
            #expect((keys.json["api_keys"] as? [[String: Any]])?.first?["revoked_at"] == nil)
            #expect(
                try await call(app, .GET, "/api/v1/workspace", headers: .workspace(workspaceA), bearer: ownerA.token)
                    .string("name") == "Alpha Secret Shop")
        }
    }
}
