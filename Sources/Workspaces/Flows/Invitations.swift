import Fluent
import Foundation
import ParleyCore
import SMTPClient
import SQLKit

/// Inviting people by email. The token (256 random bits) is mailed once and stored as its SHA-256; it is valid
/// for 7 days and accepted once, by the account with the invited address.
enum Invitations {
    static let lifetime: TimeInterval = 7 * 24 * 3600
    /// Invitation mails one workspace may send in 24 hours, revoked ones included: revoking and inviting again
    /// must not turn Parley into a mailer for whatever a workspace is named.
    static let mailsPerDay = 30
    /// ...and to one address.
    static let mailsPerAddressPerDay = 3

    static func invite(
        email: String, role: Role, workspaceName: String, _ tenant: TenantDatabase, _ env: WorkspacesEnvironment
    ) async throws -> Invitation {
        if role == .owner { try tenant.context.authorize(.manageOwners) }
        try await tenant.lockWorkspace()
        try tenant.context.plan.check(.seats, used: try await Members.seatsUsed(tenant, now: env.now))
        let alreadyMember =
            try await tenant.raw(
                """
                SELECT 1 AS found FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE \(scope: "m") AND u.email = \(bind: email)
                """
            ).first() != nil
        guard !alreadyMember else {
            throw CoreError.invalidField(name: "email", reason: "already belongs to a member of this workspace.")
        }
        try await checkMailLimits(to: email, tenant, now: env.now)
        // A new invitation to the same address replaces the pending one.
        for pending in try await tenant.query(Invitation.self).filter(\.$email == email).filter(\.$acceptedAt == nil)
            .filter(\.$revokedAt == nil).all()
        {
            pending.revokedAt = env.now
            try await tenant.update(pending)
        }
        let token = env.random.hexToken(byteCount: 32)
        let invitation = Invitation(
            email: email, role: role, tokenHash: sha256Hex(token), invitedBy: tenant.context.userID, now: env.now,
            lifetime: lifetime)
        try await tenant.create(invitation)
        try await env.mail(
            mail(
                workspaceName: workspaceName, role: role, link: env.publicURL.page("/accept-invitation", token: token)),
            to: email, in: tenant)
        try await env.record(
            "member.invited", by: tenant.context.auditActor, in: tenant,
            target: ("invitation", try invitation.requireID().uuidString),
            metadata: ["role": role.rawValue])
        return invitation
    }

    private static func checkMailLimits(to email: String, _ tenant: TenantDatabase, now: Date) async throws {
        let recent = tenant.query(Invitation.self).filter(\.$createdAt > now.addingTimeInterval(-86_400))
        guard try await recent.copy().count() < mailsPerDay else {
            throw WorkspacesError.invitationLimit(
                "This workspace has sent \(mailsPerDay) invitations in the last 24 hours; try again tomorrow.")
        }
        guard try await recent.filter(\.$email == email).count() < mailsPerAddressPerDay else {
            throw WorkspacesError.invitationLimit(
                "This address has been invited \(mailsPerAddressPerDay) times in the last 24 hours; try again tomorrow."
            )
        }
    }

    static func pending(_ tenant: TenantDatabase, now: Date) async throws -> [Invitation] {
        try await tenant.query(Invitation.self).filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil).filter(
            \.$expiresAt > now
        )
        .sort(\.$createdAt, .descending).all()
    }

    static func revoke(_ id: UUID, _ tenant: TenantDatabase, _ env: WorkspacesEnvironment) async throws {
        let invitation = try await tenant.require(Invitation.self, id, "invitation")
        guard invitation.isPending(at: env.now) else { throw TenancyError.notFound("pending invitation") }
        if invitation.role == .owner { try tenant.context.authorize(.manageOwners) }
        invitation.revokedAt = env.now
        try await tenant.update(invitation)
        try await env.record(
            "invitation.revoked", by: tenant.context.auditActor, in: tenant, target: ("invitation", id.uuidString))
    }

    /// Mails a pending invitation again: a new invitation to the same address and role replaces it (its seat passes
    /// to the new one, and the mail counts against the same limits). Inside the caller's transaction, so a refusal
    /// leaves the old invitation pending.
    static func resend(_ id: UUID, workspaceName: String, _ tenant: TenantDatabase, _ env: WorkspacesEnvironment)
        async throws -> Invitation
    {
        let invitation = try await tenant.require(Invitation.self, id, "invitation")
        guard invitation.isPending(at: env.now) else { throw TenancyError.notFound("pending invitation") }
        if invitation.role == .owner { try tenant.context.authorize(.manageOwners) }
        invitation.revokedAt = env.now
        try await tenant.update(invitation)
        return try await invite(
            email: invitation.email, role: invitation.role, workspaceName: workspaceName, tenant, env)
    }

    /// Accepts the invitation behind `token` for the signed-in account: the membership is created, the seat
    /// limit checked again, and the workspace becomes the one the account acts in.
    static func accept(token: String, userID: UUID, email: String, _ env: WorkspacesEnvironment) async throws
        -> TenantContext
    {
        guard token.utf8.count == 64, token.allSatisfy(\.isHexDigit),
            let row = try await NarrowLookups.invitationByTokenHash.run(on: env.db, [sha256Hex(token.lowercased())])
                .first
        else {
            throw WorkspacesError.invitationInvalid
        }
        let workspaceID = try row.decode(column: "workspace_id", as: UUID.self)
        let invitationID = try row.decode(column: "id", as: UUID.self)
        let plan = try WorkspaceDirectory.decodePlan(row)
        let system = TenantContext.system(in: workspaceID, plan: plan)
        return try await system.run(on: env.db) { tenant in
            try await tenant.lockWorkspace()
            guard let invitation = try await tenant.find(Invitation.self, invitationID),
                invitation.isPending(at: env.now)
            else {
                throw WorkspacesError.invitationInvalid
            }
            guard invitation.email == email.lowercased() else { throw WorkspacesError.invitationForAnotherAddress }
            guard try await tenant.query(Membership.self).filter(\.$userID == userID).count() == 0 else {
                throw WorkspacesError.alreadyMember
            }
            // The invitation held a seat while pending; accepting converts it into a membership.
            try plan.check(.seats, used: try await Members.seatsUsed(tenant, now: env.now) - 1)
            guard try await tenant.claimOnce(Invitation.self, id: invitationID, column: "accepted_at", now: env.now)
            else {
                throw WorkspacesError.invitationInvalid
            }
            try await tenant.create(Membership(userID: userID, role: invitation.role, now: env.now))
            let member = TenantContext.member(userID, role: invitation.role, in: workspaceID, plan: plan)
            try await env.record(
                "member.joined", by: member.auditActor, in: tenant, target: ("invitation", invitationID.uuidString),
                metadata: ["role": invitation.role.rawValue])
            return member
        }
    }

    private static func mail(workspaceName: String, role: Role, link: String) -> MailTemplate {
        MailTemplate(
            name: "workspace.invitation", subject: "You are invited to \(workspaceName) on Parley",
            greeting: "Hello,",
            paragraphs: [
                "You are invited to join the workspace \(workspaceName) on Parley as \(role.title).",
                "The invitation works once, for 7 days. Sign in (or sign up) with this email address to accept it.",
            ],
            action: .init(label: "Accept the invitation", url: link),
            footer: "If you were not expecting this, ignore this message: nothing happens unless you accept.")
    }
}
