import Foundation

/// The two-window weighted counter ("sliding window counter"). Hits are counted in fixed windows; a request is
/// admitted when `previous × (1 − elapsed) + current ≤ limit`, where `elapsed` is the fraction of the current
/// window already gone. It approximates a true sliding window with two integers per key.
///
/// Refused requests count too, so a client that keeps hammering stays limited. Because each hit's count is
/// unique (the store increments atomically), concurrent requests can never push admissions past the limit
/// within one window.
package struct RateLimiter: Sendable {
    package let store: RateLimitStore

    package init(store: RateLimitStore) {
        self.store = store
    }

    package func check(_ policy: RateLimitPolicy, key: String, now: Date) async throws -> RateLimitDecision {
        let counts = try await store.hit(Self.bucket(policy, key), policy.windowSeconds, now)
        return RateLimitDecision(policy: policy, counts: counts, now: now)
    }

    /// The decision without suspending, when the store can give one (memory); nil otherwise.
    package func checkImmediately(_ policy: RateLimitPolicy, key: String, now: Date) -> RateLimitDecision? {
        guard let hit = store.immediateHit else { return nil }
        return RateLimitDecision(
            policy: policy, counts: hit(Self.bucket(policy, key), policy.windowSeconds, now), now: now)
    }

    private static func bucket(_ policy: RateLimitPolicy, _ key: String) -> String { "\(policy.tier.rawValue):\(key)" }
}

/// The outcome of one check, with what the `RateLimit` headers report.
package struct RateLimitDecision: Sendable, Equatable {
    package let policy: RateLimitPolicy
    package let allowed: Bool
    /// Requests still allowed in the current weighting.
    package let remaining: Int
    /// Seconds until the current window ends.
    package let resetSeconds: Int
    /// Seconds until a new request would be admitted (only when refused).
    package let retryAfterSeconds: Int?

    package init(policy: RateLimitPolicy, counts: RateLimitStore.Counts, now: Date) {
        let window = Double(policy.windowSeconds)
        let position = now.timeIntervalSince1970.truncatingRemainder(dividingBy: window)
        let elapsed = position / window
        let limit = Double(policy.limit)
        let weighted = Double(counts.previous) * (1 - elapsed) + Double(counts.current)
        self.policy = policy
        allowed = weighted <= limit
        remaining = max(0, Int((limit - weighted).rounded(.down)))
        let untilWindowEnd = window - position
        resetSeconds = max(1, Int(untilWindowEnd.rounded(.up)))
        guard !allowed else {
            retryAfterSeconds = nil
            return
        }
        // The next request adds one. Within this window it fits once previous × (1 − f) + current + 1 ≤ limit;
        // otherwise it fits in the next window once current × (1 − f′) + 1 ≤ limit.
        let current = Double(counts.current), previous = Double(counts.previous)
        let wait: Double
        if current + 1 <= limit, previous > 0 {
            let neededFraction = 1 - (limit - current - 1) / previous
            wait = (neededFraction - elapsed) * window
        } else {
            let nextFraction = current > 0 ? max(0, 1 - (limit - 1) / current) : 0
            wait = untilWindowEnd + nextFraction * window
        }
        retryAfterSeconds = max(1, Int(wait.rounded(.up)))
    }

    package var policyHeader: String { policy.header }
    /// `RateLimit: "auth";r=3;t=42`, written as bytes: it goes out on every limited response, and interpolating
    /// two numbers cost more than the check itself.
    package var stateHeader: String {
        let name = policy.tier.rawValue.utf8
        return String(unsafeUninitializedCapacity: name.count + 2 * 20 + 8) { buffer in
            var end = buffer.write("\"".utf8, at: 0)
            end = buffer.write(name, at: end)
            end = buffer.write("\";r=".utf8, at: end)
            end = buffer.writeDecimal(remaining, at: end)
            end = buffer.write(";t=".utf8, at: end)
            return buffer.writeDecimal(resetSeconds, at: end)
        }
    }
}
