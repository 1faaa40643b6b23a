import Foundation

/// The route tiers, each with its own configurable limit. Every route belongs to exactly one.
package enum RateLimitTier: String, Sendable, CaseIterable, Codable {
    /// Sign-in, sign-up, password reset, verification resends.
    case auth
    /// Public pages and links: proposal links, verification, waitlist, readiness.
    case `public`
    /// The chat widget's API.
    case widget
    /// Anything that calls an AI model.
    case ai
    /// The authenticated REST API and admin pages.
    case api

    /// Defaults per client key: conservative where abuse is cheap for an attacker and costly for us.
    package var defaultPolicy: RateLimitPolicy {
        switch self {
        case .auth: RateLimitPolicy(tier: self, limit: 10, windowSeconds: 60)
        case .public: RateLimitPolicy(tier: self, limit: 60, windowSeconds: 60)
        case .widget: RateLimitPolicy(tier: self, limit: 30, windowSeconds: 60)
        case .ai: RateLimitPolicy(tier: self, limit: 10, windowSeconds: 60)
        case .api: RateLimitPolicy(tier: self, limit: 600, windowSeconds: 60)
        }
    }

    /// The setting that overrides this tier's policy, e.g. `PARLEY_RATE_LIMIT_AUTH=10/60s`.
    package var settingName: String { "PARLEY_RATE_LIMIT_\(rawValue.uppercased())" }
}

/// At most `limit` requests per `windowSeconds` for one key.
package struct RateLimitPolicy: Sendable, Equatable {
    package let tier: RateLimitTier
    package let limit: Int
    package let windowSeconds: Int

    /// IETF httpapi-ratelimit-headers (draft 9): `RateLimit-Policy: "auth";q=10;w=60`. Built once per policy.
    package let header: String

    package init(tier: RateLimitTier, limit: Int, windowSeconds: Int) {
        self.tier = tier
        self.limit = limit
        self.windowSeconds = windowSeconds
        header = "\"\(tier.rawValue)\";q=\(limit);w=\(windowSeconds)"
    }

    /// Parses `N/Ws`, `N/Wm` or `N/Wh` (`30/60s`, `100/1h`).
    package init?(tier: RateLimitTier, parsing text: String) {
        let parts = text.lowercased().split(separator: "/")
        guard parts.count == 2, let limit = Int(parts[0]), limit > 0, let unit = parts[1].last else { return nil }
        let factor = ["s": 1, "m": 60, "h": 3600][String(unit)]
        // At most a day: bounding `amount` first keeps the multiplication from overflowing.
        guard let factor, let amount = Int(parts[1].dropLast()), (1...86_400).contains(amount),
            amount * factor <= 86_400
        else { return nil }
        self.init(tier: tier, limit: limit, windowSeconds: amount * factor)
    }

    package var description: String { "\(limit)/\(windowSeconds)s" }
}
