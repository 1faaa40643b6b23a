import Accounts
import Foundation
import ParleyCore
import Vapor

/// The frame of every `/app` page, inside Parley's one page layout: the workspace bar (its name, the switcher when
/// the person has several, the account link and sign-out), the navigation the person's role may see, the
/// breadcrumb and heading, the confirmation of the last form, then the page's content. Every module's pages use it.
package enum DashboardLayout {
    /// `scripts` are the page's own, after `copy.js`, which every dashboard page loads.
    package static func render(
        _ request: Request, title: String, path: String, status: HTTPResponseStatus = .ok, scripts: [String] = [],
        _ content: Node...
    ) throws -> Response {
        render(
            request, try request.requireDashboardShell(), title: title, path: path, status: status, scripts: scripts,
            content: content)
    }

    /// A refusal (403, 404, …) inside the dashboard, with the reason and a way back.
    static func refusal(_ request: Request, _ shell: DashboardShell, _ error: any AppError) -> Response {
        let title =
            switch error.status {
            case .notFound: "Not found"
            case .forbidden: "Not allowed"
            default: "This did not work"
            }
        return render(
            request, shell, title: title, path: "", status: error.status,
            content: [
                .p(.text(error.reason)),
                .p(.a(.href(DashboardPaths.overview), "Back to the overview")),
            ])
    }

    private static func render(
        _ request: Request, _ shell: DashboardShell, title: String, path: String, status: HTTPResponseStatus,
        scripts: [String] = [], content: [Node]
    ) -> Response {
        let flash = DashboardFlash.pending(request)
        let page = Page(
            title: title, scripts: ["copy.js"] + scripts, status: status,
            .div(
                .class("dashboard"),
                workspaceBar(request, shell),
                navigation(request.application.dashboardNav, shell.context, current: path),
                .div(
                    .class("dashboard-content"),
                    .nav(
                        .aria("label", "Breadcrumb"),
                        .ol(
                            .class("breadcrumbs"), .li(.text(shell.workspaceName)),
                            .li(.aria("current", "page"), .text(title)))),
                    .h1(.text(title)),
                    .statusNotice(flash?.message),
                    .group(content))))
        let response = request.render(page)
        DashboardFlash.consume(request, on: response)
        return response
    }

    private static func workspaceBar(_ request: Request, _ shell: DashboardShell) -> Node {
        let csrf = request.csrfFormField()
        let switcher: Node =
            shell.memberships.count < 2
            ? .p(.class("workspace-name"), .text(shell.workspaceName))
            : .form(
                .method("post"), .action(DashboardPaths.switchWorkspace), .class("workspace-switcher"), csrf,
                .label(.for("workspace_id"), "Workspace"),
                .select(
                    .id("workspace_id"), .name("workspace_id"),
                    .group(
                        shell.memberships.map { membership in
                            Node.option(
                                .value(membership.workspaceID.uuidString),
                                .when(membership.workspaceID == shell.context.workspaceID, .selected()),
                                .text(membership.name))
                        })),
                .submitButton("Switch", secondary: true))
        return .div(
            .class("workspace-bar"),
            switcher,
            .div(
                .class("account-menu"),
                .a(.href("/account"), "Your account"),
                .form(.method("post"), .action("/account/sign-out"), csrf, .submitButton("Sign out", secondary: true))))
    }

    private static func navigation(_ entries: [DashboardNavEntry], _ context: TenantContext, current: String) -> Node {
        .nav(
            .class("dashboard-nav"), .aria("label", "Dashboard"),
            .ul(
                .group(
                    DashboardNavEntry.visible(entries, to: context).map { entry in
                        Node.li(
                            .a(
                                .href(entry.path), .when(entry.path == current, .aria("current", "page")),
                                .text(entry.title)))
                    })))
    }
}
