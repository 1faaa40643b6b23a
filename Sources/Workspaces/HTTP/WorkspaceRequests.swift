import Foundation
import ParleyCore
import SMTPClient
import Vapor

/// The bodies and queries of the workspace API, each with its checks; every problem names its field.
enum WorkspaceRequests {
    /// The export's `files` query parameter: `include` adds the stored files themselves; absent leaves them out.
    static func includeFiles(_ value: String?) throws -> Bool {
        switch value {
        case nil: return false
        case "include": return true
        default: throw CoreError.invalidField(name: "files", reason: "must be include, or left out")
        }
    }

    struct CreateWorkspace: Content {
        var name: String
        func validated() throws -> String { try WorkspaceRequests.name(name) }
    }

    struct UpdateWorkspace: Content {
        var name: String?
        var slug: String?
        var requireTwoFactor: Bool?
        enum CodingKeys: String, CodingKey { case name, slug, requireTwoFactor = "require_two_factor" }

        func validated() throws -> WorkspaceSettings.Change {
            var change = WorkspaceSettings.Change()
            if let name { change.name = try WorkspaceRequests.name(name) }
            if let slug {
                if let problem = Slug.problem(slug) { throw CoreError.invalidField(name: "slug", reason: problem) }
                change.slug = slug
            }
            change.requireTwoFactor = requireTwoFactor
            guard change.name != nil || change.slug != nil || change.requireTwoFactor != nil else {
                throw CoreError.invalidField(
                    name: "name", reason: "nothing to change: send name, slug or require_two_factor.")
            }
            return change
        }
    }

    struct ChangeRole: Content {
        var role: String
        func validated() throws -> Role { try WorkspaceRequests.role(role) }
    }

    struct Invite: Content {
        var email: String
        var role: String?
        func validated() throws -> (email: String, role: Role) {
            (try EmailInput.normalized(email), try WorkspaceRequests.role(role ?? Role.member.rawValue))
        }
    }

    struct AcceptInvitation: Content {
        var token: String
    }

    struct CreateAPIKey: Content {
        var name: String
        var scopes: [String]
        var expiresInDays: Int?
        enum CodingKeys: String, CodingKey { case name, scopes, expiresInDays = "expires_in_days" }

        /// `grantable`: the scopes a key may be given (`app.permissions.grantableScopes`).
        func validated(now: Date, grantable: [APIKeyScope]) throws -> (
            name: String, scopes: Set<APIKeyScope>, expiresAt: Date?
        ) {
            let name = try WorkspaceRequests.name(self.name)
            var parsed = Set<APIKeyScope>()
            for text in scopes {
                guard let scope = APIKeyScope(text), grantable.contains(scope) else {
                    throw CoreError.invalidField(
                        name: "scopes",
                        reason:
                            "'\(text.prefix(40))' is not one of \(grantable.map(\.description).joined(separator: ", "))."
                    )
                }
                parsed.insert(scope)
            }
            guard !parsed.isEmpty else {
                throw CoreError.invalidField(name: "scopes", reason: "must name at least one scope.")
            }
            if let days = expiresInDays, !(1...730).contains(days) {
                throw CoreError.invalidField(name: "expires_in_days", reason: "must be between 1 and 730.")
            }
            return (name, parsed, expiresInDays.map { now.addingTimeInterval(TimeInterval($0) * 86_400) })
        }
    }

    struct AuditFilter: Content {
        var actor: String?
        var action: String?
        var since: String?
        var until: String?
        var limit: Int?

        func query(workspaceID: UUID) throws -> AuditQuery {
            var actorFilter: AuditActor?
            if let actor {
                // Empty pieces kept: ":user" names no kind and is refused rather than read as "user".
                let parts = actor.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard let kind = parts.first, ["user", "api_key", "system", "visitor"].contains(kind) else {
                    throw CoreError.invalidField(
                        name: "actor", reason: "must be user:ID, api_key:ID, system or visitor.")
                }
                actorFilter = AuditActor(kind: kind, id: parts.count == 2 ? parts[1] : nil)
            }
            if let limit, !(1...1000).contains(limit) {
                throw CoreError.invalidField(name: "limit", reason: "must be between 1 and 1000.")
            }
            if let action, action.count > 100 {
                throw CoreError.invalidField(name: "action", reason: "must be at most 100 characters.")
            }
            return AuditQuery(
                workspaceID: workspaceID, action: action, actor: actorFilter, since: try Self.time(since, "since"),
                until: try Self.time(until, "until"), limit: limit ?? 100)
        }

        private static func time(_ text: String?, _ field: String) throws -> Date? {
            guard let text else { return nil }
            // RFC 3339 times, with or without fractional seconds (the OpenAPI `date-time` format).
            let formatter = ISO8601DateFormatter()
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions.insert(.withFractionalSeconds)
            guard let date = formatter.date(from: text) ?? fractional.date(from: text) else {
                throw CoreError.invalidField(
                    name: field, reason: "must be an ISO 8601 time such as 2026-11-22T09:00:00Z.")
            }
            return date
        }
    }

    static func name(_ text: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...80).contains(name.count), !MessageWriter.containsLineBreak(name) else {
            throw CoreError.invalidField(name: "name", reason: "must be 1 to 80 characters on one line.")
        }
        return name
    }

    static func role(_ text: String) throws -> Role {
        guard let role = Role(rawValue: text) else {
            throw CoreError.invalidField(name: "role", reason: "must be owner, admin or member.")
        }
        return role
    }

    /// The UUID in the path parameter `name`; anything else cannot name a row of this workspace.
    static func id(_ request: Request, _ name: String, _ what: String) throws -> UUID {
        guard let id = request.parameters.get(name, as: UUID.self) else { throw TenancyError.notFound(what) }
        return id
    }
}
