import Foundation
import NIOConcurrencyHelpers
import ParleyCore
import ParleyTestSupport
import Testing
@testable import AIGateway

/// A process's slice of the day's budget: shared among concurrent calls, never more than the database grants,
/// and given back as soon as nothing is in flight.
@Suite struct BudgetLeaseTests {
    /// The database's side, in memory: a cap, what is reserved, and how many grants were asked for.
    actor Ledger {
        let cap: Int
        var reserved = 0
        var grants = 0
        var failure: (any Error)?

        init(cap: Int) { self.cap = cap }

        func grant(_ asks: [Int]) throws -> BudgetLease.Grant {
            grants += 1
            if let failure { throw failure }
            for ask in asks where reserved + ask <= cap {
                reserved += ask
                return .init(amount: ask, cap: cap)
            }
            return .init(amount: 0, cap: cap)
        }

        func release(_ amount: Int) { reserved -= amount }
        func failing(with error: any Error) { failure = error }
    }

    struct Exhausted: Error, Equatable {}
    struct DatabaseDown: Error, Equatable {}

    static func take(_ lease: BudgetLease, _ ledger: Ledger, amount: Int = 100) async throws(BudgetLease.Refusal) -> Int
    {
        try await lease.take(
            amount, slack: amount * AIBudget.slackCalls, grant: { asks in try await ledger.grant(asks) },
            release: { leftover in await ledger.release(leftover) })
    }

    @Test func concurrentCallsShareFewGrantsAndNeverPassTheCap() async throws {
        let ledger = Ledger(cap: 1000)
        let lease = BudgetLease(exhausted: Exhausted(), idleGrace: .zero)
        let outcomes = await withTaskGroup(of: Result<Int, BudgetLease.Refusal>.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    do throws(BudgetLease.Refusal) { return .success(try await Self.take(lease, ledger)) } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let admitted = outcomes.filter { if case .success = $0 { true } else { false } }
        #expect(admitted.count == 10, "the cap fits ten calls of 100")
        for case .failure(let refusal) in outcomes { #expect(refusal.cause is Exhausted) }
        #expect(await ledger.grants < 10, "calls that arrive together share grants instead of writing one each")
        #expect(await ledger.reserved == 1000)

        // Settling every call hands back whatever the lease still held, so the ledger ends with nothing reserved.
        var returned = outcomes.reduce(0) { total, outcome in
            if case .failure(let refusal) = outcome { total + refusal.leftover } else { total }
        }
        for _ in admitted { returned += 100 + (lease.finish(100)) }
        await ledger.release(returned)
        #expect(await ledger.reserved == 0)
    }

    @Test func whatIsLeftGoesBackOnlyWhenNothingIsInFlight() async throws {
        let ledger = Ledger(cap: 100_000)
        let lease = BudgetLease(exhausted: Exhausted(), idleGrace: .zero)
        #expect(try await Self.take(lease, ledger) == 100_000, "the cap in force comes back with the call")
        #expect(await ledger.reserved == 900, "one grant: the call plus the slack of eight more")
        _ = try await Self.take(lease, ledger)
        #expect(await ledger.grants == 1, "the second call came out of the slice")
        #expect(lease.finish(100) == 0, "a call is still in flight")
        #expect(lease.finish(100) == 700, "the last call out hands back the unused 700")
        // The next call leases afresh.
        _ = try await Self.take(lease, ledger)
        #expect(await ledger.grants == 2)
    }

    @Test func withAGraceTheLeaseStaysForTheNextBurstThenGoesBack() async throws {
        let ledger = Ledger(cap: 100_000)
        let clock = ManualWaitClock()
        let lease = BudgetLease(exhausted: Exhausted(), idleGrace: .seconds(5), clock: clock.waitClock)
        _ = try await Self.take(lease, ledger)
        #expect(lease.finish(100) == 0, "kept for the grace, not folded into the settlement")
        await ledger.release(100)  // the call's own settlement
        #expect(await ledger.reserved == 800)
        _ = try await Self.take(lease, ledger)
        #expect(await ledger.grants == 1, "the next call within the grace needed no grant")
        #expect(lease.finish(100) == 0)
        await ledger.release(100)
        try await clock.waitForSleepers(1)  // the return is waiting out the grace
        clock.advance(by: .seconds(4))
        try await Task.sleep(for: .milliseconds(50))
        #expect(await ledger.reserved == 700, "still within the grace")
        clock.advance(by: .seconds(2))
        var reserved = await ledger.reserved
        for _ in 0..<200 where reserved > 0 {
            try await Task.sleep(for: .milliseconds(10))  // the return runs in its own task
            reserved = await ledger.reserved
        }
        #expect(reserved == 0, "once idle for the grace, the lease gave the rest back")
    }

    @Test func aBurstSizesTheNextSlice() async throws {
        let ledger = Ledger(cap: 10_000_000)
        let lease = BudgetLease(exhausted: Exhausted(), idleGrace: .zero)
        // Thirty calls in flight at once.
        for _ in 0..<30 { _ = try await Self.take(lease, ledger) }
        var returned = 0
        for _ in 0..<30 { returned += 100 + (lease.finish(100)) }
        await ledger.release(returned)
        let before = await ledger.grants
        // The next burst of thirty is covered by a single grant.
        for _ in 0..<30 { _ = try await Self.take(lease, ledger) }
        #expect(await ledger.grants == before + 1)
    }

    @Test func whenTheSlackDoesNotFitOnlyTheCallsShareIsLeased() async throws {
        let ledger = Ledger(cap: 250)
        let lease = BudgetLease(exhausted: Exhausted(), idleGrace: .zero)
        _ = try await Self.take(lease, ledger)
        _ = try await Self.take(lease, ledger)
        #expect(await ledger.reserved == 200, "each call got exactly its share: 900 did not fit")
        #expect(await ledger.grants == 2)
        await #expect(throws: BudgetLease.Refusal.self) { _ = try await Self.take(lease, ledger) }
        #expect(lease.finish(100) == 0)
        #expect(lease.finish(100) == 0, "nothing was held beyond the two calls")
    }

    @Test func aFailedGrantRefusesTheCallsWaitingOnIt() async throws {
        let ledger = Ledger(cap: 1000)
        await ledger.failing(with: DatabaseDown())
        let lease = BudgetLease(exhausted: Exhausted(), idleGrace: .zero)
        let causes = await withTaskGroup(of: (any Error)?.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    do throws(BudgetLease.Refusal) { _ = try await Self.take(lease, ledger); return nil } catch {
                        return error.cause
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(causes.count == 5 && causes.allSatisfy { $0 is DatabaseDown })
        #expect(await ledger.reserved == 0)
    }
}
