import ParleyCore
import Vapor

/// One entry of the dashboard's navigation: a page a module contributes, and the permission a person needs to see
/// it. The page's own handler still asks for its permission; hiding the entry only spares people a 403.
package struct DashboardNavEntry: Sendable, Equatable {
    package var title: String
    /// A path under `/app`.
    package var path: String
    package var permission: Permission

    package init(_ title: String, path: String, permission: Permission) {
        self.title = title
        self.path = path
        self.permission = permission
    }

    /// The entries `context` may see, in the order they were registered.
    package static func visible(_ entries: [DashboardNavEntry], to context: TenantContext) -> [DashboardNavEntry] {
        entries.filter { (try? context.authorize($0.permission)) != nil }
    }
}

extension Application {
    private struct DashboardNavKey: StorageKey { typealias Value = [DashboardNavEntry] }

    /// The dashboard's navigation, appended to by each module that adds a page under `/app`.
    package var dashboardNav: [DashboardNavEntry] {
        get { storage[DashboardNavKey.self] ?? [] }
        set { storage[DashboardNavKey.self] = newValue }
    }
}
