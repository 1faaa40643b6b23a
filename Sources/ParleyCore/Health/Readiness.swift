import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// A named check that `/readyz` runs; it throws when its component cannot serve, and may return a detail.
package struct ReadinessCheck: Sendable {
    package var name: String
    package var run: @Sendable (Application) async throws -> String?

    package init(name: String, run: @escaping @Sendable (Application) async throws -> String?) {
        self.name = name
        self.run = run
    }
}

/// The checks every module registered, run in parallel with a time-out each.
package final class Readiness: Sendable {
    private let checks = NIOLockedValueBox<[ReadinessCheck]>([])

    package init() {}

    package func register(_ check: ReadinessCheck) {
        checks.withLockedValue { $0.append(check) }
    }

    package struct Report: Content {
        package struct Component: Content {
            package var status: String
            package var latencyMS: Double
            package var detail: String?
            enum CodingKeys: String, CodingKey {
                case status, detail
                case latencyMS = "latency_ms"
            }
        }
        package var status: String
        package var components: [String: Component]
    }

    package func report(_ app: Application, timeout: Duration = .seconds(3)) async -> Report {
        let checks = checks.withLockedValue { $0 }
        let components = await withTaskGroup(of: (String, Report.Component).self) { group in
            for check in checks {
                group.addTask { (check.name, await Self.measure(check, app: app, timeout: timeout)) }
            }
            var result: [String: Report.Component] = [:]
            for await (name, component) in group { result[name] = component }
            return result
        }
        let healthy = components.values.allSatisfy { $0.status == "ok" }
        return Report(status: healthy ? "ok" : "fail", components: components)
    }

    private static func measure(_ check: ReadinessCheck, app: Application, timeout: Duration) async -> Report.Component
    {
        let start = ContinuousClock.now
        let outcome: Result<String?, any Error>
        do {
            let detail = try await withDeadline(timeout) { try await check.run(app) }
            outcome = detail.map { .success($0) } ?? .failure(ReadinessError.timedOut)
        } catch {
            outcome = .failure(error)
        }
        let millis = (ContinuousClock.now - start).milliseconds.rounded(toPlaces: 2)
        switch outcome {
        case .success(let detail):
            return .init(status: "ok", latencyMS: millis, detail: detail)
        case .failure(let error):
            app.logger.warning(
                "readiness check failed",
                metadata: ["check": .string(check.name), "error": .string(String(describing: error))])
            // The detail is generic: /readyz is public and must not describe internals.
            let timedOut = (error as? ReadinessError) == .timedOut
            return .init(status: "fail", latencyMS: millis, detail: timedOut ? "timed out" : "unavailable")
        }
    }
}

package enum ReadinessError: Error, Equatable {
    case timedOut
    case storageProbeFailed(String)
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let factor = Foundation.pow(10.0, Double(places))
        return (self * factor).rounded() / factor
    }
}

extension ReadinessCheck {
    /// A database round trip.
    package static let database = ReadinessCheck(name: "database") { app in
        guard let sql = app.db as? any SQLDatabase else { return nil }
        _ = try await sql.raw("SELECT 1 AS ok").first()
        return nil
    }

    /// The job table answers, and how much work waits.
    package static let jobQueue = ReadinessCheck(name: "jobs") { app in
        let queued = try await JobRecord.query(on: app.db).filter(\.$state == .queued).count()
        return "\(queued) queued"
    }

    /// The file store answers: a probe object written, read back and removed (local), or a bucket listing (S3).
    package static let storage = ReadinessCheck(name: "storage") { app in
        let backend = try app.blobs.backend
        try await backend.check()
        return backend.name
    }
}
