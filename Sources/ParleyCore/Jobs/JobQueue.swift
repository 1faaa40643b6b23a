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
            .columns("id", "kind", "payload", "state", "priority", "run_at", "attempts", "max_attempts",
                     "idempotency_key", "created_at", "updated_at")
            .values(SQLBind(id), SQLBind(request.kind), SQLBind(request.payload), SQLBind(JobState.queued.rawValue),
                    SQLBind(request.priority), SQLBind(request.runAt ?? now), SQLBind(0), SQLBind(max(1, request.maxAttempts)),
                    SQLBind(request.idempotencyKey), SQLBind(now), SQLBind(now))
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
    package static func claim(on db: any Database, workerID: String, now: Date, lease: TimeInterval) async throws -> JobRecord? {
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
    package static func extendLease(of id: UUID, workerID: String, until: Date, on db: any Database) async throws -> Bool {
        let updated = try await sqlDatabase(db).update("jobs")
            .set("lease_expires_at", to: SQLBind(until))
            .where("id", .equal, SQLBind(id)).where("locked_by", .equal, SQLBind(workerID))
            .where("state", .equal, SQLBind(JobState.running.rawValue))
            .returning("id").all()
        return !updated.isEmpty
    }

    package static func markSucceeded(_ id: UUID, on db: any Database, now: Date) async throws {
        try await finish(id, state: .succeeded, error: nil, on: db, now: now)
    }

    /// Records a failed attempt: queued again after `retryAfter` while attempts remain, otherwise dead.
    package static func markFailed(_ job: JobRecord, error: String, retryAfter: TimeInterval?, on db: any Database, now: Date) async throws {
        let message = String(error.prefix(2000))
        guard let retryAfter, job.attempts < job.maxAttempts, let id = job.id else {
            try await finish(job.requireID(), state: .dead, error: message, on: db, now: now)
            return
        }
        try await JobRecord.query(on: db).filter(\.$id == id)
            .set(\.$state, to: .queued).set(\.$runAt, to: now.addingTimeInterval(retryAfter))
            .set(\.$lastError, to: message).set(\.$leaseExpiresAt, to: nil).set(\.$lockedBy, to: nil)
            .set(\.$updatedAt, to: now).update()
    }

    /// Hands an unfinished job back (on shutdown) without counting the interrupted attempt.
    package static func release(_ id: UUID, workerID: String, on db: any Database, now: Date) async throws {
        let sql = try sqlDatabase(db)
        try await sql.raw("""
            UPDATE jobs SET state = \(bind: JobState.queued.rawValue), attempts = attempts - 1, run_at = \(bind: now),
                lease_expires_at = NULL, locked_by = NULL, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND locked_by = \(bind: workerID) AND state = \(bind: JobState.running.rawValue)
            """).run()
    }

    /// Puts a dead or cancelled job back in the queue with a fresh set of attempts.
    package static func retry(_ id: UUID, on db: any Database, now: Date) async throws {
        let job = try await existing(id, on: db)
        guard [.dead, .cancelled].contains(job.state) else { throw JobQueueError.wrongState(id, job.state, "retry") }
        job.state = .queued
        job.attempts = 0
        job.runAt = now
        job.finishedAt = nil
        job.updatedAt = now
        try await job.update(on: db)
    }

    /// Cancels a job that has not started; a running job finishes its attempt.
    package static func cancel(_ id: UUID, on db: any Database, now: Date) async throws {
        let job = try await existing(id, on: db)
        guard job.state == .queued else { throw JobQueueError.wrongState(id, job.state, "cancel") }
        try await finish(id, state: .cancelled, error: nil, on: db, now: now)
    }

    package static func list(state: JobState?, limit: Int, on db: any Database) async throws -> [JobRecord] {
        var query = JobRecord.query(on: db).sort(\.$createdAt, .descending).limit(limit)
        if let state { query = query.filter(\.$state == state) }
        return try await query.all()
    }

    /// Deletes finished jobs older than the cut-off; dead jobs are kept for inspection until `deadCutoff`.
    package static func prune(finishedBefore cutoff: Date, deadBefore deadCutoff: Date, on db: any Database) async throws {
        try await JobRecord.query(on: db).filter(\.$state ~~ [.succeeded, .cancelled]).filter(\.$updatedAt < cutoff).delete()
        try await JobRecord.query(on: db).filter(\.$state == .dead).filter(\.$updatedAt < deadCutoff).delete()
    }

    private static func finish(_ id: UUID, state: JobState, error: String?, on db: any Database, now: Date) async throws {
        try await JobRecord.query(on: db).filter(\.$id == id)
            .set(\.$state, to: state).set(\.$lastError, to: error).set(\.$finishedAt, to: now)
            .set(\.$leaseExpiresAt, to: nil).set(\.$lockedBy, to: nil).set(\.$updatedAt, to: now).update()
    }

    private static func existing(_ id: UUID, on db: any Database) async throws -> JobRecord {
        guard let job = try await JobRecord.find(id, on: db) else { throw JobQueueError.notFound(id) }
        return job
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
        case .wrongState(let id, let state, let action): "Job \(id) is \(state.rawValue); only a \(action == "retry" ? "dead or cancelled" : "queued") job can \(action)."
        case .lost(let key): "The job with idempotency key \(key) vanished while it was enqueued."
        case .unsupportedDatabase: "The job queue needs an SQL database."
        }
    }
}
