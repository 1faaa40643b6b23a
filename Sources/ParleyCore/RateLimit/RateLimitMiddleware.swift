import Vapor

/// Checks the tier's limit before the handler runs. Allowed responses carry `RateLimit-Policy` and `RateLimit`
/// (written by `SecurityHeadersMiddleware`); a refusal is a 429 with `Retry-After` as well. Written with futures rather than `async`: with the memory store
/// the whole check happens on the event loop, without starting a task per request.
package struct RateLimitMiddleware: Middleware {
    let tier: RateLimitTier
    let key: RateLimitKey
    /// Set on the global instance that charges requests no route matched.
    let onlyUnmatched: Bool
    private let limiting = ResolvedOnce<RateLimiting>()

    package init(tier: RateLimitTier, key: RateLimitKey = .clientIP) {
        self.init(tier: tier, key: key, onlyUnmatched: false)
    }

    private init(tier: RateLimitTier, key: RateLimitKey, onlyUnmatched: Bool) {
        self.tier = tier
        self.key = key
        self.onlyUnmatched = onlyUnmatched
    }

    /// Global: requests that match no route (404, 405) are charged to the public tier, so probing is limited too.
    package static func unmatched() -> RateLimitMiddleware {
        RateLimitMiddleware(tier: .public, key: .clientIP, onlyUnmatched: true)
    }

    package func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if onlyUnmatched, request.route != nil { return next.respond(to: request) }
        let limiting = self.limiting.value { request.application.rateLimiting }
        let policy = limiting.policy(tier)
        let limiter = limiting.limiter
        let bucket = key.key(for: request, trust: limiting.proxyTrust)
        let now = limiting.clock.now()
        // The memory store decides here, on the event loop; only a shared store needs a task.
        if let decision = limiter.checkImmediately(policy, key: bucket, now: now) {
            return proceed(decision, request, next)
        }
        let logger = request.logger
        return request.eventLoop.makeFutureWithTask {
            do {
                return try await limiter.check(policy, key: bucket, now: now)
            } catch {
                logger.error("rate limit store failed", metadata: ["error": .string(String(describing: error))])
                throw RateLimitError.storeUnavailable
            }
        }.flatMap { proceed($0, request, next) }
    }

    /// Refuses, or records the decision for `SecurityHeadersMiddleware` to report and continues. Chaining a `map`
    /// here instead would hop to the event loop for every request, since async middleware calls this off it.
    private func proceed(_ decision: RateLimitDecision, _ request: Request, _ next: any Responder) -> EventLoopFuture<
        Response
    > {
        guard decision.allowed else { return request.eventLoop.makeFailedFuture(RateLimitError.exceeded(decision)) }
        request.state.rateLimitDecision = decision
        return next.respond(to: request)
    }
}
