import Vapor

/// Checks the tier's limit before the handler runs. Allowed responses carry `RateLimit-Policy` and `RateLimit`;
/// a refusal is a 429 with `Retry-After` as well.
package struct RateLimitMiddleware: AsyncMiddleware {
    let tier: RateLimitTier
    let key: RateLimitKey
    /// Set on the global instance that charges requests no route matched.
    let onlyUnmatched: Bool

    package init(tier: RateLimitTier, key: RateLimitKey = .clientIP) {
        self.init(tier: tier, key: key, onlyUnmatched: false)
    }

    private init(tier: RateLimitTier, key: RateLimitKey, onlyUnmatched: Bool) {
        self.tier = tier
        self.key = key
        self.onlyUnmatched = onlyUnmatched
    }

    /// Global: requests that match no route (404, 405) are charged to the public tier, so probing is limited too.
    package static let unmatched = RateLimitMiddleware(tier: .public, key: .clientIP, onlyUnmatched: true)

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if onlyUnmatched, request.route != nil { return try await next.respond(to: request) }
        let app = request.application
        let policy = app.settings.rateLimitPolicy(tier)
        let decision: RateLimitDecision
        do {
            decision = try await app.rateLimiter.check(policy, key: key.key(for: request), now: app.clock.now())
        } catch {
            request.logger.error("rate limit store failed", metadata: ["error": .string(String(describing: error))])
            throw RateLimitError.storeUnavailable
        }
        guard decision.allowed else { throw RateLimitError.exceeded(decision) }
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "RateLimit-Policy", value: decision.policyHeader)
        response.headers.replaceOrAdd(name: "RateLimit", value: decision.stateHeader)
        return response
    }
}
