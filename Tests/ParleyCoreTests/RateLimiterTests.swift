import Fluent
import SQLKit
import Foundation
import NIOConcurrencyHelpers
@testable import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

/// Every rate-limit store passes the same suite.
enum StoreCase: String, CaseIterable, CustomTestStringConvertible {
    case memory, postgres
    static var enabled: [StoreCase] { DatabaseLane.enabled.contains(.postgres) ? [.memory, .postgres] : [.memory] }
    var testDescription: String { rawValue }

    func withStore(_ body: (RateLimitStore) async throws -> Void) async throws {
        try await withTestApp(self == .postgres ? .postgres : .sqlite) { app async throws in
            try await body(self == .postgres ? .postgres({ app.db }) : .memory())
        }
    }
}

@Suite struct RateLimiterTests {
    static let policy = RateLimitPolicy(tier: .auth, limit: 10, windowSeconds: 60)
    /// The start of a window, so tests know where in the window they are.
    static let windowStart = Date(timeIntervalSince1970: 1_800_000_000)  // a multiple of 60: a window starts here

    @Test(arguments: StoreCase.enabled)
    func concurrentRequestsNeverExceedTheLimit(_ store: StoreCase) async throws {
        try await store.withStore { store async throws in
            let limiter = RateLimiter(store: store)
            let admitted = NIOLockedValueBox(0)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<100 {
                    group.addTask {
                        if try await limiter.check(Self.policy, key: "ip:203.0.113.1", now: Self.windowStart + 1)
                            .allowed
                        {
                            admitted.withLockedValue { $0 += 1 }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(admitted.withLockedValue { $0 } == 10)
        }
    }

    @Test(arguments: StoreCase.enabled)
    func thePreviousWindowWeighsInProportionToItsOverlap(_ store: StoreCase) async throws {
        try await store.withStore { store async throws in
            let limiter = RateLimiter(store: store)
            for _ in 0..<10 { _ = try await limiter.check(Self.policy, key: "k", now: Self.windowStart + 5) }
            // Half-way through the next window the previous 10 weigh 5: five more fit, the sixth does not.
            var allowed = 0
            for _ in 0..<8 where try await limiter.check(Self.policy, key: "k", now: Self.windowStart + 90).allowed {
                allowed += 1
            }
            #expect(allowed == 5)
            // Two windows later the old hits no longer count.
            #expect(try await limiter.check(Self.policy, key: "k", now: Self.windowStart + 185).allowed)
        }
    }

    @Test(arguments: StoreCase.enabled)
    func keysAndTiersAreCountedSeparately(_ store: StoreCase) async throws {
        try await store.withStore { store async throws in
            let limiter = RateLimiter(store: store)
            let tight = RateLimitPolicy(tier: .auth, limit: 1, windowSeconds: 60)
            let other = RateLimitPolicy(tier: .public, limit: 1, windowSeconds: 60)
            #expect(try await limiter.check(tight, key: "a", now: Self.windowStart).allowed)
            #expect(try await limiter.check(tight, key: "a", now: Self.windowStart).allowed == false)
            #expect(try await limiter.check(tight, key: "b", now: Self.windowStart).allowed)
            #expect(try await limiter.check(other, key: "a", now: Self.windowStart).allowed)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func expiredWindowsArePruned(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            guard lane == .postgres else { return }  // the table is only written by the PostgreSQL store
            let limiter = RateLimiter(store: .postgres({ app.db }))
            _ = try await limiter.check(Self.policy, key: "old", now: Self.windowStart)
            _ = try await limiter.check(Self.policy, key: "new", now: Self.windowStart + 600)
            try await RateLimitStore.prune(on: app.db, now: Self.windowStart + 600)
            let keys = try await (app.db as! any SQLDatabase).raw("SELECT key FROM rate_limit_windows").all().map {
                try $0.decode(column: "key", as: String.self)
            }
            #expect(keys == ["auth:new"])
        }
    }

    @Test func refusalsSayWhenToComeBack() {
        let policy = Self.policy
        // Current window over-full with 30 s left: in the next window 11 × (1 − f) + 1 ≤ 10 at f = 2/11,
        // so 30 s + 10.9 s, rounded up.
        let full = RateLimitDecision(
            policy: policy, counts: .init(previous: 0, current: 11), now: Self.windowStart + 30)
        #expect(!full.allowed)
        #expect(full.retryAfterSeconds == 41)
        let weighted = RateLimitDecision(
            policy: policy, counts: .init(previous: 10, current: 5), now: Self.windowStart + 30)
        // 10 × 0.5 + 5 = 10 ≤ 10: admitted.
        #expect(weighted.allowed)
        #expect(weighted.remaining == 0)
        let over = RateLimitDecision(
            policy: policy, counts: .init(previous: 10, current: 6), now: Self.windowStart + 30)
        // The next hit fits once 10 × (1 − f) + 7 ≤ 10, at f = 0.7: 12 s after f = 0.5.
        #expect(over.retryAfterSeconds == 12)
        #expect(over.policyHeader == "\"auth\";q=10;w=60")
        #expect(over.stateHeader == "\"auth\";r=0;t=30")
    }

    @Test func theStateHeaderWritesEveryDigit() {
        let policy = RateLimitPolicy(tier: .widget, limit: 1_000_000_000, windowSeconds: 3600)
        let fresh = RateLimitDecision(
            policy: policy, counts: .init(previous: 0, current: 1), now: Self.windowStart + 1342)
        #expect(fresh.stateHeader == "\"widget\";r=999999999;t=2258")
        let edge = RateLimitDecision(
            policy: RateLimitPolicy(tier: .api, limit: 10, windowSeconds: 60),
            counts: .init(previous: 0, current: 10), now: Self.windowStart + 50)
        #expect(edge.stateHeader == "\"api\";r=0;t=10")
    }

    @Test(arguments: [("10/60s", 10, 60), ("100/1m", 100, 60), ("1000/1h", 1000, 3600), ("5/30s", 5, 30)])
    func policiesParse(_ text: String, _ limit: Int, _ window: Int) throws {
        let policy = try #require(RateLimitPolicy(tier: .api, parsing: text))
        #expect(policy.limit == limit)
        #expect(policy.windowSeconds == window)
    }

    @Test(arguments: [
        "10", "0/60s", "10/0s", "10/60", "ten/60s", "10/2d", "10/25h", "10/9999999999999999h",
        "10/9223372036854775807s",
    ])
    func badPoliciesAreRefused(_ text: String) {
        #expect(RateLimitPolicy(tier: .api, parsing: text) == nil)
    }

    @Test func settingsTakeTierLimitsAndRefuseThePostgresStoreOnSQLite() throws {
        let settings = try SettingsLoader.load(["PARLEY_RATE_LIMIT_AUTH": "3/10s"])
        #expect(settings.rateLimitPolicy(.auth) == RateLimitPolicy(tier: .auth, limit: 3, windowSeconds: 10))
        #expect(settings.rateLimitPolicy(.api) == RateLimitTier.api.defaultPolicy)
        let error = try #require(throws: SettingsError.self) {
            try SettingsLoader.load(["PARLEY_RATE_LIMIT_STORE": "postgres", "PARLEY_RATE_LIMIT_WIDGET": "lots"])
        }
        #expect(error.problems.count == 2)
    }
}

@Suite struct RateLimitKeyTests {
    @Test func keysAreNamespacedAndFallBackToTheClientAddress() async throws {
        try await withTestApp { app async throws in
            let request = Request(
                application: app, method: .POST, url: URI(path: "/api/v1/sign-in"), on: app.eventLoopGroup.next())
            let account: @Sendable (Request) -> String? = { _ in "Ada@Example.com" }
            let none: @Sendable (Request) -> String? = { _ in nil }
            // In memory there is no socket peer: the address part is "unknown".
            #expect(RateLimitKey.clientIP.key(for: request, trust: ProxyTrust()) == "ip:unknown")
            #expect(
                RateLimitKey.clientIPAndAccount(account).key(for: request, trust: ProxyTrust())
                    == "ip:unknown|account:ada@example.com")
            #expect(RateLimitKey.apiKey({ _ in "key_123" }).key(for: request, trust: ProxyTrust()) == "apikey:key_123")
            #expect(RateLimitKey.site({ _ in "s1" }).key(for: request, trust: ProxyTrust()) == "site:s1")
            #expect(RateLimitKey.visitor({ _ in "v1" }).key(for: request, trust: ProxyTrust()) == "visitor:v1")
            #expect(
                RateLimitKey.apiKey(none).key(for: request, trust: ProxyTrust()) == "ip:unknown",
                "no identity: counted per address")
        }
    }
}

