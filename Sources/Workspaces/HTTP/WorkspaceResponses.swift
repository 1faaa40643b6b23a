import Foundation
import ParleyCore
import Vapor

/// What the workspace API answers.
enum WorkspaceResponses {
    struct PlanInfo: Content {
        var id: String
        var name: String
        var features: [String]
        var limits: [String: Int]

        init(_ plan: Plan) {
            id = plan.id
            name = plan.name
            features = plan.features.map(\.rawValue).sorted()
            limits = Dictionary(uniqueKeysWithValues: plan.limits.map { ($0.key.rawValue, $0.value) })
        }
    }

    struct WorkspaceInfo: Content {
        var id: UUID
        var name: String
        var slug: String
        var requireTwoFactor: Bool
        var role: Role?
        var plan: PlanInfo
        var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id, name, slug, requireTwoFactor = "require_two_factor", role, plan, createdAt = "created_at"
        }

        init(_ workspace: Workspace, role: Role?, plan: Plan) throws {
            id = try workspace.requireID()
            name = workspace.name
            slug = workspace.slug
            requireTwoFactor = workspace.requireTwoFactor
            self.role = role
            self.plan = PlanInfo(plan)
            createdAt = workspace.createdAt
        }
    }

    struct WorkspaceListItem: Content {
        var id: UUID
        var name: String
        var slug: String
        var role: Role
        var plan: String
        var current: Bool
    }

    struct WorkspaceList: Content {
        var workspaces: [WorkspaceListItem]

        init(_ memberships: [WorkspaceMembership]) {
            workspaces = memberships.enumerated().map { index, membership in
                WorkspaceListItem(
                    id: membership.workspaceID, name: membership.name, slug: membership.slug, role: membership.role,
                    plan: membership.plan.id, current: index == 0)
            }
        }
    }

    struct Deleted: Content {
        var status = "deleted"
        var purgeAfter: Date
        enum CodingKeys: String, CodingKey { case status, purgeAfter = "purge_after" }
    }

    struct Members: Content {
        var members: [MemberInfo]
    }

    struct InvitationInfo: Content {
        var id: UUID
        var email: String
        var role: Role
        var createdAt: Date
        var expiresAt: Date
        enum CodingKeys: String, CodingKey { case id, email, role, createdAt = "created_at", expiresAt = "expires_at" }

        init(_ invitation: Invitation) throws {
            id = try invitation.requireID()
            email = invitation.email
            role = invitation.role
            createdAt = invitation.createdAt
            expiresAt = invitation.expiresAt
        }
    }

    struct Invitations: Content {
        var invitations: [InvitationInfo]
    }

    struct Joined: Content {
        var workspaceID: UUID
        var role: Role
        enum CodingKeys: String, CodingKey { case workspaceID = "workspace_id", role }
    }

    struct APIKeyInfo: Content {
        var id: UUID
        var name: String
        var prefix: String
        var scopes: [String]
        var createdAt: Date
        var expiresAt: Date?
        var revokedAt: Date?
        var lastUsedAt: Date?
        var lastUsedIP: String?
        /// Only in the answer that creates the key: it is never shown again.
        var secret: String?

        enum CodingKeys: String, CodingKey {
            case id, name, prefix, scopes, createdAt = "created_at", expiresAt = "expires_at", revokedAt = "revoked_at",
                lastUsedAt = "last_used_at", lastUsedIP = "last_used_ip", secret
        }

        init(_ key: APIKey, secret: String? = nil) throws {
            id = try key.requireID()
            name = key.name
            prefix = key.displayPrefix
            scopes = key.scopeSet.map(\.description).sorted()
            createdAt = key.createdAt
            expiresAt = key.expiresAt
            revokedAt = key.revokedAt
            lastUsedAt = key.lastUsedAt
            lastUsedIP = key.lastUsedIP
            self.secret = secret
        }
    }

    struct APIKeys: Content {
        var apiKeys: [APIKeyInfo]
        enum CodingKeys: String, CodingKey { case apiKeys = "api_keys" }
    }

    struct Usage: Content {
        var plan: PlanInfo
        var counters: [UsageCounter]
    }

    struct AuditEventInfo: Content {
        var id: UUID
        var occurredAt: Date
        var action: String
        var actor: String
        var target: String?
        var ip: String?
        var metadata: [String: String]

        enum CodingKeys: String, CodingKey { case id, occurredAt = "occurred_at", action, actor, target, ip, metadata }

        init(_ event: AuditEvent) throws {
            id = try event.requireID()
            occurredAt = event.occurredAt
            action = event.action
            actor = event.actorKind + (event.actorID.map { ":" + $0 } ?? "")
            target = event.targetKind.map { kind in kind + (event.targetID.map { ":" + $0 } ?? "") }
            ip = event.ip
            metadata = event.metadataValues
        }
    }

    struct AuditEvents: Content {
        var events: [AuditEventInfo]
    }
}
