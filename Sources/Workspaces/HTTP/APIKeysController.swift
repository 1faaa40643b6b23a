import Foundation
import ParleyCore
import Vapor

/// `/api/v1/workspace/api-keys`: signed-in Admins manage keys; keys cannot manage keys.
enum APIKeysController {
    static func register(_ routes: any RoutesBuilder) {
        let keys = routes.grouped("api", "v1").tenantRoutes().grouped("workspace", "api-keys")
        keys.get(use: list)
        keys.post(use: create)
        keys.delete(":id", use: revoke)
    }

    @Sendable static func list(_ request: Request) async throws -> WorkspaceResponses.APIKeys {
        let context = try request.tenant(.readAPIKeys)
        let keys = try await context.run(on: request.db) { tenant in try await APIKeys.list(tenant) }
        return WorkspaceResponses.APIKeys(apiKeys: try keys.map { try WorkspaceResponses.APIKeyInfo($0) })
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let context = try request.tenant(.manageAPIKeys)
        let env = try WorkspacesEnvironment(request)
        let form = try request.content.decode(WorkspaceRequests.CreateAPIKey.self).validated(
            now: env.now, grantable: request.application.permissions.grantableScopes)
        let created = try await context.run(on: request.db) { tenant in
            try await APIKeys.create(name: form.name, scopes: form.scopes, expiresAt: form.expiresAt, tenant, env)
        }
        let response = try await WorkspaceResponses.APIKeyInfo(created.key, secret: created.secret).encodeResponse(
            status: .created, for: request)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable static func revoke(_ request: Request) async throws -> WorkspaceResponses.APIKeyInfo {
        let context = try request.tenant(.manageAPIKeys)
        let id = try WorkspaceRequests.id(request, "id", "API key")
        let env = try WorkspacesEnvironment(request)
        return try WorkspaceResponses.APIKeyInfo(
            try await context.run(on: request.db) { tenant in try await APIKeys.revoke(id, tenant, env) })
    }
}
