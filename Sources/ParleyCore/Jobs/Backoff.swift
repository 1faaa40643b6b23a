import Foundation

/// Exponential backoff with "equal jitter": attempt n waits min(cap, base·2^(n−1)) scaled by a factor in [0.5, 1).
/// Half the delay is guaranteed, so retries spread out without ever hammering a failing dependency.
package struct Backoff: Sendable, Equatable {
    package var baseSeconds: Double
    package var capSeconds: Double

    package init(baseSeconds: Double = 10, capSeconds: Double = 3600) {
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
    }

    /// The delay before the next try after `attempt` (1-based) failed; `unit` is a random value in [0, 1).
    package func delay(afterAttempt attempt: Int, unit: Double) -> Double {
        let exponential = baseSeconds * pow(2, Double(max(0, attempt - 1)))
        return min(capSeconds, exponential) * (0.5 + 0.5 * unit)
    }
}
