import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Hashes of API keys that authenticated recently. The `api` tier counts a request in its key's own bucket only
/// when the key is known here; any other `parley_sk_…` value is counted per client address. Without this, every
/// made-up key would open a fresh bucket and escape the limit.
package final class KnownAPIKeys: Sendable {
    private struct State { var seen: [String: Date] = [:] }
    private let state = NIOLockedValueBox(State())
    private let capacity: Int
    private let lifetime: TimeInterval

    package init(capacity: Int = 10_000, lifetime: TimeInterval = 600) {
        self.capacity = capacity
        self.lifetime = lifetime
    }

    package func contains(_ hash: String, now: Date) -> Bool {
        state.withLockedValue { $0.seen[hash].map { now.timeIntervalSince($0) < lifetime } ?? false }
    }

    package func remember(_ hash: String, now: Date) {
        state.withLockedValue { state in
            if state.seen[hash] == nil, state.seen.count >= capacity {
                // Forget the expired ones first, then the oldest: a real key forgotten early is only counted per
                // address until its next request.
                state.seen = state.seen.filter { now.timeIntervalSince($0.value) < lifetime }
                if state.seen.count >= capacity, let oldest = state.seen.min(by: { $0.value < $1.value }) {
                    state.seen[oldest.key] = nil
                }
            }
            state.seen[hash] = now
        }
    }
}

extension Application {
    private struct KnownAPIKeysKey: StorageKey { typealias Value = KnownAPIKeys }

    /// Set by `WorkspacesModule.register`.
    package var knownAPIKeys: KnownAPIKeys {
        get { storage[KnownAPIKeysKey.self] ?? KnownAPIKeys(capacity: 0) }
        set { storage[KnownAPIKeysKey.self] = newValue }
    }
}
