import Foundation

/// Elapsed time and waiting, as a budget lease sees them. The gateway uses the continuous clock; tests pass a
/// manual one and move it on, instead of sleeping in real time.
struct LeaseClock: Sendable {
    /// Time since an arbitrary, fixed origin.
    var now: @Sendable () -> Duration
    var sleep: @Sendable (Duration) async throws -> Void

    static let continuous: LeaseClock = {
        let origin = ContinuousClock.now
        return LeaseClock(now: { .now - origin }, sleep: { try await Task.sleep(for: $0) })
    }()
}
