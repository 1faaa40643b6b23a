import Foundation
import ParleyCore
import NIOConcurrencyHelpers

/// One process's slice of one day's budget (a workspace's, or the operator's): reserved in the database with the
/// same conditional `UPDATE` as a single call, then handed out to calls in memory.
///
/// Without it, every call's reservation is a write to the one budget row, and concurrent calls queue on that row:
/// the 200th simultaneous start waits for 199 writes. With it, calls that arrive together share one write, and
/// the database still bounds every process: a slice is only granted if it fits under the cap, so the sum over all
/// processes never passes it.
///
/// - A lease asks for what every waiting call needs plus room for the calls still to come: `slack`, or the most
///   the lease has had taken at once if that is more, so a burst like the last one needs one grant. When that does
///   not fit, it asks for the asking call's share plus `slack`, and then for just that share.
/// - Once no call is in flight or waiting, what is left goes back to the database: at once when `idleGrace` is
///   zero (folded into the last settlement), otherwise after the lease has stayed idle that long, so a busy
///   process does not pay a grant at the start of every burst.
/// - With a grace, a lease that runs below half its usual size while busy tops itself up in the background, so
///   calls rarely wait for a grant at all.
/// - If the process dies, what it held stays reserved for the rest of that day: at most the calls then in flight
///   and the unused part of the last slice.
///
/// A call that finds its share in the slice takes it under a lock, without suspending: under a burst every
/// suspension point costs a wait in the queue of runnable tasks, so only a call that must wait for a grant pays one.
final class BudgetLease: Sendable {
    /// What one database grant gave: the amount, and the cap it was granted under.
    struct Grant: Sendable {
        var amount: Int
        var cap: Int
    }

    /// Asks the database for the first of `asks` (largest first) that fits; zero means not even the last fits.
    typealias Grantor = @Sendable (_ asks: [Int]) async throws -> Grant
    /// Gives `amount` of the lease back to the database.
    typealias Releaser = @Sendable (_ amount: Int) async throws -> Void

    /// A refusal, with what the lease gave up because nothing else was in flight: the caller returns it to the
    /// database.
    struct Refusal: Error {
        var cause: any Error
        var leftover: Int
    }

    private typealias Outcome = (result: Result<Grant, any Error>, need: Int)

    private struct State {
        var available = 0
        var cap = 0
        var inFlight = 0
        var inFlightAmount = 0
        var waiting = 0
        var peak = 0
        var refill: Task<Outcome, Never>?
        var release: Releaser?
        var lastActivity: Duration = .zero
        var returner: Task<Void, Never>?

        var isIdle: Bool { inFlight == 0 && waiting == 0 && refill == nil }

        /// Takes `amount` if the slice holds it; returns the cap in force.
        mutating func takeIfAvailable(_ amount: Int) -> Int? {
            guard available >= amount else { return nil }
            available -= amount
            inFlight += 1
            inFlightAmount += amount
            return cap
        }
    }

    private let exhausted: any Error
    private let idleGrace: Duration
    private let clock: WaitClock
    private let state: NIOLockedValueBox<State>

    init(exhausted: any Error, idleGrace: Duration, clock: WaitClock = .continuous) {
        self.exhausted = exhausted
        self.idleGrace = idleGrace
        self.clock = clock
        var initial = State()
        initial.lastActivity = clock.now()
        state = NIOLockedValueBox(initial)
    }

    /// Takes `amount` for one call, leasing more through `grant` when short; `release` gives back what is left
    /// later. Returns the cap in force.
    func take(_ amount: Int, slack: Int, grant: @escaping Grantor, release: @escaping Releaser) async throws(Refusal)
        -> Int
    {
        let taken = state.withLockedValue { state -> Int? in
            state.release = release
            state.lastActivity = clock.now()
            if let cap = state.takeIfAvailable(amount) {
                state.peak = max(state.peak, state.inFlightAmount + state.waiting)
                // Running low while busy: top up in the background, before anyone has to wait.
                if idleGrace > .zero, state.refill == nil, state.available < max(slack, state.peak) / 2 {
                    state.refill = startRefill(amount: 0, need: nil, slack: slack, grant: grant)
                }
                return cap
            }
            state.waiting += amount
            state.peak = max(state.peak, state.inFlightAmount + state.waiting)
            return nil
        }
        if let taken { return taken }
        defer { state.withLockedValue { $0.waiting -= amount } }
        while true {
            enum Step { case taken(Int), wait(Task<Outcome, Never>) }
            let step = state.withLockedValue { state -> Step in
                if let cap = state.takeIfAvailable(amount) { return .taken(cap) }
                if let refill = state.refill { return .wait(refill) }
                let refill = startRefill(amount: amount, need: amount - state.available, slack: slack, grant: grant)
                state.refill = refill
                return .wait(refill)
            }
            let outcome: Outcome
            switch step {
            case .taken(let cap): return cap
            case .wait(let refill): outcome = await refill.value
            }
            let refused: (any Error)? = state.withLockedValue { state in
                guard state.available < amount else { return nil }
                switch outcome.result {
                case .failure(let error): return error
                // Not even the asking call's share fitted, and this call needs at least as much.
                case .success(let granted) where granted.amount == 0 && amount >= outcome.need: return exhausted
                case .success: return nil
                }
            }
            if let refused { throw Refusal(cause: refused, leftover: giveUpIfIdle(after: amount)) }
        }
    }

