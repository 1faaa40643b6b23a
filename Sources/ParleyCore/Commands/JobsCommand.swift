import Fluent
import Foundation
import Vapor

/// `parley jobs list|retry|cancel`: inspect and steer the job queue.
struct JobsCommand: AsyncCommandGroup {
    var help: String { "Inspect the job queue: list, retry or cancel jobs." }
    var commands: [String: any AnyAsyncCommand] {
        ["list": ListJobs(), "retry": RetryJob(), "cancel": CancelJob()]
    }
}

struct ListJobs: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "state", help: "Only jobs in this state: queued, running, succeeded, dead, cancelled.")
        var state: String?
        @Option(name: "limit", help: "At most this many jobs (default 50).")
        var limit: Int?
    }

    var help: String { "List the most recent jobs." }

    func run(using context: CommandContext, signature: Signature) async throws {
        var state: JobState?
        if let text = signature.state {
            guard let parsed = JobState(rawValue: text) else {
                throw CommandFailure("Unknown state '\(text)'. Use one of: \(JobState.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            state = parsed
        }
        let jobs = try await JobQueue.list(state: state, limit: min(max(signature.limit ?? 50, 1), 1000), on: context.application.db)
        if jobs.isEmpty { context.console.print("No jobs.") }
        let iso = ISO8601DateFormatter()
        for job in jobs {
            var line = "\(job.id?.uuidString ?? "-")  \(job.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  \(job.kind)"
            line += "  attempts \(job.attempts)/\(job.maxAttempts)  run_at \(iso.string(from: job.runAt))"
            if let error = job.lastError { line += "  last_error: \(error.prefix(120))" }
            context.console.print(line)
        }
    }
}

struct RetryJob: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "id", help: "The job's id.")
        var id: String
    }

    var help: String { "Queue a dead or cancelled job again with fresh attempts." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await JobQueue.retry(try parseJobID(signature.id), on: app.db, now: app.clock.now())
        context.console.print("Job \(signature.id) queued again.")
    }
}

struct CancelJob: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "id", help: "The job's id.")
        var id: String
    }

    var help: String { "Cancel a queued job." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await JobQueue.cancel(try parseJobID(signature.id), on: app.db, now: app.clock.now())
        context.console.print("Job \(signature.id) cancelled.")
    }
}

private func parseJobID(_ text: String) throws -> UUID {
    guard let id = UUID(uuidString: text) else { throw CommandFailure("'\(text)' is not a job id.") }
    return id
}

/// A command error whose message is meant for the operator as it stands.
package struct CommandFailure: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
