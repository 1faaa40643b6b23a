import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SQLKit

/// Counts hits per key in fixed windows. `hit` adds one to the key's current window and returns that count
/// together with the previous window's final count, atomically: the limiter needs nothing else.
package struct RateLimitStore: Sendable {
    package struct Counts: Sendable, Equatable {
        package var previous: Int
        package var current: Int
    }

    package var name: String
    package var hit: @Sendable (_ key: String, _ windowSeconds: Int, _ now: Date) async throws -> Counts
    /// The same operation without suspending, for stores that can answer at once (memory). The middleware then
    /// decides on the event loop instead of starting a task for every request.
    package var immediateHit: (@Sendable (_ key: String, _ windowSeconds: Int, _ now: Date) -> Counts)?

    package init(
        name: String,
        hit: @escaping @Sendable (_ key: String, _ windowSeconds: Int, _ now: Date) async throws -> Counts,
        immediateHit: (@Sendable (_ key: String, _ windowSeconds: Int, _ now: Date) -> Counts)? = nil
    ) {
        self.name = name
        self.hit = hit
        self.immediateHit = immediateHit
    }

    /// The window index containing `now`.
    static func window(_ now: Date, _ windowSeconds: Int) -> Int64 {
        Int64((now.timeIntervalSince1970 / Double(windowSeconds)).rounded(.down))
    }
}

extension RateLimitStore {
    /// One process's memory, split over shards so concurrent requests rarely wait for the same lock.
    /// Keys idle for two windows are dropped as the shard is swept, and at most `capacity` keys are held: a client
    /// that mints fresh keys faster than they expire evicts the oldest ones instead of growing the process.
    package static func memory(shards: Int = 16, capacity: Int = 200_000) -> RateLimitStore {
        let table = MemoryCounters(shards: shards, capacity: capacity)
        let hit: @Sendable (String, Int, Date) -> Counts = { key, windowSeconds, now in
            table.hit(key, window: window(now, windowSeconds))
        }
        return RateLimitStore(name: "memory", hit: { hit($0, $1, $2) }, immediateHit: hit)
    }

    /// Shared by every Parley process on one PostgreSQL database. One statement increments the current window
    /// (an upsert, so no read-modify-write race) and reads the previous one. A job deletes expired windows.
    package static func postgres(_ database: @escaping @Sendable () -> any Database) -> RateLimitStore {
        RateLimitStore(name: "postgres") { key, windowSeconds, now in
            guard let sql = database() as? any SQLDatabase else { throw RateLimitError.storeUnavailable }
            let current = window(now, windowSeconds)
            let expires = Date(timeIntervalSince1970: Double((current + 2) * Int64(windowSeconds)))
            let row = try await sql.raw(
                """
                WITH hit AS (
                    INSERT INTO rate_limit_windows (key, window_start, hits, expires_at)
                    VALUES (\(bind: key), \(bind: current), 1, \(bind: expires))
                    ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
                    RETURNING hits
                )
                SELECT hit.hits AS current,
                       COALESCE((SELECT hits FROM rate_limit_windows WHERE key = \(bind: key) AND window_start = \(bind: current - 1)), 0) AS previous
                FROM hit
                """
            ).first()
            guard let row else { throw RateLimitError.storeUnavailable }
            return Counts(
                previous: try row.decode(column: "previous", as: Int.self),
                current: try row.decode(column: "current", as: Int.self))
        }
    }

    /// Deletes windows that can no longer affect a decision (the recurring `ratelimit.prune` job).
    package static func prune(on db: any Database, now: Date) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.delete(from: "rate_limit_windows").where("expires_at", .lessThan, SQLBind(now)).run()
    }
}

/// The in-memory counters: per key, the current window's index and count and the previous window's count.
final class MemoryCounters: Sendable {
    private struct Entry {
        var window: Int64
        var current: Int
        var previous: Int
        /// When the key was added, to find the oldest key when the shard is full.
        var added: UInt64

        /// Counts one hit in `window`, rolling the counts forward first if the window has moved on.
        mutating func hit(in window: Int64) -> RateLimitStore.Counts {
            if self.window == window - 1 {
                (self.window, previous, current) = (window, current, 0)
            } else if self.window != window {
                (self.window, previous, current) = (window, 0, 0)
            }
            current += 1
            return .init(previous: previous, current: current)
        }
    }

    /// A key with its hash, computed once for choosing the shard and reused by the shard's table.
    private struct Key: Hashable {
        let text: String
        let hash: Int

        static func == (a: Key, b: Key) -> Bool { a.hash == b.hash && a.text == b.text }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    private struct Shard {
        var entries: [Key: Entry] = [:]
        /// Keys in the order they were added, with the stamp they were added under; a stamp that no longer
        /// matches its entry belongs to a key that was swept or evicted (and perhaps added again since).
        var order = CircularBuffer<(key: Key, added: UInt64)>()
        var nextStamp: UInt64 = 0
        var hitsSinceSweep = 0

        mutating func sweep(before window: Int64) {
            entries = entries.filter { $0.value.window >= window - 1 }
            order.removeAll { entries[$0.key]?.added != $0.added }
            hitsSinceSweep = 0
        }

        /// Removes the key added longest ago; false when there is none.
        mutating func evictOldest() -> Bool {
            while let oldest = order.popFirst() {
                guard entries[oldest.key]?.added == oldest.added else { continue }
                entries[oldest.key] = nil
                return true
            }
            return false
        }
    }

    private let shards: [NIOLockedValueBox<Shard>]
    private let capacityPerShard: Int

    init(shards: Int, capacity: Int) {
        let count = max(1, shards)
        self.shards = (0..<count).map { _ in NIOLockedValueBox(Shard()) }
        capacityPerShard = max(1, capacity / count)
    }

    func hit(_ text: String, window: Int64) -> RateLimitStore.Counts {
        let key = Key(text: text, hash: text.hashValue)
        let shard = shards[Int(UInt(bitPattern: key.hash) % UInt(shards.count))]
        let capacity = capacityPerShard
        return shard.withLockedValue { shard in
            shard.hitsSinceSweep += 1
            if shard.hitsSinceSweep >= 10_000 { shard.sweep(before: window) }
            if let counts = shard.entries[key]?.hit(in: window) { return counts }
            while shard.entries.count >= capacity, shard.evictOldest() {}
            shard.nextStamp += 1
            var entry = Entry(window: window, current: 0, previous: 0, added: shard.nextStamp)
            let counts = entry.hit(in: window)
            shard.entries[key] = entry
            shard.order.append((key, entry.added))
            return counts
        }
    }

    /// How many keys are held, for tests.
    var count: Int { shards.reduce(0) { $0 + $1.withLockedValue { $0.entries.count } } }
}
