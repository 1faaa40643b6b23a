import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers

/// What a job handler receives: the job, its decoded payload on request, a database and a logger.
package struct JobContext: Sendable {
    package let id: UUID
    package let kind: String
    package let payload: String
    package let attempt: Int
    /// True on the final attempt: a handler can record a lasting failure before the job goes dead.
    package let isLastAttempt: Bool
    package let db: any Database
    package let logger: Logger
    package let now: Date

    package func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(payload.utf8))
        } catch {
            throw JobFailure.permanent("payload of \(kind) is not a valid \(T.self): \(error)")
        }
    }
}

/// A handler throws this to stop retrying at once (the input can never succeed).
package enum JobFailure: Error, CustomStringConvertible {
    case permanent(String)
    package var description: String {
        switch self {
        case .permanent(let reason): reason
        }
    }
}

/// How one kind of job runs and retries.
package struct JobDefinition: Sendable {
    package var backoff: Backoff
    package var run: @Sendable (JobContext) async throws -> Void

    package init(backoff: Backoff = Backoff(), run: @escaping @Sendable (JobContext) async throws -> Void) {
        self.backoff = backoff
        self.run = run
    }
}

/// Every job kind and recurring schedule the modules registered at start-up.
package final class JobRegistry: Sendable {
    private let state = NIOLockedValueBox<(definitions: [String: JobDefinition], schedules: [JobSchedule])>(([:], []))

    package init() {}

    package func register(_ kind: String, _ definition: JobDefinition) {
        state.withLockedValue { $0.definitions[kind] = definition }
    }

    package func schedule(_ schedule: JobSchedule) {
        state.withLockedValue { $0.schedules.append(schedule) }
    }

    package func definition(for kind: String) -> JobDefinition? {
        state.withLockedValue { $0.definitions[kind] }
    }

    package var schedules: [JobSchedule] { state.withLockedValue { $0.schedules } }
    package var kinds: [String] { state.withLockedValue { $0.definitions.keys.sorted() } }
}
