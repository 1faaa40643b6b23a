import Foundation
import ParleyCore
import Vapor

/// A figure a module shows on the dashboard's Overview (`/app`), for people whose role has `permission`: the
/// module reads it through its own flow inside the workspace's context and returns the panel's content.
package struct OverviewPanel: Sendable {
    package var permission: Permission
    package var content: @Sendable (TenantDatabase, Date) async throws -> Node

    package init(permission: Permission, content: @escaping @Sendable (TenantDatabase, Date) async throws -> Node) {
        self.permission = permission
        self.content = content
    }
}

extension Application {
    private struct OverviewPanelsKey: StorageKey { typealias Value = [OverviewPanel] }

    /// The panels of the Overview after the workspace's own usage counters, appended by the modules that own them.
    package var overviewPanels: [OverviewPanel] {
        get { storage[OverviewPanelsKey.self] ?? [] }
        set { storage[OverviewPanelsKey.self] = newValue }
    }
}
