import Foundation
import ParleyCore
import Vapor

/// `/api/v1/workspace/members` and `/api/v1/workspace/invitations`.
enum MembersController {
    static func register(_ routes: any RoutesBuilder) {
        let workspace = routes.grouped("api", "v1").tenantRoutes().grouped("workspace")
        workspace.get("members", use: list)
        workspace.patch("members", ":userID", use: changeRole)
        workspace.delete("members", ":userID", use: remove)
        workspace.post("leave", use: leave)
        workspace.get("invitations", use: invitations)
        workspace.post("invitations", use: invite)
        workspace.delete("invitations", ":id", use: revokeInvitation)
    }

    @Sendable static func list(_ request: Request) async throws -> WorkspaceResponses.Members {
        let context = try request.tenant(.readMembers)
        return WorkspaceResponses.Members(
            members: try await context.run(on: request.db) { tenant in try await Members.list(tenant) })
    }

    @Sendable static func changeRole(_ request: Request) async throws -> MemberInfo {
        let context = try request.tenant(.changeMemberRoles)
        let userID = try WorkspaceRequests.id(request, "userID", "member")
        let role = try request.content.decode(WorkspaceRequests.ChangeRole.self).validated()
        let env = try WorkspacesEnvironment(request)
        return try await context.run(on: request.db) { tenant in
            try await Members.changeRole(of: userID, to: role, tenant, env)
        }
    }

    @Sendable static func remove(_ request: Request) async throws -> Response {
        let context = try request.tenant(.removeMembers)
        let userID = try WorkspaceRequests.id(request, "userID", "member")
        let env = try WorkspacesEnvironment(request)
        try await context.run(on: request.db) { tenant in try await Members.remove(userID, tenant, env) }
        return Response(status: .noContent)
    }

    @Sendable static func leave(_ request: Request) async throws -> Response {
        let context = try request.tenant(.leaveWorkspace)
        let env = try WorkspacesEnvironment(request)
        try await context.run(on: request.db) { tenant in try await Members.leave(tenant, env) }
        return Response(status: .noContent)
    }

    @Sendable static func invitations(_ request: Request) async throws -> WorkspaceResponses.Invitations {
        let context = try request.tenant(.inviteMembers)
        let now = request.application.clock.now()
        let pending = try await context.run(on: request.db) { tenant in try await Invitations.pending(tenant, now: now)
        }
        return WorkspaceResponses.Invitations(invitations: try pending.map(WorkspaceResponses.InvitationInfo.init))
    }

    @Sendable static func invite(_ request: Request) async throws -> Response {
        let context = try request.tenant(.inviteMembers)
        let (email, role) = try request.content.decode(WorkspaceRequests.Invite.self).validated()
        let env = try WorkspacesEnvironment(request)
        let invitation = try await context.run(on: request.db) { tenant in
            try await Invitations.invite(
                email: email, role: role, workspaceName: try await tenant.workspace().name, tenant, env)
        }
        return try await WorkspaceResponses.InvitationInfo(invitation).encodeResponse(status: .created, for: request)
    }

    @Sendable static func revokeInvitation(_ request: Request) async throws -> Response {
        let context = try request.tenant(.inviteMembers)
        let id = try WorkspaceRequests.id(request, "id", "invitation")
        let env = try WorkspacesEnvironment(request)
        try await context.run(on: request.db) { tenant in try await Invitations.revoke(id, tenant, env) }
        return Response(status: .noContent)
    }
}
