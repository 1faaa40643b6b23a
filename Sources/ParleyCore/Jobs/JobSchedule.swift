import Fluent
import Foundation

/// A recurring job. Each slot ("every 5 minutes", "daily at 03:00 UTC") is enqueued under an idempotency key
/// made of the schedule name and the slot's start, so it runs exactly once however many workers tick.
package struct JobSchedule: Sendable, Equatable {
    package enum Cadence: Sendable, Equatable {
        case every(seconds: Int)
        case daily(hour: Int, minute: Int)
    }

    package var name: String
    package var kind: String
    package var cadence: Cadence
    package var payload: String

    package init(name: String, kind: String, cadence: Cadence, payload: String = "{}") {
        self.name = name
        self.kind = kind
        self.cadence = cadence
        self.payload = payload
    }

    /// The start of the slot that contains `date` (UTC).
    package func slot(containing date: Date) -> Date {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        switch cadence {
        case .every(let interval):
            return Date(timeIntervalSince1970: TimeInterval(seconds - seconds.mod(interval)))
        case .daily(let hour, let minute):
            let offset = hour * 3600 + minute * 60
            let start = seconds - (seconds - offset).mod(86_400)
            return Date(timeIntervalSince1970: TimeInterval(start))
        }
    }

    package func idempotencyKey(for slot: Date) -> String {
        "schedule:\(name):\(Int(slot.timeIntervalSince1970))"
    }

    /// Enqueues the current slot of each schedule; a slot already enqueued by any worker is left alone.
    package static func enqueueDue(_ schedules: [JobSchedule], on db: any Database, now: Date) async throws {
        for schedule in schedules {
            let slot = schedule.slot(containing: now)
            let request = JobRequest(
                kind: schedule.kind, payload: schedule.payload, runAt: slot, maxAttempts: 3,
                idempotencyKey: schedule.idempotencyKey(for: slot))
            try await JobQueue.enqueue(request, on: db, now: now)
        }
    }
}

private extension Int {
    /// The non-negative remainder, also for negative values.
    func mod(_ divisor: Int) -> Int { ((self % divisor) + divisor) % divisor }
}
