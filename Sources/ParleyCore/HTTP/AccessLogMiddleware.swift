import Vapor

/// One structured log line per request: method, path (never the query), status, duration and request id.
/// Route parameters whose names mark them secret (`:token`, `:code`, …) are logged as their name, not their value.
package struct AccessLogMiddleware: AsyncMiddleware {
    package init() {}

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
        let elapsed = ContinuousClock.now - start
        let millis = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        request.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "path": .string(Self.loggedPath(request)),
            "status": .stringConvertible(status),
            "duration_ms": .string(String(format: "%.2f", millis)),
        ])
    }

    static func loggedPath(_ request: Request) -> String {
        guard let route = request.route else {
            return String(request.url.path.prefix(256))
        }
        let parts = route.path.map { component -> String in
            guard case .parameter(let name) = component else { return component.description }
            let lowered = name.lowercased()
            if secretMarkers.contains(where: lowered.contains) { return ":" + name }
            return request.parameters.get(name) ?? ":" + name
        }
        return "/" + parts.joined(separator: "/")
    }

    private static let secretMarkers = ["token", "secret", "key", "code", "password", "signature"]
}
