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

        package init(
            concurrency: Int = 2, pollInterval: Duration = .seconds(1), lease: TimeInterval = 60,
            schedulerInterval: Duration = .seconds(15)
        ) {
            self.concurrency = concurrency
            self.pollInterval = pollInterval
            self.lease = lease
            self.schedulerInterval = schedulerInterval
        }
    }

    package nonisolated let id: String
    /// Throws `JobWorkerError.applicationStopped` once the application is shut down: the loops then end.
    private let database: @Sendable () throws -> any Database
    private let registry: JobRegistry
    private let configuration: Configuration
    private let clock: AppClock
    /// Paces the lease heartbeat.
    private let waiting: WaitClock
    private let random: RandomSource
    private let logger: Logger
    private var stopping = false
    private var inFlight = 0
    private var loops: Task<Void, Never>?

    package init(
        database: @escaping @Sendable () throws -> any Database, registry: JobRegistry, configuration: Configuration,
        clock: AppClock, waiting: WaitClock = .continuous, random: RandomSource, logger: Logger
    ) {
        self.id = "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(random.hexToken(byteCount: 4))"
        self.database = database
        self.registry = registry
        self.configuration = configuration
        self.clock = clock
        self.waiting = waiting
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

    /// Stops claiming; waits up to `grace` for running jobs, then cancels what is left: idle loops stop at once,
    /// and unfinished jobs are handed back to the queue.
    package func stop(grace: Duration) async {
        stopping = true
        guard let loops else { return }
        let deadline = ContinuousClock.now + grace
        while inFlight > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        loops.cancel()
        // A job that ignores cancellation is not waited for without end; its lease lets another worker retry it.
        if (try? await withDeadline(.seconds(5), { await loops.value })) == nil {
            logger.warning("job worker stopped with a job still running", metadata: ["worker": .string(id)])
        }
        self.loops = nil
        logger.info("job worker stopped", metadata: ["worker": .string(id)])
    }

    /// Claims and runs one job. Returns false when nothing was due. Tests and `drain` use it directly.
    @discardableResult
    package func runNext() async throws -> Bool {
        // Counted from before the claim, so `stop` never sees a claimed job as not yet running.
        inFlight += 1
        defer { inFlight -= 1 }
        let db = try database()
        let now = clock.now()
        guard let job = try await JobQueue.claim(on: db, workerID: id, now: now, lease: configuration.lease) else {
            return false
        }
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
            } catch JobWorkerError.applicationStopped {
                return
            } catch {
                logger.error("job claim failed", metadata: ["error": .string(String(describing: error))])
            }
            try? await Task.sleep(for: configuration.pollInterval)
        }
    }

    private func scheduleLoop() async {
        while !stopping && !Task.isCancelled {
            do {
                try await JobSchedule.enqueueDue(registry.schedules, on: try database(), now: clock.now())
            } catch JobWorkerError.applicationStopped {
                return
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
        let now = clock.now()
        guard job.attempts <= job.maxAttempts else {
            let error = "lease expired on the last attempt: \(job.lastError ?? "its worker stopped")"
            _ = try? await JobQueue.markFailed(job, workerID: id, error: error, retryAfter: nil, on: db, now: now)
            return
        }
        guard let definition = registry.definition(for: job.kind) else {
            log.error("no handler for job kind")
            _ = try? await JobQueue.markFailed(
                job, workerID: id, error: "no handler registered for kind \(job.kind)", retryAfter: nil, on: db,
                now: now)
            return
        }
        let context = JobContext(
            id: jobID, kind: job.kind, payload: job.payload, attempt: job.attempts,
            isLastAttempt: job.attempts >= job.maxAttempts, db: db, logger: log, now: now)
        let heartbeat = startHeartbeat(jobID, on: db, logger: log)
        let outcome: Result<Void, any Error>
        do {
            try await definition.run(context)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        heartbeat.cancel()
        await record(outcome, of: job, definition: definition, on: db, logger: log)
    }

    /// Writes the outcome. Only a worker that is being stopped hands an unfinished job back; a job's own
    /// cancellation error is an ordinary failure. Writes are conditional on still holding the lease.
    private func record(
        _ outcome: Result<Void, any Error>, of job: JobRecord, definition: JobDefinition, on db: any Database,
        logger log: Logger
    ) async {
        guard let jobID = job.id else { return }
        let now = clock.now()
        do {
            let written: Bool
            switch outcome {
            case .success:
                written = try await JobQueue.markSucceeded(jobID, workerID: id, on: db, now: now)
            case .failure where Task.isCancelled:
                log.notice("job released at shutdown")
                try await JobQueue.release(jobID, workerID: id, on: db, now: now)
                return
            case .failure(let error):
                let permanent = error is JobFailure
                let delay = permanent ? nil : definition.backoff.delay(afterAttempt: job.attempts, unit: random.unit())
                log.warning(
                    "job attempt failed",
                    metadata: [
                        "attempt": .stringConvertible(job.attempts), "error": .string(String(describing: error)),
                    ])
                written = try await JobQueue.markFailed(
                    job, workerID: id, error: String(describing: error), retryAfter: delay, on: db, now: now)
            }
            if !written { log.error("job outcome not recorded: its lease passed to another worker") }
        } catch {
            log.error("could not record job outcome", metadata: ["error": .string(String(describing: error))])
        }
    }

    /// Renews the lease every third of its length until cancelled. A failed renewal is logged and tried again;
    /// a lost lease stops the renewals (the outcome write will then be refused).
    private func startHeartbeat(_ jobID: UUID, on db: any Database, logger log: Logger) -> Task<Void, Never> {
        let lease = configuration.lease
        let workerID = id
        let clock = clock
        let waiting = waiting
        return Task {
            while (try? await waiting.sleep(.seconds(lease / 3))) != nil {
                do {
                    if try await !JobQueue.extendLease(
                        of: jobID, workerID: workerID, until: clock.now().addingTimeInterval(lease), on: db)
                    {
                        log.error("job lease lost to another worker")
                        return
                    }
                } catch {
                    log.warning("job lease renewal failed", metadata: ["error": .string(String(describing: error))])
                }
            }
        }
    }
}

/// Why a worker's loops end on their own: its application shut down while they still ran (a worker that was never
/// stopped must not touch a database that is gone).
package enum JobWorkerError: Error { case applicationStopped }
