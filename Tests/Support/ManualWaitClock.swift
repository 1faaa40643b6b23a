import Foundation
import NIOConcurrencyHelpers
import ParleyCore

/// A wait clock that moves only when a test moves it; sleepers wake once their time has come.
package final class ManualWaitClock: Sendable {
    private struct Sleeper { var deadline: Duration; var wake: CheckedContinuation<Void, any Error> }
    private let state = NIOLockedValueBox<(now: Duration, sleepers: [UUID: Sleeper])>((.zero, [:]))

    package init() {}

    package var waitClock: WaitClock {
        WaitClock(now: { self.state.withLockedValue { $0.now } }, sleep: { try await self.sleep($0) })
    }

    /// Waits (in real time, briefly) until `count` tasks sleep on this clock.
    package func waitForSleepers(_ count: Int) async throws {
        for _ in 0..<500 where state.withLockedValue({ $0.sleepers.count }) < count {
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    package func advance(by duration: Duration) {
        let due = state.withLockedValue { state -> [Sleeper] in
            state.now += duration
            let due = state.sleepers.filter { $0.value.deadline <= state.now }
            for id in due.keys { state.sleepers[id] = nil }
            return Array(due.values)
        }
        for sleeper in due { sleeper.wake.resume() }
    }

    private func sleep(_ duration: Duration) async throws {
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (wake: CheckedContinuation<Void, any Error>) in
                guard !Task.isCancelled else { return wake.resume(throwing: CancellationError()) }
                state.withLockedValue { $0.sleepers[id] = Sleeper(deadline: $0.now + duration, wake: wake) }
            }
        } onCancel: {
            state.withLockedValue { $0.sleepers.removeValue(forKey: id) }?.wake.resume(throwing: CancellationError())
        }
    }
}
