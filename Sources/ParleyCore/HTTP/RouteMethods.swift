import Vapor

/// Which methods the registered routes accept for a path, so a wrong method answers 405 rather than 404.
package final class RouteMethods: Sendable {
    private let routes: Routes

    /// Reads the registered routes when asked, so routes added after configuration count too.
    package init(routes: Routes) {
        self.routes = routes
    }

    package func methods(matching path: String) -> [HTTPMethod] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let methods = routes.all.filter { Self.matches($0.path, segments) }.map(\.method)
        var seen = Set<String>()
        return methods.filter { seen.insert($0.rawValue).inserted }
    }

    /// The first registered path pattern that `path` fits, whatever its method.
    package func pattern(matching path: String) -> [PathComponent]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return routes.all.first { Self.matches($0.path, segments) }?.path
    }

    private static func matches(_ pattern: [PathComponent], _ segments: [String]) -> Bool {
        for (index, component) in pattern.enumerated() {
            switch component {
            case .catchall: return segments.count > index
            case .anything, .parameter: if index >= segments.count { return false }
            case .constant(let value): if index >= segments.count || segments[index] != value { return false }
            }
        }
        return pattern.count == segments.count
    }
}
