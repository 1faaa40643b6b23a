import Foundation
@testable import ParleyCore
import Testing

@Suite struct ScheduleAndBackoffTests {
    @Test(arguments: [
        (1, 0.0, 5.0), (2, 0.0, 10.0), (3, 0.0, 20.0), (4, 0.0, 40.0),
        (1, 0.5, 7.5), (3, 0.5, 30.0),
        (10, 0.0, 50.0),  // capped at 100 s, halved by the jitter floor
    ])
    func backoffDoublesWithEqualJitter(_ attempt: Int, _ unit: Double, _ expected: Double) {
        let backoff = Backoff(baseSeconds: 10, capSeconds: 100)
        #expect(backoff.delay(afterAttempt: attempt, unit: unit) == expected)
    }

    @Test func jitterStaysWithinHalfToFullDelay() {
        let backoff = Backoff(baseSeconds: 10, capSeconds: 3600)
        for attempt in 1...8 {
            let full = min(3600, 10 * pow(2, Double(attempt - 1)))
            for unit in stride(from: 0.0, to: 1.0, by: 0.1) {
                let delay = backoff.delay(afterAttempt: attempt, unit: unit)
                #expect(delay >= full / 2 && delay < full)
            }
        }
    }

    private static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test(arguments: [
        ("2026-11-22T10:07:31Z", "2026-11-22T10:05:00Z"),
        ("2026-11-22T10:05:00Z", "2026-11-22T10:05:00Z"),
        ("2026-11-22T10:04:59Z", "2026-11-22T10:00:00Z"),
    ])
    func everyFiveMinutesSlots(_ now: String, _ slot: String) {
        let schedule = JobSchedule(name: "s", kind: "k", cadence: .every(seconds: 300))
        #expect(schedule.slot(containing: Self.date(now)) == Self.date(slot))
    }

    @Test(arguments: [
        ("2026-11-22T02:59:59Z", "2026-11-21T03:00:00Z"),
        ("2026-11-22T03:00:00Z", "2026-11-22T03:00:00Z"),
        ("2026-11-22T23:10:00Z", "2026-11-22T03:00:00Z"),
    ])
    func dailyAtThreeSlots(_ now: String, _ slot: String) {
        let schedule = JobSchedule(name: "s", kind: "k", cadence: .daily(hour: 3, minute: 0))
        #expect(schedule.slot(containing: Self.date(now)) == Self.date(slot))
    }
}
