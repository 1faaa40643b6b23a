import Accounts
import Foundation
import ParleyCore
import Vapor

/// In front of every `/app` route: a browser that is not signed in goes to the sign-in page and comes back; a
/// signed-in person gets their tenant context (as on the API) and the shell of the dashboard; a refusal (403, 404,
/// a form's 4xx that no page handled) is shown inside the dashboard's layout.
struct DashboardGate: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.principal == nil, request.method == .GET, request.headers.first(name: .authorization) == nil {
            return request.redirect(to: "/sign-in?return_to=" + Self.encoded(request.url.path), redirectType: .normal)
        }
        // API clients and form posts without a session get the API's 401.
        let principal = try request.requirePrincipal()
        let memberships = try await WorkspaceDirectory.memberships(of: principal.userID, on: request.db)
        let context = try await ResolveTenant.member(request, userID: principal.userID, memberships: memberships)
        request.tenantContext = context
        let shell = DashboardShell(context: context, memberships: memberships)
        request.dashboardShell = shell
        do {
            return try await next.respond(to: request)
        } catch let error as any AppError where (400..<500).contains(error.status.code) {
            return DashboardLayout.refusal(request, shell, error)
        }
    }

    private static func encoded(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
