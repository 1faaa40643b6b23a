import Accounts
import Foundation
import ParleyCore
import Vapor

/// `/app`: the signed-in dashboard's shell, its Overview and the workspace switcher. Every route sits behind
/// `DashboardGate`; pages ask their permission like the API does, and forms post, then redirect.
package enum DashboardController {
    static func register(_ app: Application, _ routes: any RoutesBuilder) {
        app.dashboardFlashes += DashboardFlash.workspaces
        app.dashboardNav += [
            DashboardNavEntry("Overview", path: DashboardPaths.overview, permission: .readUsage),
            DashboardNavEntry("Team", path: DashboardPaths.team, permission: .readMembers),
        ]
        let dashboard = dashboardRoutes(routes)
        dashboard.get("app", use: overview)
        dashboard.post("app", "workspace", use: switchWorkspace)
        dashboard.get("app", "**") { (_: Request) async throws -> Response in throw TenancyError.notFound("page") }
        TeamPageController.register(dashboard)
        APIKeysPageController.register(app, dashboard)
        AuditPageController.register(app, dashboard)
        SettingsPageController.register(app, dashboard)
    }

    /// Routes under `/app`: signed in (or sent to sign in), tenant resolved, in the API tier. Other modules add
    /// their pages here.
    package static func dashboardRoutes(_ routes: any RoutesBuilder) -> any RoutesBuilder {
        routes.tiered(.api).grouped(Authenticate()).grouped(DashboardGate())
    }

    @Sendable static func overview(_ request: Request) async throws -> Response {
        let context = try request.tenant(.readUsage)
        let meters = request.application.usageMeters, panels = request.application.overviewPanels
        let now = request.application.clock.now()
        let figures = try await context.run(on: request.db) { tenant in
            try await OverviewFigures.load(meters: meters, panels: panels, tenant, now: now)
        }
        let canInvite = (try? context.authorize(.inviteMembers)) != nil
        return try DashboardLayout.render(
            request, title: "Overview", path: DashboardPaths.overview,
            OverviewPage.content(
                usage: figures.usage, panels: figures.panels, events: figures.events,
                names: figures.names, canInvite: canInvite))
    }

    struct SwitchWorkspace: Content {
        var workspaceID: String
        enum CodingKeys: String, CodingKey { case workspaceID = "workspace_id" }
    }

    @Sendable static func switchWorkspace(_ request: Request) async throws -> Response {
        let form = try request.content.decode(SwitchWorkspace.self)
        guard let id = UUID(uuidString: form.workspaceID) else { throw TenancyError.noWorkspace }
        try await WorkspaceLifecycle.select(
            id, userID: try request.requirePrincipal().userID, try WorkspacesEnvironment(request))
        return DashboardFlash.workspaceSwitched.redirect(request, to: DashboardPaths.overview)
    }
}
