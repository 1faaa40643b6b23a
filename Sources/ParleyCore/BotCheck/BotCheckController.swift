import Vapor

/// `GET /api/v1/bot-check/challenge`: what a public form needs to run its bot check.
package enum BotCheckController {
    package static func register(_ routes: any RoutesBuilder) {
        routes.tiered(.public).get("api", "v1", "bot-check", "challenge", use: challenge)
    }

    @Sendable static func challenge(_ request: Request) async throws -> Response {
        let app = request.application
        let challenge = try app.botCheck().challenge(now: app.clock.now(), random: app.random)
        let response = try await challenge.encodeResponse(for: request)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
