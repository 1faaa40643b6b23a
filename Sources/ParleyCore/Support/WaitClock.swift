import Foundation

/// Elapsed time and waiting, for shared state whose behaviour depends on time passing (a budget lease's idle
/// grace, a job's lease heartbeat). Parley uses the continuous clock; tests pass a manual one and move it on,
/// instead of sleeping in real time.
package struct WaitClock: Sendable {
    /// Time since an arbitrary, fixed origin.
    package var now: @Sendable () -> Duration
    package var sleep: @Sendable (Duration) async throws -> Void

    package init(now: @escaping @Sendable () -> Duration, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    package static let continuous: WaitClock = {
        let origin = ContinuousClock.now
        return WaitClock(now: { .now - origin }, sleep: { try await Task.sleep(for: $0) })
    }()
}
