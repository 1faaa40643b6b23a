import Vapor

/// One structured log line per request: method, path (never the query), status, duration and request id.
/// Route parameters whose names mark them secret (`:token`, `:code`, …) are logged as their name, not their value.
package struct AccessLogMiddleware: AsyncMiddleware {
    let routeMethods: RouteMethods

    package init(routeMethods: RouteMethods) {
        self.routeMethods = routeMethods
    }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            log(request, status: 500, since: start)
            throw error
        }
        log(request, status: response.status.code, since: start)
        return response
    }

    private func log(_ request: Request, status: UInt, since start: ContinuousClock.Instant) {
        let millis = (ContinuousClock.now - start).milliseconds
        request.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(loggedPath(request)),
                "status": .stringConvertible(status),
                "duration_ms": .stringConvertible((millis * 100).rounded() / 100),
            ])
    }

    /// A matched route's path with its parameter values, secret ones masked. A path that reached no handler
    /// (404, 405) is logged as the pattern it resembles, or its first segment, since it may hold a token.
    func loggedPath(_ request: Request) -> String {
        guard let route = request.route else {
            if let pattern = routeMethods.pattern(matching: request.url.path) {
                return "/" + pattern.map(\.description).joined(separator: "/")
            }
            let segments = request.url.path.split(separator: "/")
            guard let first = segments.first.map({ String($0.prefix(64)) }) else { return "/" }
            return segments.count == 1 ? "/\(first)" : "/\(first)/…"
        }
        let parts = route.path.map { component -> String in
            guard case .parameter(let name) = component else { return component.description }
            let lowered = name.lowercased()
            if Self.secretMarkers.contains(where: lowered.contains) { return ":" + name }
            return request.parameters.get(name) ?? ":" + name
        }
        return "/" + parts.joined(separator: "/")
    }

    private static let secretMarkers = ["token", "secret", "key", "code", "password", "signature"]
}
