import Foundation
import ParleyCore
import Vapor

/// `/app/api-keys`: the workspace's API keys. Creating and revoking run the same flows and permission checks as
/// the API (`APIKeys`); a new key's secret is shown on the page that answers the form, once.
enum APIKeysPageController {
    static func register(_ app: Application, _ dashboard: any RoutesBuilder) {
        app.dashboardNav.append(DashboardNavEntry("API keys", path: DashboardPaths.apiKeys, permission: .readAPIKeys))
        let keys = dashboard.grouped("app", "api-keys")
        keys.get(use: page)
        keys.post(use: create)
        keys.post(":id", "revoke", use: revoke)
    }

    @Sendable static func page(_ request: Request) async throws -> Response {
        try await render(request, form: APIKeysPage.CreateForm(), created: nil, status: .ok)
    }

    static func render(
        _ request: Request, form: APIKeysPage.CreateForm, created: WorkspaceResponses.APIKeyInfo?,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let context = try request.tenant(.readAPIKeys)
        let keys = try await context.run(on: request.db) { tenant in try await APIKeys.list(tenant) }
        let page = APIKeysPage(
            keys: try keys.map { try WorkspaceResponses.APIKeyInfo($0) },
            grantable: request.application.permissions.grantableScopes,
            mayManage: (try? context.authorize(.manageAPIKeys)) != nil,
            planWithoutAPI: context.plan.features.contains(.apiAccess) ? nil : context.plan.name,
            created: created, now: request.application.clock.now(), csrf: request.csrfFormField(), form: form)
        return try DashboardLayout.render(
            request, title: "API keys", path: DashboardPaths.apiKeys, status: status, page.content)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let context = try request.tenant(.manageAPIKeys)
        var typed = APIKeysPage.CreateForm(
            name: (try? request.content.get(String.self, at: "name")) ?? "",
            scopes: Set((try? request.content.get([String].self, at: "scopes")) ?? []),
            expiresInDays: (try? request.content.get(String.self, at: "expires_in_days")) ?? "")
        do {
            let env = try WorkspacesEnvironment(request)
            let days = typed.expiresInDays.trimmingCharacters(in: .whitespaces)
            guard days.isEmpty || Int(days) != nil else {
                throw CoreError.invalidField(name: "expires_in_days", reason: "must be a whole number of days.")
            }
            let form = try WorkspaceRequests.CreateAPIKey(
                name: typed.name, scopes: typed.scopes.sorted(), expiresInDays: Int(days)
            )
            .validated(now: env.now, grantable: request.application.permissions.grantableScopes)
            let created = try await context.run(on: request.db) { tenant in
                try await APIKeys.create(name: form.name, scopes: form.scopes, expiresAt: form.expiresAt, tenant, env)
            }
            return try await render(
                request, form: APIKeysPage.CreateForm(),
                created: try WorkspaceResponses.APIKeyInfo(created.key, secret: created.secret), status: .created)
        } catch let error as any AppError where error.status != .forbidden {
            typed.error = FormError(error)
            return try await render(request, form: typed, created: nil, status: error.status)
        }
    }

    @Sendable static func revoke(_ request: Request) async throws -> Response {
        let context = try request.tenant(.manageAPIKeys)
        let id = try WorkspaceRequests.id(request, "id", "API key")
        let env = try WorkspacesEnvironment(request)
        _ = try await context.run(on: request.db) { tenant in try await APIKeys.revoke(id, tenant, env) }
        return DashboardFlash.apiKeyRevoked.redirect(request, to: DashboardPaths.apiKeys)
    }
}
