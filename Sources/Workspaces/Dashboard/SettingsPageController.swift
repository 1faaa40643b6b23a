import Foundation
import ParleyCore
import Vapor

/// `/app/settings`: the workspace's name, address and two-factor authentication policy, changed through the same
/// flow and permission checks as `PATCH /api/v1/workspace` (`WorkspaceSettings`); its plan and usage; the export.
enum SettingsPageController {
    static func register(_ app: Application, _ dashboard: any RoutesBuilder) {
        app.dashboardNav.append(
            DashboardNavEntry("Settings", path: DashboardPaths.settings, permission: .readWorkspace))
        let settings = dashboard.grouped("app", "settings")
        settings.get(use: page)
        settings.post(use: save)
        settings.post("security", use: saveSecurity)
    }

    @Sendable static func page(_ request: Request) async throws -> Response {
        try await render(request, form: nil, securityError: nil, status: .ok)
    }

    /// `form`, when given, is what the person typed (with its refusal); otherwise the saved values.
    static func render(
        _ request: Request, form: SettingsPage.WorkspaceForm?, securityError: FormError?, status: HTTPResponseStatus
    ) async throws -> Response {
        let context = try request.tenant(.readWorkspace)
        let meters = request.application.usageMeters
        let now = request.application.clock.now()
        let (workspace, usage) = try await context.run(on: request.db) { tenant in
            (try await tenant.workspace(), try await WorkspaceUsage.report(meters, tenant, now: now))
        }
        func may(_ permission: Permission) -> Bool { (try? context.authorize(permission)) != nil }
        let page = SettingsPage(
            form: form ?? SettingsPage.WorkspaceForm(name: workspace.name, slug: workspace.slug),
            requireTwoFactor: workspace.requireTwoFactor, securityError: securityError, planName: context.plan.name,
            usage: usage, mayUpdate: may(.updateWorkspace),
            mayManageSecurity: may(.manageSecurityPolicy), mayExport: may(.exportWorkspace),
            csrf: request.csrfFormField())
        return try DashboardLayout.render(
            request, title: "Settings", path: DashboardPaths.settings, status: status, page.content)
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        var typed = SettingsPage.WorkspaceForm(
            name: (try? request.content.get(String.self, at: "name")) ?? "",
            slug: (try? request.content.get(String.self, at: "slug")) ?? "")
        do {
            let change = try WorkspaceRequests.UpdateWorkspace(name: typed.name, slug: typed.slug).validated()
            try await update(request, change, permission: .updateWorkspace)
            return DashboardFlash.settingsSaved.redirect(request, to: DashboardPaths.settings)
        } catch let error as any AppError where error.status != .forbidden {
            typed.error = FormError(error)
            if case .slugTaken? = error as? WorkspacesError {
                typed.error = FormError(field: "slug", reason: "is taken by another workspace.", message: error.reason)
            }
            return try await render(request, form: typed, securityError: nil, status: error.status)
        }
    }

    @Sendable static func saveSecurity(_ request: Request) async throws -> Response {
        let require = (try? request.content.get(String.self, at: "require_two_factor")) == "on"
        do {
            try await update(
                request, WorkspaceSettings.Change(requireTwoFactor: require), permission: .manageSecurityPolicy)
            return DashboardFlash.securityPolicySaved.redirect(request, to: DashboardPaths.settings)
        } catch let error as any AppError where error.status != .forbidden {
            return try await render(request, form: nil, securityError: FormError(error), status: error.status)
        }
    }

    private static func update(
        _ request: Request, _ change: WorkspaceSettings.Change, permission: Permission
    ) async throws {
        let context = try request.tenant(permission)
        let env = try WorkspacesEnvironment(request)
        let hasTwoFactor = try await WorkspaceSettings.actorHasTwoFactor(context, on: request.db)
        _ = try await context.run(on: request.db) { tenant in
            try await WorkspaceSettings.update(change, actorHasTwoFactor: hasTwoFactor, tenant, env)
        }
    }
}
