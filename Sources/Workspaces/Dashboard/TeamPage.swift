import Foundation
import ParleyCore

/// The content of the Team page (`/app/team`): the members with their roles, and for those who may manage them a
/// role form and a remove link per row, the invitation form and the pending invitations. What the role may not do
/// is not shown; the server refuses it anyway.
struct TeamPage {
    /// What the person viewing the page may do.
    struct Rights {
        var changeRoles: Bool
        var remove: Bool
        var invite: Bool
        var manageOwners: Bool

        init(_ context: TenantContext) {
            func may(_ permission: Permission) -> Bool { (try? context.authorize(permission)) != nil }
            changeRoles = may(.changeMemberRoles)
            remove = may(.removeMembers)
            invite = may(.inviteMembers)
            manageOwners = may(.manageOwners)
        }
    }

    /// The invitation form as the person left it: what they typed and why it was refused.
    struct InviteForm {
        var email = ""
        var role = Role.member.rawValue
        var error: FormError?
    }

    var members: [MemberInfo]
    var pending: [Invitation]
    var rights: Rights
    var viewer: UUID?
    var csrf: Node
    var invite = InviteForm()

    var content: Node {
        .group(
            .section(
                .aria("labelledby", "members"),
                .h2(.id("members"), "Members"),
                .div(
                    .class("table-scroll"),
                    .table(
                        .thead(
                            .tr(
                                .th(.scope("col"), "Member"), .th(.scope("col"), "Role"),
                                .th(.scope("col"), .span(.class("visually-hidden"), "Actions")))),
                        .tbody(.group(members.map(memberRow)))))),
            .when(rights.invite, invitations))
    }

    private var assignableRoles: [Role] { rights.manageOwners ? [.member, .admin, .owner] : [.member, .admin] }

    /// Whether the viewer may act on `member` at all: never on themselves here, and on an Owner only as an Owner.
    private func mayManage(_ member: MemberInfo) -> Bool {
        member.userID != viewer && (member.role != .owner || rights.manageOwners)
    }

    private func memberRow(_ member: MemberInfo) -> Node {
        let manageable = mayManage(member)
        let id = "role-" + member.userID.uuidString.lowercased()
        let role: Node =
            manageable && rights.changeRoles
            ? .form(
                .method("post"), .action(DashboardPaths.memberRole(member.userID)), .class("inline-form"), csrf,
                .label(.for(id), .class("visually-hidden"), .text("Role of \(member.email)")),
                Self.roleSelect(id: id, roles: assignableRoles, selected: member.role.rawValue),
                .submitButton("Change role", secondary: true))
            : .text(member.role.title)
        let actions: Node =
            manageable && rights.remove
            ? .a(
                .href(DashboardPaths.removeMember(member.userID)), .text("Remove"),
                .span(.class("visually-hidden"), .text(" \(member.email)")))
            : member.userID == viewer ? .em("You") : .empty
        let name =
            member.displayName.isEmpty
            ? Node.text(member.email) : .group(.text(member.displayName), " ", .small(.text(member.email)))
        return .tr(.td(name), .td(role), .td(actions))
    }

    private var invitations: Node {
        let email = FormField(
            "Email address", name: "email", type: "email", autocomplete: "off", value: invite.email, .maxlength(254))
        let roleProblem = invite.error?.field == "role" ? invite.error : nil
        return .group(
            .section(
                .aria("labelledby", "invite"),
                .h2(.id("invite"), "Invite someone"),
                .errorSummary(invite.error, fields: [email, FormField("Role", name: "role", autocomplete: "off")]),
                .form(
                    .method("post"), .action(DashboardPaths.invitations), csrf,
                    .field(email, error: invite.error),
                    .div(
                        .class("field"),
                        .label(.for("role"), "Role"),
                        roleProblem.map { Node.p(.class("field-error"), .id("role-error"), .text("Role " + $0.reason)) }
                            ?? .empty,
                        Self.roleSelect(
                            id: "role", roles: assignableRoles, selected: invite.role, invalid: roleProblem != nil)),
                    .p(.submitButton("Send the invitation")))),
            .section(
                .aria("labelledby", "pending"),
                .h2(.id("pending"), "Pending invitations"),
                pending.isEmpty
                    ? .p(
                        "No invitation is waiting. Invite someone above; they get a link by email that works for 7 days."
                    )
                    : .div(
                        .class("table-scroll"),
                        .table(
                            .thead(
                                .tr(
                                    .th(.scope("col"), "Address"), .th(.scope("col"), "Role"),
                                    .th(.scope("col"), "Expires"),
                                    .th(.scope("col"), .span(.class("visually-hidden"), "Actions")))),
                            .tbody(.group(pending.map(invitationRow)))))))
    }

    private func invitationRow(_ invitation: Invitation) -> Node {
        guard let id = invitation.id else { return .empty }
        let expires = ISO8601DateFormatter().string(from: invitation.expiresAt)
        let mayAct = invitation.role != .owner || rights.manageOwners
        return .tr(
            .td(.text(invitation.email)), .td(.text(invitation.role.title)),
            .td(.time(.datetime(expires), .text(String(expires.prefix(10))))),
            .td(
                .when(
                    mayAct,
                    .div(
                        .class("inline-actions"),
                        .form(
                            .method("post"), .action(DashboardPaths.resendInvitation(id)), csrf,
                            .button(
                                .type("submit"), .class("button-secondary"), "Resend",
                                .span(.class("visually-hidden"), .text(" to \(invitation.email)")))),
                        .form(
                            .method("post"), .action(DashboardPaths.revokeInvitation(id)), csrf,
                            .button(
                                .type("submit"), .class("button-secondary"), "Revoke",
                                .span(.class("visually-hidden"), .text(" the invitation of \(invitation.email)"))))))))
    }

    static func roleSelect(id: String, roles: [Role], selected: String, invalid: Bool = false) -> Node {
        .select(
            .id(id), .name("role"), .when(invalid, .aria("describedby", id + "-error")),
            .when(invalid, .aria("invalid", "true")),
            .group(
                roles.map { role in
                    Node.option(.value(role.rawValue), .when(role.rawValue == selected, .selected()), .text(role.title))
                }))
    }

    /// The confirmation step before removing `member`: a plain form, so it works without script.
    static func removal(_ member: MemberInfo, workspaceName: String, csrf: Node) -> Node {
        .group(
            .p(
                .text(
                    "Remove \(member.email) from \(workspaceName)? They lose access at once; their past actions stay in the audit log."
                )),
            .div(
                .class("actions"),
                .form(
                    .method("post"), .action(DashboardPaths.removeMember(member.userID)), csrf,
                    .button(.type("submit"), .class("button-danger"), "Remove member")),
                .a(.class("button button-secondary"), .href(DashboardPaths.team), "Cancel")))
    }
}
