/// Every action on workspace data, and the one table that decides who may take it.
///
/// A user may take an action when their role is at least the action's `minimumRole`. An API key may take it when
/// the action is open to keys and the key holds the action's scope. Handlers ask `TenantContext.authorize`, never
/// compare roles themselves. The roles matrix in docs/WORKSPACES.md is printed from this table, and a test walks all of it.
package enum Permission: String, Sendable, CaseIterable {
    case readWorkspace = "workspace.read"
    case leaveWorkspace = "workspace.leave"
    case updateWorkspace = "workspace.update"
    /// Turning the "require 2FA" policy on or off: the Owner's decision, not an Admin's or a key's.
    case manageSecurityPolicy = "workspace.security_policy"
    case deleteWorkspace = "workspace.delete"
    case exportWorkspace = "workspace.export"
    case readUsage = "usage.read"
    case readMembers = "members.read"
    case inviteMembers = "members.invite"
    case changeMemberRoles = "members.change_role"
    case removeMembers = "members.remove"
    case manageOwners = "members.manage_owners"
    case readAPIKeys = "api_keys.read"
    case manageAPIKeys = "api_keys.manage"
    case readAudit = "audit.read"
    case readFiles = "files.read"
    case uploadFiles = "files.upload"
    case deleteFiles = "files.delete"
    case readAIUsage = "ai.read"
    case manageAIBudget = "ai.budget"

    /// The least role that may take the action.
    package var minimumRole: Role {
        switch self {
        case .readWorkspace, .leaveWorkspace, .readUsage, .readMembers, .readFiles, .uploadFiles: .member
        case .updateWorkspace, .inviteMembers, .changeMemberRoles, .removeMembers, .readAPIKeys, .manageAPIKeys, .readAudit, .deleteFiles, .readAIUsage: .admin
        case .deleteWorkspace, .exportWorkspace, .manageOwners, .manageAIBudget, .manageSecurityPolicy: .owner
        }
    }

    /// The API-key scope that grants the action, or nil when only a signed-in person may take it (keys cannot
    /// leave, manage keys or owners, or touch the workspace's existence).
    package var apiKeyScope: APIKeyScope? {
        switch self {
        case .readWorkspace, .readUsage: APIKeyScope(area: .workspace, access: .read)
        case .updateWorkspace: APIKeyScope(area: .workspace, access: .write)
        case .readMembers: APIKeyScope(area: .members, access: .read)
        case .inviteMembers, .changeMemberRoles, .removeMembers: APIKeyScope(area: .members, access: .write)
        case .readAudit: APIKeyScope(area: .audit, access: .read)
        case .readFiles: APIKeyScope(area: .files, access: .read)
        case .uploadFiles, .deleteFiles: APIKeyScope(area: .files, access: .write)
        case .readAIUsage: APIKeyScope(area: .ai, access: .read)
        case .leaveWorkspace, .deleteWorkspace, .exportWorkspace, .manageOwners, .readAPIKeys, .manageAPIKeys, .manageAIBudget,
             .manageSecurityPolicy: nil
        }
    }

    package func allows(_ role: Role) -> Bool { role >= minimumRole }
}

/// What an API key may do: read or write one area of the workspace. Written `area:read` or `area:write`; write
/// implies read.
package struct APIKeyScope: Sendable, Hashable, Codable, CustomStringConvertible {
    package enum Area: String, Sendable, CaseIterable, Codable { case workspace, members, audit, files, ai }
    package enum Access: String, Sendable, CaseIterable, Codable { case read, write }

    package var area: Area
    package var access: Access

    package init(area: Area, access: Access) {
        self.area = area
        self.access = access
    }

    package init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let area = Area(rawValue: String(parts[0])), let access = Access(rawValue: String(parts[1])) else { return nil }
        self.init(area: area, access: access)
    }

    package var description: String { "\(area.rawValue):\(access.rawValue)" }

    /// Whether a key holding `self` may use something that needs `required`.
    package func covers(_ required: APIKeyScope) -> Bool {
        area == required.area && (access == .write || required.access == .read)
    }

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let scope = APIKeyScope(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text.prefix(40))' is not a scope such as members:read"))
        }
        self = scope
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    package static var all: [APIKeyScope] {
        Area.allCases.flatMap { area in Access.allCases.map { APIKeyScope(area: area, access: $0) } }
    }
}
