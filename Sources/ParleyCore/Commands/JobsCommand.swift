import Fluent
import Foundation
import Vapor

/// `parley jobs list|retry|cancel`: inspect and steer the job queue.
struct JobsCommand: AsyncCommandGroup {
    var help: String { "Inspect the job queue: list, retry or cancel jobs." }
    var commands: [String: any AnyAsyncCommand] {
        [
            "list": ListJobs(),
            "retry": JobAction(
                help: "Queue a dead or cancelled job again with fresh attempts.", outcome: "queued again",
                perform: { try await JobQueue.retry($0, on: $1, now: $2) }),
            "cancel": JobAction(
                help: "Cancel a queued job.", outcome: "cancelled",
                perform: { try await JobQueue.cancel($0, on: $1, now: $2) }),
        ]
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
                throw CommandFailure(
                    "Unknown state '\(text)'. Use one of: \(JobState.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            }
            state = parsed
        }
        try await context.application.prepareStorage()
        let jobs = try await JobQueue.list(
            state: state, limit: min(max(signature.limit ?? 50, 1), 1000), on: context.application.db)
        if jobs.isEmpty { context.console.print("No jobs.") }
        let iso = ISO8601DateFormatter()
        for job in jobs {
            var line =
                "\(job.id?.uuidString ?? "-")  \(job.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  \(job.kind)"
            line += "  attempts \(job.attempts)/\(job.maxAttempts)  run_at \(iso.string(from: job.runAt))"
            if let error = job.lastError { line += "  last_error: \(error.prefix(120))" }
            context.console.print(line)
        }
    }
}

/// `retry ID` and `cancel ID`: one job, one queue operation.
struct JobAction: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "id", help: "The job's id.")
        var id: String
    }

    let help: String
    let outcome: String
    let perform: @Sendable (UUID, any Database, Date) async throws -> Void

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareStorage()
        try await perform(try parseJobID(signature.id), app.db, app.clock.now())
        context.console.print("Job \(signature.id) \(outcome).")
    }
}

private func parseJobID(_ text: String) throws -> UUID {
    guard let id = UUID(uuidString: text) else { throw CommandFailure("'\(text)' is not a job id.") }
    return id
}
