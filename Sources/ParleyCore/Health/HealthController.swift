import Vapor

/// `/healthz` (liveness: the process answers; touches nothing) and `/readyz` (every component can serve).
package enum HealthController {
    package static func register(_ routes: any RoutesBuilder) {
        routes.unlimited(because: "liveness probes come from the orchestrator; the answer is a constant from memory")
            .get("healthz", use: live)
        routes.tiered(.public).get("readyz", use: ready)
    }

    private static let liveBody = ByteBuffer(string: #"{"status":"ok"}"#)

    @Sendable static func live(_ request: Request) -> Response {
        Response(
            status: .ok, headers: ["Content-Type": "application/json", "Cache-Control": "no-store"],
            body: .init(buffer: liveBody))
    }

    @Sendable static func ready(_ request: Request) async throws -> Response {
        let app = request.application
        let report = await app.readiness.report(app, timeout: .seconds(app.settings.readinessTimeoutSeconds))
        let response = try await report.encodeResponse(
            status: report.status == "ok" ? .ok : .serviceUnavailable, for: request)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
