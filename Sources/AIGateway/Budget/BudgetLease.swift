import Foundation
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
/// - If the process dies, what it held stays reserved for the rest of that day: at most the calls then in flight
///   and the unused part of the last slice.
actor BudgetLease {
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

    private let exhausted: any Error
    private let idleGrace: Duration
    private var available = 0
    private var cap = 0
    private var inFlight = 0
    private var inFlightAmount = 0
    private var waiting = 0
    private var peak = 0
    private var refill: Task<(result: Result<Grant, any Error>, need: Int), Never>?
    private var release: Releaser?
    private var lastActivity = ContinuousClock.now
    private var returner: Task<Void, Never>?

    init(exhausted: any Error, idleGrace: Duration) {
        self.exhausted = exhausted
        self.idleGrace = idleGrace
    }

    /// Takes `amount` for one call, leasing more through `grant` when short; `release` gives back what is left
    /// later. Returns the cap in force.
    func take(_ amount: Int, slack: Int, grant: @escaping Grantor, release: @escaping Releaser) async throws(Refusal) -> Int {
        self.release = release
        lastActivity = .now
        waiting += amount
        peak = max(peak, inFlightAmount + waiting)
        defer { waiting -= amount }
        while available < amount {
            let outcome: (result: Result<Grant, any Error>, need: Int)
            if let refill {
                outcome = await refill.value
            } else {
                let need = amount - available
                // The task runs on this actor: the grant is applied before anyone awaiting the task resumes.
                let task = Task { () -> (result: Result<Grant, any Error>, need: Int) in
                    // Calls arriving in the same instant join the wait first, so one grant covers them all.
                    await Task.yield()
                    let want = max(waiting, amount) + max(slack, peak) - available
                    let asks = [want, need + slack, need].reduce(into: [Int]()) { asks, ask in if asks.last.map({ ask < $0 }) ?? true { asks.append(ask) } }
                    let result: Result<Grant, any Error>
                    do { result = .success(try await grant(asks)) } catch { result = .failure(error) }
                    if case .success(let granted) = result {
                        available += granted.amount
                        cap = granted.cap
                    }
                    self.refill = nil
                    return (result, need)
                }
                refill = task
                outcome = await task.value
            }
            guard available < amount else { break }
            switch outcome.result {
            case .failure(let error):
                throw Refusal(cause: error, leftover: giveUpIfIdle(after: amount))
            case .success(let granted) where granted.amount == 0 && amount >= outcome.need:
                // Not even the asking call's share fitted, and this call needs at least as much.
                throw Refusal(cause: exhausted, leftover: giveUpIfIdle(after: amount))
            case .success:
                continue
            }
        }
        available -= amount
        inFlight += 1
        inFlightAmount += amount
        return cap
    }

    /// Marks one call that took `amount` from the lease as settled. Returns what the lease gives back to the
    /// database with that settlement (only without an idle grace).
    func finish(_ amount: Int) -> Int {
        inFlight -= 1
        inFlightAmount -= amount
        lastActivity = .now
        return giveUpIfIdle(after: 0)
    }

    /// Gives back everything left now, whatever the grace (at shutdown).
    func returnAll() async {
        returner?.cancel()
        returner = nil
        let leftover = available
        available = 0
        if leftover > 0, let release { try? await release(leftover) }
    }

    /// A refused call leaves the lease too; `pending` is that call's own share of `waiting`.
    private func giveUpIfIdle(after pending: Int) -> Int {
        guard inFlight == 0, waiting == pending, refill == nil, available > 0 else { return 0 }
        guard idleGrace > .zero else {
            defer { available = 0 }
            return available
        }
        if returner == nil { returner = Task { await returnWhenIdle() } }
        return 0
    }

    private func returnWhenIdle() async {
        while true {
            guard (try? await Task.sleep(for: idleGrace)) != nil else { return }
            // Busy again: the next idle moment starts a new wait.
            guard inFlight == 0, waiting == 0, refill == nil else {
                returner = nil
                return
            }
            if ContinuousClock.now - lastActivity >= idleGrace { break }
        }
        returner = nil
        let leftover = available
        available = 0
        // The next burst after a quiet spell starts smaller.
        peak /= 2
        // If this fails, the leftover stays reserved until the day ends.
        if leftover > 0, let release { try? await release(leftover) }
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
