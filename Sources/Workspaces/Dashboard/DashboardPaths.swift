import Foundation

/// Where the dashboard's pages and forms are: one place for the routes and the links to them.
enum DashboardPaths {
    static let overview = "/app"
    static let team = "/app/team"
    static let switchWorkspace = "/app/workspace"
    static let invitations = "/app/team/invitations"
    static let apiKeys = "/app/api-keys"
    static let audit = "/app/audit"
    static let auditCSV = "/app/audit.csv"
    static let settings = "/app/settings"
    static let securityPolicy = "/app/settings/security"
    /// The API's export, which a signed-in browser downloads with its cookies.
    static let export = "/api/v1/workspace/export"
    static let exportWithFiles = "/api/v1/workspace/export?files=include"

    static func memberRole(_ userID: UUID) -> String { "/app/team/members/\(userID.uuidString)/role" }
    static func removeMember(_ userID: UUID) -> String { "/app/team/members/\(userID.uuidString)/remove" }
    static func revokeInvitation(_ id: UUID) -> String { "/app/team/invitations/\(id.uuidString)/revoke" }
    static func resendInvitation(_ id: UUID) -> String { "/app/team/invitations/\(id.uuidString)/resend" }
    static func revokeAPIKey(_ id: UUID) -> String { "/app/api-keys/\(id.uuidString)/revoke" }
}
