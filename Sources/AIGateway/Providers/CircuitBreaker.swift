import Foundation
import NIOConcurrencyHelpers

/// One circuit per provider: after `threshold` consecutive failures it opens and the provider is skipped for
/// `cooldown`; then one call may try it again (half open), and a success closes it.
final class CircuitBreaker: Sendable {
    private struct State {
        var consecutiveFailures = 0
        var openUntil: Date?
    }

    private let threshold: Int
    private let cooldown: TimeInterval
    private let states = NIOLockedValueBox<[String: State]>([:])

    init(threshold: Int, cooldown: TimeInterval) {
        self.threshold = threshold
        self.cooldown = cooldown
    }

    /// Whether `provider` may be called now.
    func allows(_ provider: String, now: Date) -> Bool {
        states.withLockedValue { states in
            guard let until = states[provider]?.openUntil else { return true }
            return now >= until
        }
    }

    func recordSuccess(_ provider: String) {
        states.withLockedValue { $0[provider] = State() }
    }

    func recordFailure(_ provider: String, now: Date) {
        states.withLockedValue { states in
            var state = states[provider] ?? State()
            state.consecutiveFailures += 1
            if state.consecutiveFailures >= threshold { state.openUntil = now.addingTimeInterval(cooldown) }
            states[provider] = state
        }
    }
}
