import AsyncHTTPClient
import Foundation
import ParleyCore

/// The configured providers in fallback order, each behind its circuit breaker, with retries and backoff on 429
/// and 5xx (honouring `Retry-After`) before moving on to the next provider.
struct ProviderChain: Sendable {
    let clients: [ProviderClient]
    let breaker: CircuitBreaker
    let maxRetries: Int
    let clock: AppClock
    /// The first retry waits about this long; each further one doubles it (with jitter).
    let baseDelay: TimeInterval
    /// A `Retry-After` longer than this moves on to the next provider instead of waiting.
    static let longestWait: TimeInterval = 10

    init(settings: AISettings, http: HTTPClient, clock: AppClock, baseDelay: TimeInterval = 0.25) {
        clients = settings.providers.map { ProviderClient(provider: $0, http: http) }
        breaker = CircuitBreaker(
            threshold: settings.breakerThreshold, cooldown: TimeInterval(settings.breakerCooldownSeconds))
        maxRetries = settings.maxRetries
        self.clock = clock
        self.baseDelay = baseDelay
    }

    /// Runs `body` against the first provider that can (`usable`), retrying and falling back as needed.
    func run<T: Sendable>(
        where usable: (AISettings.Provider) -> Bool,
        _ body: (ProviderClient) async throws -> T
    ) async throws -> (value: T, provider: AISettings.Provider) {
        let candidates = clients.filter { usable($0.provider) }
        guard !candidates.isEmpty else {
            throw AIGatewayError.unavailable("no provider is configured for this kind of call")
        }
        var lastFailure: String?
        var triedAny = false
        for client in candidates {
            let id = client.provider.id
            for attempt in 0...maxRetries {
                guard breaker.allows(id, now: clock.now()) else { break }
                triedAny = true
                do {
                    let value = try await body(client)
                    breaker.recordSuccess(id)
                    return (value, client.provider)
                } catch let failure as ProviderFailure {
                    breaker.recordFailure(id, now: clock.now())
                    lastFailure = "\(id): \(failure)"
                    guard failure.isRetryable, attempt < maxRetries,
                        let wait = delay(attempt: attempt, retryAfter: failure.retryAfter)
                    else { break }
                    try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
                }
            }
        }
        guard triedAny else { throw AIGatewayError.unavailable("every provider is failing and paused for a while") }
        throw AIGatewayError.providerFailed(lastFailure ?? "unknown failure")
    }

    /// Exponential backoff with full jitter, or the provider's `Retry-After`; nil when that is too long to wait.
    func delay(attempt: Int, retryAfter: TimeInterval?) -> TimeInterval? {
        if let retryAfter { return retryAfter <= Self.longestWait ? retryAfter : nil }
        return Double.random(in: 0.5...1.0) * baseDelay * Double(1 << min(attempt, 6))
    }
}