@Suite struct AddressBucketTests {
    @Test(arguments: [
        ("203.0.113.5", "203.0.113.5"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2:0:0:0:0/64"),
        ("2001:db8:1:2::1", "2001:db8:1:2:0:0:0:0/64"),  // another address of the same subscriber: the same bucket
        ("2001:db8:1:3::1", "2001:db8:1:3:0:0:0:0/64"),  // the next /64 is someone else
        ("::ffff:198.51.100.7", "198.51.100.7"),  // an IPv4 client on a dual-stack socket
    ])
    func ipv6ClientsAreCountedPerSlash64(_ address: String, _ bucket: String) {
        #expect(RateLimitKey.addressBucket(address) == bucket)
    }
}

@Suite struct MemoryStoreCapacityTests {
    @Test func freshKeysEvictTheOldestInsteadOfGrowingWithoutBound() {
        let counters = MemoryCounters(shards: 1, capacity: 100)
        #expect(counters.hit("first", window: 7).current == 1)
        #expect(counters.hit("first", window: 7).current == 2)
        for index in 0..<1_000 { _ = counters.hit("minted-\(index)", window: 7) }
        #expect(counters.count == 100)
        // The oldest key was evicted: it starts again at one.
        #expect(counters.hit("first", window: 7).current == 1)
        // A recent key kept its count.
        #expect(counters.hit("minted-999", window: 7).current == 2)
    }

    @Test func sweptKeysLeaveNoStaleOrderBehind() {
        let counters = MemoryCounters(shards: 1, capacity: 3)
        _ = counters.hit("a", window: 1)
        _ = counters.hit("b", window: 1)
        _ = counters.hit("a", window: 1)
        _ = counters.hit("c", window: 1)
        _ = counters.hit("d", window: 1)  // evicts "a", the first added, although it was hit again later
        #expect(counters.count == 3)
        #expect(counters.hit("b", window: 1).current == 2)
        #expect(counters.hit("a", window: 1).current == 1)
    }
}
