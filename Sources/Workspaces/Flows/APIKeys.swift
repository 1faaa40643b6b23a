import Fluent
import Foundation
import ParleyCore

/// Workspace API keys: created by Admins on plans with API access, shown once, scoped, expiring, revocable.
enum APIKeys {
    /// Last use is written at most this often per key, so a busy key does not write on every request.
    static let lastUseInterval: TimeInterval = 60

    struct Created: Sendable {
        var key: APIKey
        var secret: String
    }

    static func create(
        name: String, scopes: Set<APIKeyScope>, expiresAt: Date?, _ tenant: TenantDatabase, _ env: WorkspacesEnvironment
    ) async throws -> Created {
        try tenant.context.plan.require(.apiAccess)
        let secret = APIKeyFormat.generate(env.random)
        let key = APIKey()
        key.id = UUID()
        key.name = name
        key.displayPrefix = APIKeyFormat.displayPrefix(secret)
        key.secretHash = APIKeyFormat.hash(secret)
        key.scopes = APIKeyFormat.text(of: scopes)
        key.createdBy = tenant.context.userID
        key.createdAt = env.now
        key.expiresAt = expiresAt
        try await tenant.create(key)
        try await env.record(
            "api_key.created", by: tenant.context.auditActor, in: tenant,
            target: ("api_key", try key.requireID().uuidString),
            metadata: ["scopes": key.scopes, "prefix": key.displayPrefix])
        return Created(key: key, secret: secret)
    }

    static func list(_ tenant: TenantDatabase) async throws -> [APIKey] {
        try await tenant.query(APIKey.self).sort(\.$createdAt, .descending).all()
    }

    static func revoke(_ id: UUID, _ tenant: TenantDatabase, _ env: WorkspacesEnvironment) async throws -> APIKey {
        let key = try await tenant.require(APIKey.self, id, "API key")
        guard key.revokedAt == nil else { return key }
        key.revokedAt = env.now
        try await tenant.update(key)
        try await env.record(
            "api_key.revoked", by: tenant.context.auditActor, in: tenant, target: ("api_key", id.uuidString))
        return key
    }

    /// The context of a request made with an API key: its workspace, as the key, with the key's scopes. An unknown,
    /// expired or revoked key is refused, and so is any key once the plan loses API access.
    static func authenticate(_ secret: String, _ env: WorkspacesEnvironment) async throws -> TenantContext {
        guard secret.utf8.count <= 128,
            let row = try await NarrowLookups.apiKeyBySecretHash.run(on: env.db, [APIKeyFormat.hash(secret)]).first
        else {
            throw WorkspacesError.invalidAPIKey
        }
        let id = try row.decode(column: "id", as: UUID.self)
        let expiresAt = try row.decode(column: "expires_at", as: Date?.self)
        guard try row.decode(column: "revoked_at", as: Date?.self) == nil, expiresAt.map({ $0 > env.now }) ?? true
        else {
            throw WorkspacesError.invalidAPIKey
        }
        let plan = try WorkspaceDirectory.decodePlan(row)
        try plan.require(.apiAccess)
        let context = TenantContext.apiKey(
            id, scopes: APIKeyFormat.scopes(from: try row.decode(column: "scopes", as: String.self)),
            in: try row.decode(column: "workspace_id", as: UUID.self), plan: plan)
        let lastUsed = try row.decode(column: "last_used_at", as: Date?.self)
        if lastUsed.map({ env.now.timeIntervalSince($0) >= lastUseInterval }) ?? true {
            try await context.run(on: env.db) { tenant in
                guard let key = try await tenant.find(APIKey.self, id) else { return }
                key.lastUsedAt = env.now
                key.lastUsedIP = env.ip
                try await tenant.update(key)
            }
        }
        return context
    }
}