    /// Marks one call that took `amount` from the lease as settled. Returns what the lease gives back to the
    /// database with that settlement (only without an idle grace).
    func finish(_ amount: Int) -> Int {
        state.withLockedValue { state in
            state.inFlight -= 1
            state.inFlightAmount -= amount
            state.lastActivity = clock.now()
        }
        return giveUpIfIdle(after: 0)
    }

    /// Gives back everything left now, whatever the grace (at shutdown).
    func returnAll() async {
        let (leftover, release) = state.withLockedValue { state in
            state.returner?.cancel()
            state.returner = nil
            defer { state.available = 0 }
            return (state.available, state.release)
        }
        if leftover > 0, let release { try? await release(leftover) }
    }

    /// One grant for every call waiting now, or a top-up (`need` nil) asked for ahead of demand. The grant is
    /// applied before the task completes, so whoever awaits it sees the new slice.
    private func startRefill(amount: Int, need: Int?, slack: Int, grant: @escaping Grantor) -> Task<Outcome, Never> {
        Task {
            // Calls arriving in the same instant join the wait first, so one grant covers them all.
            await Task.yield()
            let asks = state.withLockedValue { state in
                let want = max(state.waiting, amount) + max(slack, state.peak) - state.available
                let tiers = need.map { [want, $0 + slack, $0] } ?? [want, slack]
                return tiers.reduce(into: [Int]()) { asks, ask in
                    if ask > 0, asks.last.map({ ask < $0 }) ?? true { asks.append(ask) }
                }
            }
            guard !asks.isEmpty else {
                state.withLockedValue { $0.refill = nil }
                return (.success(Grant(amount: 0, cap: state.withLockedValue { $0.cap })), need ?? .max)
            }
            let result: Result<Grant, any Error>
            do { result = .success(try await grant(asks)) } catch { result = .failure(error) }
            state.withLockedValue { state in
                if case .success(let granted) = result {
                    state.available += granted.amount
                    state.cap = granted.cap
                }
                state.refill = nil
                // A top-up can land after the last call is done: the idle wait starts now.
                if state.isIdle { scheduleReturn(&state) }
            }
            // A top-up that found no room says nothing about whether a waiting call's share fits.
            return (result, need ?? .max)
        }
    }

    /// Once nothing is in flight or waiting (a refused call's own `pending` share aside): without a grace, hands
    /// back everything left; with one, starts the wait after which it goes back.
    private func giveUpIfIdle(after pending: Int) -> Int {
        state.withLockedValue { state in
            guard state.inFlight == 0, state.waiting == pending, state.refill == nil, state.available > 0 else {
                return 0
            }
            guard idleGrace > .zero else {
                defer { state.available = 0 }
                return state.available
            }
            scheduleReturn(&state)
            return 0
        }
    }

    private func scheduleReturn(_ state: inout State) {
        guard idleGrace > .zero, state.available > 0, state.returner == nil else { return }
        state.returner = Task { await returnWhenIdle() }
    }

    private func returnWhenIdle() async {
        while true {
            guard (try? await clock.sleep(idleGrace)) != nil else { return }
            enum Check { case busy, recent, idle(Int, Releaser?) }
            let check = state.withLockedValue { state -> Check in
                // Busy again: the next idle moment starts a new wait.
                guard state.isIdle else {
                    state.returner = nil
                    return .busy
                }
                guard clock.now() - state.lastActivity >= idleGrace else { return .recent }
                state.returner = nil
                defer {
                    state.available = 0
                    // The next burst after a quiet spell starts smaller.
                    state.peak /= 2
                }
                return .idle(state.available, state.release)
            }
            switch check {
            case .busy: return
            case .recent: continue
            case .idle(let leftover, let release):
                // If this fails, the leftover stays reserved until the day ends.
                if leftover > 0, let release { try? await release(leftover) }
                return
            }
        }
    }
}

/// This process's leases, one per workspace and day and one per day for the operator's cap.
final class BudgetLeases: Sendable {
    enum Scope: Hashable, Sendable {
        case workspace(UUID)
        case operatorWide
    }

    private struct Key: Hashable {
        var scope: Scope
        var day: String
    }

    private let leases = NIOLockedValueBox<[Key: BudgetLease]>([:])
    private let idleGrace: Duration

    init(idleGrace: Duration) {
        self.idleGrace = idleGrace
    }

    /// The lease for `scope` on `day`; leases of other days are dropped (calls still holding one settle through
    /// their reservation's own reference).
    func lease(_ scope: Scope, day: String, exhausted: @autoclosure () -> any Error) -> BudgetLease {
        let key = Key(scope: scope, day: day)
        return leases.withLockedValue { leases in
            if let lease = leases[key] { return lease }
            leases = leases.filter { $0.key.day == day }
            let lease = BudgetLease(exhausted: exhausted(), idleGrace: idleGrace)
            leases[key] = lease
            return lease
        }
    }

    /// Gives back what every lease holds (at shutdown).
    func returnAll() async {
        for lease in leases.withLockedValue({ Array($0.values) }) { await lease.returnAll() }
    }
}
