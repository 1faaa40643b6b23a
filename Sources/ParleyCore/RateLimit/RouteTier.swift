import Vapor

/// The rate-limit decision recorded on every route: a tier, or an explicit, reasoned exemption.
package enum RouteTier: Sendable, Equatable {
    case limited(RateLimitTier)
    case unlimited(reason: String)

    static let userInfoKey = "parley.route-tier"
}

extension Route {
    /// The tier the route was registered under; nil means it was registered without one (a test catches that).
    package var tier: RouteTier? { userInfo[RouteTier.userInfoKey] as? RouteTier }
}

/// A routes builder that records the tier on each route and applies its limiter.
struct TieredRoutes: RoutesBuilder {
    let base: any RoutesBuilder
    let tier: RouteTier

    func add(_ route: Route) {
        route.userInfo[RouteTier.userInfoKey] = tier
        base.add(route)
    }
}

extension RoutesBuilder {
    /// Routes added through the result are limited by `tier`, counted per `key`.
    package func tiered(_ tier: RateLimitTier, key: RateLimitKey = .clientIP) -> any RoutesBuilder {
        TieredRoutes(base: grouped(RateLimitMiddleware(tier: tier, key: key)), tier: .limited(tier))
    }

    /// Routes added through the result are not limited, for a reason stated here and checked by a test.
    package func unlimited(because reason: String) -> any RoutesBuilder {
        TieredRoutes(base: self, tier: .unlimited(reason: reason))
    }
}

/// Everything the rate-limit middleware needs, resolved once at start-up and read with one storage lookup.
package final class RateLimiting: Sendable {
    package let limiter: RateLimiter
    package let clock: AppClock
    package let proxyTrust: ProxyTrust
    private let policies: [RateLimitPolicy]

    package init(limiter: RateLimiter, settings: Settings, clock: AppClock) {
        self.limiter = limiter
        self.clock = clock
        proxyTrust = settings.proxyTrust
        policies = RateLimitTier.allCases.map(settings.rateLimitPolicy)
    }

    package func policy(_ tier: RateLimitTier) -> RateLimitPolicy {
        policies.first { $0.tier == tier } ?? tier.defaultPolicy
    }
}

extension Application {
    private struct RateLimitingKey: StorageKey { typealias Value = RateLimiting }

    /// The limiter over the configured store (memory unless `PARLEY_RATE_LIMIT_STORE=postgres`), with its policies.
    package var rateLimiting: RateLimiting {
        get {
            // A fresh store per access would limit nothing: an unconfigured limiter is a wiring bug, not a default.
            guard let limiting = storage[RateLimitingKey.self] else {
                fatalError("The rate limiter is set by CoreModule.register before use")
            }
            return limiting
        }
        set { storage[RateLimitingKey.self] = newValue }
    }

    package var rateLimiter: RateLimiter { rateLimiting.limiter }
}
