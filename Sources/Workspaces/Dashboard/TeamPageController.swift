import Accounts
import Foundation
import ParleyCore
import Vapor

/// `/app/team`: members and invitations. Each form runs the same flow and permission check as the API
/// (`Members`, `Invitations`), then redirects back with a confirmation; a refused invitation shows the Team page
/// again with the reason by its field and what was typed.
enum TeamPageController {
    static func register(_ dashboard: any RoutesBuilder) {
        let team = dashboard.grouped("app", "team")
        team.get(use: page)
        team.get("members", ":userID", "remove", use: confirmRemoval)
        team.post("members", ":userID", "remove", use: remove)
        team.post("members", ":userID", "role", use: changeRole)
        team.post("invitations", use: invite)
        team.post("invitations", ":id", "revoke", use: revoke)
        team.post("invitations", ":id", "resend", use: resend)
    }

    @Sendable static func page(_ request: Request) async throws -> Response {
        try await render(request, TeamPage.InviteForm(), status: .ok)
    }

    static func render(_ request: Request, _ invite: TeamPage.InviteForm, status: HTTPResponseStatus) async throws
        -> Response
    {
        let context = try request.tenant(.readMembers)
        let rights = TeamPage.Rights(context)
        let now = request.application.clock.now()
        let (members, pending) = try await context.run(on: request.db) { tenant -> ([MemberInfo], [Invitation]) in
            var pending: [Invitation] = []
            if rights.invite { pending = try await Invitations.pending(tenant, now: now) }
            return (try await Members.list(tenant), pending)
        }
        let page = TeamPage(
            members: members, pending: pending, rights: rights, viewer: context.userID, csrf: request.csrfFormField(),
            invite: invite)
        return try DashboardLayout.render(
            request, title: "Team", path: DashboardPaths.team, status: status, page.content)
    }

    @Sendable static func confirmRemoval(_ request: Request) async throws -> Response {
        let context = try request.tenant(.removeMembers)
        let userID = try WorkspaceRequests.id(request, "userID", "member")
        let members = try await context.run(on: request.db) { tenant in try await Members.list(tenant) }
        guard let member = members.first(where: { $0.userID == userID }) else { throw TenancyError.notFound("member") }
        let shell = try request.requireDashboardShell()
        return try DashboardLayout.render(
            request, title: "Remove a member", path: DashboardPaths.team,
            TeamPage.removal(member, workspaceName: shell.workspaceName, csrf: request.csrfFormField()))
    }

    @Sendable static func remove(_ request: Request) async throws -> Response {
        let context = try request.tenant(.removeMembers)
        let userID = try WorkspaceRequests.id(request, "userID", "member")
        let env = try WorkspacesEnvironment(request)
        try await context.run(on: request.db) { tenant in try await Members.remove(userID, tenant, env) }
        return DashboardFlash.memberRemoved.redirect(request, to: DashboardPaths.team)
    }

    @Sendable static func changeRole(_ request: Request) async throws -> Response {
        let context = try request.tenant(.changeMemberRoles)
        let userID = try WorkspaceRequests.id(request, "userID", "member")
        let role = try request.content.decode(WorkspaceRequests.ChangeRole.self).validated()
        let env = try WorkspacesEnvironment(request)
        _ = try await context.run(on: request.db) { tenant in
            try await Members.changeRole(of: userID, to: role, tenant, env)
        }
        return DashboardFlash.roleChanged.redirect(request, to: DashboardPaths.team)
    }

    @Sendable static func invite(_ request: Request) async throws -> Response {
        let context = try request.tenant(.inviteMembers)
        let typed = TeamPage.InviteForm(
            email: (try? request.content.get(String.self, at: "email")) ?? "",
            role: (try? request.content.get(String.self, at: "role")) ?? Role.member.rawValue)
        do {
            let (email, role) = try request.content.decode(WorkspaceRequests.Invite.self).validated()
            let env = try WorkspacesEnvironment(request)
            _ = try await context.run(on: request.db) { tenant in
                try await Invitations.invite(
                    email: email, role: role, workspaceName: try await tenant.workspace().name, tenant, env)
            }
            return DashboardFlash.invitationSent.redirect(request, to: DashboardPaths.team)
        } catch let error as any AppError where error.status != .forbidden {
            var form = typed
            form.error = FormError(error)
            return try await render(request, form, status: error.status)
        }
    }

    @Sendable static func revoke(_ request: Request) async throws -> Response {
        let context = try request.tenant(.inviteMembers)
        let id = try WorkspaceRequests.id(request, "id", "invitation")
        let env = try WorkspacesEnvironment(request)
        try await context.run(on: request.db) { tenant in try await Invitations.revoke(id, tenant, env) }
        return DashboardFlash.invitationRevoked.redirect(request, to: DashboardPaths.team)
    }

    @Sendable static func resend(_ request: Request) async throws -> Response {
        let context = try request.tenant(.inviteMembers)
        let id = try WorkspaceRequests.id(request, "id", "invitation")
        let env = try WorkspacesEnvironment(request)
        _ = try await context.run(on: request.db) { tenant in
            try await Invitations.resend(id, workspaceName: try await tenant.workspace().name, tenant, env)
        }
        return DashboardFlash.invitationResent.redirect(request, to: DashboardPaths.team)
    }
}
