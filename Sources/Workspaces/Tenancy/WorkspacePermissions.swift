import ParleyCore

/// The actions on a workspace itself, its members, its API keys and its audit log.
extension Permission {
    package static let readWorkspace = Permission(
        "workspace.read", minimumRole: .member, apiKeyScope: .init(area: .workspace, access: .read))
    package static let leaveWorkspace = Permission("workspace.leave", minimumRole: .member)
    package static let updateWorkspace = Permission(
        "workspace.update", minimumRole: .admin, apiKeyScope: .init(area: .workspace, access: .write))
    /// Turning the "require 2FA" policy on or off: the Owner's decision, not an Admin's or a key's.
    package static let manageSecurityPolicy = Permission("workspace.security_policy", minimumRole: .owner)
    package static let deleteWorkspace = Permission("workspace.delete", minimumRole: .owner)
    package static let exportWorkspace = Permission("workspace.export", minimumRole: .owner)
    package static let readUsage = Permission(
        "usage.read", minimumRole: .member, apiKeyScope: .init(area: .workspace, access: .read))
    package static let readMembers = Permission(
        "members.read", minimumRole: .member, apiKeyScope: .init(area: .members, access: .read))
    package static let inviteMembers = Permission(
        "members.invite", minimumRole: .admin, apiKeyScope: .init(area: .members, access: .write))
    package static let changeMemberRoles = Permission(
        "members.change_role", minimumRole: .admin, apiKeyScope: .init(area: .members, access: .write))
    package static let removeMembers = Permission(
        "members.remove", minimumRole: .admin, apiKeyScope: .init(area: .members, access: .write))
    package static let manageOwners = Permission("members.manage_owners", minimumRole: .owner)
    package static let readAPIKeys = Permission("api_keys.read", minimumRole: .admin)
    package static let manageAPIKeys = Permission("api_keys.manage", minimumRole: .admin)
    package static let readAudit = Permission(
        "audit.read", minimumRole: .admin, apiKeyScope: .init(area: .audit, access: .read))

    /// In the order the roles matrix lists them.
    static let workspaces: [Permission] = [
        .readWorkspace, .leaveWorkspace, .updateWorkspace, .manageSecurityPolicy, .deleteWorkspace, .exportWorkspace,
        .readUsage,
        .readMembers, .inviteMembers, .changeMemberRoles, .removeMembers, .manageOwners, .readAPIKeys, .manageAPIKeys,
        .readAudit,
    ]
}

extension APIKeyScope.Area {
    package static let workspace = Self("workspace")
    package static let members = Self("members")
    package static let audit = Self("audit")
}
