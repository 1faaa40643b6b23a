import Fluent
import Foundation
import ParleyCore
import Vapor

/// One counter of `GET /api/v1/workspace/usage`: how much of a plan limit the workspace uses.
struct UsageCounter: Content, Equatable {
    var limit: String
    var used: Int
    var allowed: Int
}

/// Counts a workspace's use of one plan limit, inside its context, and says how the dashboard's Overview shows it.
/// The module that owns the counted data registers the meter (seats here, storage with Files).
package struct UsageMeter: Sendable {
    package var limit: PlanLimit
    /// The figure's heading ("Storage") and the unit after its numbers ("MiB").
    package var title: String
    package var unit: String
    /// What the Overview says while nothing is used: what to do first.
    package var whenUnused: String?
    package var count: @Sendable (TenantDatabase, Date) async throws -> Int

    package init(
        limit: PlanLimit, title: String, unit: String, whenUnused: String? = nil,
        count: @escaping @Sendable (TenantDatabase, Date) async throws -> Int
    ) {
        self.limit = limit
        self.title = title
        self.unit = unit
        self.whenUnused = whenUnused
        self.count = count
    }
}

/// One meter read: the counter the API reports, with the meter that says how pages show it.
struct UsageReading: Sendable {
    var meter: UsageMeter
    var counter: UsageCounter

    /// "2 of 3 seats".
    var figure: String { "\(counter.used) of \(counter.allowed) \(meter.unit)" }
}

enum WorkspaceUsage {
    static func report(_ meters: [UsageMeter], _ tenant: TenantDatabase, now: Date) async throws -> [UsageReading] {
        var readings: [UsageReading] = []
        for meter in meters {
            let counter = UsageCounter(
                limit: meter.limit.rawValue, used: try await meter.count(tenant, now),
                allowed: tenant.context.plan.limit(meter.limit))
            readings.append(UsageReading(meter: meter, counter: counter))
        }
        return readings
    }

    static let seats = UsageMeter(limit: .seats, title: "Members", unit: "seats") { tenant, now in
        try await Members.seatsUsed(tenant, now: now)
    }
}
