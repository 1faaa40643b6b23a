import Foundation
import ParleyCore
import Vapor

/// What every dashboard page frames its content with, resolved once per request by `DashboardGate`: the context
/// the person acts in and their workspaces, for the switcher.
struct DashboardShell: Sendable {
    var context: TenantContext
    var memberships: [WorkspaceMembership]

    var workspaceName: String {
        memberships.first { $0.workspaceID == context.workspaceID }?.name ?? "Workspace"
    }
}

extension Request {
    private struct DashboardShellKey: StorageKey { typealias Value = DashboardShell }

    /// Set by `DashboardGate` on every `/app` route.
    var dashboardShell: DashboardShell? {
        get { storage[DashboardShellKey.self] }
        set { storage[DashboardShellKey.self] = newValue }
    }

    func requireDashboardShell() throws -> DashboardShell {
        guard let shell = dashboardShell else {
            throw Abort(.internalServerError, reason: "dashboard route without DashboardGate")
        }
        return shell
    }
}
