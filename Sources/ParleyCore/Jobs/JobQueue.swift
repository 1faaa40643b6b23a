import Fluent
import Foundation
import SQLKit

/// The database-backed job queue. Every function takes its database and the current time explicitly.
package enum JobQueue {
    /// Adds a job, or returns the existing one when its idempotency key was used before.
    @discardableResult
    package static func enqueue(_ request: JobRequest, on db: any Database, now: Date) async throws -> UUID {
        let id = UUID()
        let sql = try sqlDatabase(db)
        try await sql.insert(into: "jobs")
            .columns(
                "id", "kind", "payload", "state", "priority", "run_at", "attempts", "max_attempts",
                "idempotency_key", "created_at", "updated_at"
            )
            .values(
                SQLBind(id), SQLBind(request.kind), SQLBind(request.payload), SQLBind(JobState.queued.rawValue),
                SQLBind(request.priority), SQLBind(request.runAt ?? now), SQLBind(0),
                SQLBind(max(1, request.maxAttempts)),
                SQLBind(request.idempotencyKey), SQLBind(now), SQLBind(now)
            )
            .ignoringConflicts(with: "idempotency_key")
            .run()
        guard let key = request.idempotencyKey else { return id }
        guard let existing = try await JobRecord.query(on: db).filter(\.$idempotencyKey == key).first()?.id else {
            throw JobQueueError.lost(key)
        }
        return existing
    }

    /// Atomically takes the most urgent due job, or one whose worker's lease ran out, and leases it to `workerID`.
    /// PostgreSQL skips rows other workers have locked; SQLite serialises writers in its single process.
    package static func claim(on db: any Database, workerID: String, now: Date, lease: TimeInterval) async throws
        -> JobRecord?
    {
        let sql = try sqlDatabase(db)
        let skipLocked: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let query: SQLQueryString = """
            UPDATE jobs SET state = \(bind: JobState.running.rawValue), attempts = attempts + 1,
                lease_expires_at = \(bind: now.addingTimeInterval(lease)), locked_by = \(bind: workerID), updated_at = \(bind: now)
            WHERE id = (
                SELECT id FROM jobs
                WHERE (state = \(bind: JobState.queued.rawValue) AND run_at <= \(bind: now))
                   OR (state = \(bind: JobState.running.rawValue) AND lease_expires_at < \(bind: now))
                ORDER BY priority DESC, run_at ASC
                LIMIT 1
            """ + skipLocked + ") RETURNING id"
        guard let row = try await sql.raw(query).first() else { return nil }
        let id = try row.decode(column: "id", as: UUID.self)
        return try await JobRecord.find(id, on: db)
    }

    /// Keeps a running job's lease alive; false when the job is no longer this worker's.
    package static func extendLease(of id: UUID, workerID: String, until: Date, on db: any Database) async throws
        -> Bool
    {
        try await ownedUpdate(id, workerID: workerID, on: db) { $0.set("lease_expires_at", to: SQLBind(until)) }
    }

    /// Records success. False (and nothing written) when the lease was lost to another worker meanwhile.
    @discardableResult
    package static func markSucceeded(_ id: UUID, workerID: String, on db: any Database, now: Date) async throws -> Bool
    {
        try await ownedUpdate(id, workerID: workerID, on: db) { finished($0, state: .succeeded, error: nil, now: now) }
    }

    /// Records a failed attempt: queued again after `retryAfter` while attempts remain, otherwise dead.
    /// False (and nothing written) when the lease was lost to another worker meanwhile.
    @discardableResult
    package static func markFailed(
        _ job: JobRecord, workerID: String, error: String, retryAfter: TimeInterval?, on db: any Database, now: Date
    ) async throws -> Bool {
        let message = String(error.prefix(2000))
        guard let retryAfter, job.attempts < job.maxAttempts else {
            return try await ownedUpdate(job.requireID(), workerID: workerID, on: db) {
                finished($0, state: .dead, error: message, now: now)
            }
        }
        return try await ownedUpdate(job.requireID(), workerID: workerID, on: db) { update in
            update.set("state", to: SQLBind(JobState.queued.rawValue)).set(
                "run_at", to: SQLBind(now.addingTimeInterval(retryAfter))
            )
            .set("last_error", to: SQLBind(message)).set("lease_expires_at", to: SQLLiteral.null).set(
                "locked_by", to: SQLLiteral.null
            )
            .set("updated_at", to: SQLBind(now))
        }
    }

    /// Hands an unfinished job back (on shutdown) without counting the interrupted attempt.
    package static func release(_ id: UUID, workerID: String, on db: any Database, now: Date) async throws {
        let sql = try sqlDatabase(db)
        try await sql.raw(
            """
            UPDATE jobs SET state = \(bind: JobState.queued.rawValue), attempts = attempts - 1, run_at = \(bind: now),
                lease_expires_at = NULL, locked_by = NULL, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND locked_by = \(bind: workerID) AND state = \(bind: JobState.running.rawValue)
            """
        ).run()
    }

    /// Puts a dead or cancelled job back in the queue with a fresh set of attempts.
    package static func retry(_ id: UUID, on db: any Database, now: Date) async throws {
        try await transition(id, from: [.dead, .cancelled], action: "retry", on: db) { update in
            update.set("state", to: SQLBind(JobState.queued.rawValue)).set("attempts", to: SQLBind(0)).set(
                "run_at", to: SQLBind(now)
            )
            .set("finished_at", to: SQLLiteral.null).set("updated_at", to: SQLBind(now))
        }
    }

    /// Cancels a job that has not started; a running job finishes its attempt.
    package static func cancel(_ id: UUID, on db: any Database, now: Date) async throws {
        try await transition(id, from: [.queued], action: "cancel", on: db) {
            finished($0, state: .cancelled, error: nil, now: now)
        }
    }

    package static func list(state: JobState?, limit: Int, on db: any Database) async throws -> [JobRecord] {
        var query = JobRecord.query(on: db).sort(\.$createdAt, .descending).limit(limit)
        if let state { query = query.filter(\.$state == state) }
        return try await query.all()
    }

    /// Deletes finished jobs older than the cut-off; dead jobs are kept for inspection until `deadCutoff`.
    package static func prune(finishedBefore cutoff: Date, deadBefore deadCutoff: Date, on db: any Database)
        async throws
    {
        try await JobRecord.query(on: db).filter(\.$state ~~ [.succeeded, .cancelled]).filter(\.$updatedAt < cutoff)
            .delete()
        try await JobRecord.query(on: db).filter(\.$state == .dead).filter(\.$updatedAt < deadCutoff).delete()
    }

    /// An update of a running job that applies only while `workerID` still holds its lease.
    private static func ownedUpdate(
        _ id: UUID, workerID: String, on db: any Database,
        _ set: (SQLUpdateBuilder) -> SQLUpdateBuilder
    ) async throws -> Bool {
        let update = try sqlDatabase(db).update("jobs")
        let rows = try await set(update)
            .where("id", .equal, SQLBind(id)).where("locked_by", .equal, SQLBind(workerID))
            .where("state", .equal, SQLBind(JobState.running.rawValue))
            .returning("id").all()
        return !rows.isEmpty
    }

    /// One conditional update from the allowed states, so it cannot race a worker's claim.
    private static func transition(
        _ id: UUID, from states: [JobState], action: String, on db: any Database,
        _ set: (SQLUpdateBuilder) -> SQLUpdateBuilder
    ) async throws {
        let rows = try await set(try sqlDatabase(db).update("jobs"))
            .where("id", .equal, SQLBind(id)).where("state", .in, SQLBind.group(states.map(\.rawValue)))
            .returning("id").all()
        guard rows.isEmpty else { return }
        guard let job = try await JobRecord.find(id, on: db) else { throw JobQueueError.notFound(id) }
        throw JobQueueError.wrongState(id, job.state, action)
    }

    private static func finished(_ update: SQLUpdateBuilder, state: JobState, error: String?, now: Date)
        -> SQLUpdateBuilder
    {
        update.set("state", to: SQLBind(state.rawValue)).set(
            "last_error", to: error.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null
        )
        .set("finished_at", to: SQLBind(now)).set("lease_expires_at", to: SQLLiteral.null).set(
            "locked_by", to: SQLLiteral.null
        )
        .set("updated_at", to: SQLBind(now))
    }

    static func sqlDatabase(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw JobQueueError.unsupportedDatabase }
        return sql
    }
}

package enum JobQueueError: Error, CustomStringConvertible {
    case notFound(UUID)
    case wrongState(UUID, JobState, String)
    case lost(String)
    case unsupportedDatabase

    package var description: String {
        switch self {
        case .notFound(let id): "No job with id \(id)."
        case .wrongState(let id, let state, let action):
            "Job \(id) is \(state.rawValue); only a \(action == "retry" ? "dead or cancelled" : "queued") job can \(action)."
        case .lost(let key): "The job with idempotency key \(key) vanished while it was enqueued."
        case .unsupportedDatabase: "The job queue needs an SQL database."
        }
    }
}
