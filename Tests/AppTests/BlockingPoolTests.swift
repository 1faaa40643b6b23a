@testable import App
import Dispatch
import Foundation
import NIOConcurrencyHelpers
import ParleyTestSupport
import SQLKit
import Testing
import Vapor

/// Each application does its blocking work (every SQLite statement among it) on a pool of its own, so one whose
/// threads are all held (by SQLite writers waiting for a lock, by password hashing) never stalls another.
@Suite struct BlockingPoolTests {
    @Test func anApplicationWithEveryBlockingThreadHeldDoesNotStallAnothersDatabase() async throws {
        try await withTestApp { stalled async throws in
            try await withTestApp { other async throws in
                let release = DispatchSemaphore(value: 0)
                let held = 4 * blockingThreadCount
                for _ in 0..<held {
                    stalled.threadPool.submit { _ in release.wait() }
                }
                defer { for _ in 0..<held { release.signal() } }

                let answered = try await firstOf(seconds: 20) {
                    try await (other.db as! any SQLDatabase).raw("SELECT 1 AS one").first(decoding: One.self)?.one == 1
                }
                #expect(answered == true, "a query waited for another application's blocking threads")
            }
        }
    }

    private struct One: Decodable { var one: Int }

    /// `work`'s result, or nil when it has not answered within `seconds` (it is then left to finish on its own).
    private func firstOf(seconds: Int, _ work: @escaping @Sendable () async throws -> Bool) async throws -> Bool? {
        let outcome = NIOLockedValueBox<Bool??>(nil)
        Task {
            let value = try await work(); outcome.withLockedValue { $0 = .some(value) }
        }
        let deadline = ContinuousClock.now + .seconds(seconds)
        while outcome.withLockedValue({ $0 }) == nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        return outcome.withLockedValue { $0 } ?? nil
    }
}
