import Fluent
import Foundation
import Logging

/// Runs jobs: `concurrency` loops each claim a job, run it with a lease kept alive by a heartbeat, and record the
/// outcome; a scheduler loop enqueues recurring slots. `stop` stops claiming, lets jobs in flight finish within
/// the grace period, and hands back the ones that did not.
package actor JobWorker {
    package struct Configuration: Sendable {
        package var concurrency: Int
        package var pollInterval: Duration
        package var lease: TimeInterval
        package var schedulerInterval: Duration

        package init(concurrency: Int = 2, pollInterval: Duration = .seconds(1), lease: TimeInterval = 60, schedulerInterval: Duration = .seconds(15)) {
            self.concurrency = concurrency
            self.pollInterval = pollInterval
            self.lease = lease
            self.schedulerInterval = schedulerInterval
        }
    }

    package nonisolated let id: String
    private let database: @Sendable () -> any Database
    private let registry: JobRegistry
    private let configuration: Configuration
    private let clock: AppClock
    private let random: RandomSource
    private let logger: Logger
    private var stopping = false
    private var loops: Task<Void, Never>?

    package init(database: @escaping @Sendable () -> any Database, registry: JobRegistry, configuration: Configuration,
                 clock: AppClock, random: RandomSource, logger: Logger) {
        self.id = "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(random.hexToken(byteCount: 4))"
        self.database = database
        self.registry = registry
        self.configuration = configuration
        self.clock = clock
        self.random = random
        self.logger = logger
    }

    package func start() {
        guard loops == nil else { return }
        stopping = false
        let count = configuration.concurrency
        loops = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.scheduleLoop() }
                for _ in 0..<count { group.addTask { await self.claimLoop() } }
            }
        }
        logger.info("job worker started", metadata: ["worker": .string(id), "concurrency": .stringConvertible(count)])
    }

    /// Stops claiming; waits up to `grace` for running jobs, then cancels them so they are released.
    package func stop(grace: Duration) async {
        stopping = true
        guard let loops else { return }
        let deadline = Task {
            try await Task.sleep(for: grace)
            loops.cancel()
        }
        await loops.value
        deadline.cancel()
        self.loops = nil
        logger.info("job worker stopped", metadata: ["worker": .string(id)])
    }

    /// Claims and runs one job. Returns false when nothing was due. Tests and `drain` use it directly.
    @discardableResult
    package func runNext() async throws -> Bool {
        let db = database()
        let now = clock.now()
        guard let job = try await JobQueue.claim(on: db, workerID: id, now: now, lease: configuration.lease) else { return false }
        await run(job, on: db)
        return true
    }

    /// Runs due jobs until none is left (tests, maintenance).
    package func drain(limit: Int = 10_000) async throws {
        var count = 0
        while count < limit, try await runNext() { count += 1 }
    }

    private func claimLoop() async {
        while !stopping && !Task.isCancelled {
            do {
                if try await runNext() { continue }
            } catch {
                logger.error("job claim failed", metadata: ["error": .string(String(describing: error))])
            }
            try? await Task.sleep(for: configuration.pollInterval)
        }
    }

    private func scheduleLoop() async {
        while !stopping && !Task.isCancelled {
            do {
                try await JobSchedule.enqueueDue(registry.schedules, on: database(), now: clock.now())
            } catch {
                logger.error("job schedule failed", metadata: ["error": .string(String(describing: error))])
            }
            try? await Task.sleep(for: configuration.schedulerInterval)
        }
    }

    private func run(_ job: JobRecord, on db: any Database) async {
        guard let jobID = job.id else { return }
        var log = logger
        log[metadataKey: "job_id"] = .string(jobID.uuidString)
        log[metadataKey: "job_kind"] = .string(job.kind)
        guard job.attempts <= job.maxAttempts else {
            try? await JobQueue.markFailed(job, error: "lease expired on the last attempt: \(job.lastError ?? "worker stopped")", retryAfter: nil, on: db, now: clock.now())
            return
        }
        guard let definition = registry.definition(for: job.kind) else {
            log.error("no handler for job kind")
            try? await JobQueue.markFailed(job, error: "no handler registered for kind \(job.kind)", retryAfter: nil, on: db, now: clock.now())
            return
        }
        let context = JobContext(id: jobID, kind: job.kind, payload: job.payload, attempt: job.attempts, db: db, logger: log, now: clock.now())
        do {
            try await withLeaseHeartbeat(jobID, on: db) { try await definition.run(context) }
            try await JobQueue.markSucceeded(jobID, on: db, now: clock.now())
        } catch where Task.isCancelled || error is CancellationError {
            log.notice("job released at shutdown")
            try? await JobQueue.release(jobID, workerID: id, on: db, now: clock.now())
        } catch {
            let permanent = error is JobFailure
            let delay = permanent ? nil : definition.backoff.delay(afterAttempt: job.attempts, unit: random.unit())
            log.warning("job attempt failed", metadata: ["attempt": .stringConvertible(job.attempts), "error": .string(String(describing: error))])
            do {
                try await JobQueue.markFailed(job, error: String(describing: error), retryAfter: delay, on: db, now: clock.now())
            } catch {
                log.error("could not record job failure", metadata: ["error": .string(String(describing: error))])
            }
        }
    }

    /// Runs `body` while a side task renews the job's lease every third of its length.
    private func withLeaseHeartbeat(_ jobID: UUID, on db: any Database, _ body: @escaping @Sendable () async throws -> Void) async throws {
        let lease = configuration.lease
        let workerID = id
        let clock = clock
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await body() }
            group.addTask {
                while true {
                    try await Task.sleep(for: .seconds(lease / 3))
                    _ = try await JobQueue.extendLease(of: jobID, workerID: workerID, until: clock.now().addingTimeInterval(lease), on: db)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}
