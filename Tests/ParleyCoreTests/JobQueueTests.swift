import Fluent
import Foundation
import NIOConcurrencyHelpers
@testable import ParleyCore
import ParleyTestSupport
import Testing
import Vapor

@Suite struct JobQueueTests {
    static let fast = ["PARLEY_JOB_POLL_INTERVAL_MS": "20", "PARLEY_JOB_LEASE_SECONDS": "60"]

    @Test(arguments: DatabaseLane.enabled)
    func sameIdempotencyKeyReturnsTheFirstJob(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            let now = Date()
            let first = try await JobQueue.enqueue(
                JobRequest(kind: "report", idempotencyKey: "report:42"), on: app.db, now: now)
            let second = try await JobQueue.enqueue(
                JobRequest(kind: "report", idempotencyKey: "report:42"), on: app.db, now: now)
            let other = try await JobQueue.enqueue(JobRequest(kind: "report"), on: app.db, now: now)
            #expect(first == second)
            #expect(other != first)
            #expect(try await JobRecord.query(on: app.db).count() == 2)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func claimTakesTheMostUrgentDueJob(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let low = try await JobQueue.enqueue(JobRequest(kind: "k", priority: 0), on: app.db, now: now)
            let high = try await JobQueue.enqueue(JobRequest(kind: "k", priority: 5), on: app.db, now: now)
            _ = try await JobQueue.enqueue(JobRequest(kind: "k", runAt: now + 60, priority: 9), on: app.db, now: now)
            let first = try await JobQueue.claim(on: app.db, workerID: "w", now: now, lease: 30)
            let second = try await JobQueue.claim(on: app.db, workerID: "w", now: now, lease: 30)
            let third = try await JobQueue.claim(on: app.db, workerID: "w", now: now, lease: 30)
            #expect(first?.id == high)
            #expect(second?.id == low)
            #expect(third == nil, "a job scheduled later is not due yet")
            #expect(first?.state == .running)
            #expect(first?.attempts == 1)
            #expect(first?.leaseExpiresAt == now + 30)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func failingJobFollowsItsBackoffScheduleThenDies(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        let zeroJitter = RandomSource(bytes: RandomSource.system.bytes, unit: { 0 })
        try await withTestApp(lane, variables: Self.fast, clock: clock.appClock, random: zeroJitter) {
            app async throws in
            app.jobs.register(
                "flaky",
                JobDefinition(backoff: Backoff(baseSeconds: 10, capSeconds: 3600)) { _ in
                    throw Abort(.badGateway, reason: "upstream down")
                })
            let id = try await JobQueue.enqueue(JobRequest(kind: "flaky", maxAttempts: 3), on: app.db, now: clock.now)
            let worker = app.makeJobWorker()
            for expectedDelay in [5.0, 10.0] {
                let started = clock.now
                #expect(try await worker.runNext())
                let job = try #require(try await JobRecord.find(id, on: app.db))
                #expect(job.state == .queued)
                #expect(job.runAt == started + expectedDelay)
                #expect(job.lastError?.contains("upstream down") == true)
                #expect(try await worker.runNext() == false, "not due before its backoff")
                clock.advance(by: expectedDelay)
            }
            #expect(try await worker.runNext())
            let dead = try #require(try await JobRecord.find(id, on: app.db))
            #expect(dead.state == .dead)
            #expect(dead.attempts == 3)
            #expect(dead.lastError?.contains("upstream down") == true)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func permanentFailureSkipsRetries(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            app.jobs.register("strict", JobDefinition { _ in throw JobFailure.permanent("bad input") })
            let id = try await JobQueue.enqueue(
                JobRequest(kind: "strict", maxAttempts: 5), on: app.db, now: app.clock.now())
            try await app.makeJobWorker().runNext()
            let job = try #require(try await JobRecord.find(id, on: app.db))
            #expect(job.state == .dead)
            #expect(job.attempts == 1)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func unknownKindGoesDeadWithAClearError(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            let id = try await JobQueue.enqueue(
                JobRequest(kind: "nobody.handles.this"), on: app.db, now: app.clock.now())
            try await app.makeJobWorker().runNext()
            let job = try #require(try await JobRecord.find(id, on: app.db))
            #expect(job.state == .dead)
            #expect(job.lastError == "no handler registered for kind nobody.handles.this")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func expiredLeaseIsRunAgain(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let id = try await JobQueue.enqueue(JobRequest(kind: "k"), on: app.db, now: now)
            let crashed = try await JobQueue.claim(on: app.db, workerID: "crashed-worker", now: now, lease: 60)
            #expect(crashed?.id == id)
            #expect(
                try await JobQueue.claim(on: app.db, workerID: "other", now: now + 59, lease: 60) == nil, "still leased"
            )
            let retaken = try #require(
                try await JobQueue.claim(on: app.db, workerID: "other", now: now + 61, lease: 60))
            #expect(retaken.id == id)
            #expect(retaken.attempts == 2)
            #expect(retaken.lockedBy == "other")
            #expect(
                try await JobQueue.extendLease(of: id, workerID: "crashed-worker", until: now + 200, on: app.db)
                    == false,
                "the first worker lost the job")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func eachJobRunsExactlyOnceAcrossWorkers(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: Self.fast) { app async throws in
            let runs = NIOLockedValueBox<[UUID: Int]>([:])
            app.jobs.register(
                "count",
                JobDefinition { context in
                    runs.withLockedValue { $0[context.id, default: 0] += 1 }
                    try await Task.sleep(for: .milliseconds(2))
                })
            let total = 60
            var ids: Set<UUID> = []
            for _ in 0..<total {
                ids.insert(try await JobQueue.enqueue(JobRequest(kind: "count"), on: app.db, now: app.clock.now()))
            }
            let workers = (0..<4).map { _ in app.makeJobWorker(concurrency: 3) }
            for worker in workers { await worker.start() }
            let deadline = ContinuousClock.now + .seconds(60)
            while try await JobRecord.query(on: app.db).filter(\.$kind == "count").filter(\.$state == .succeeded)
                .count() < total, ContinuousClock.now < deadline
            {
                try await Task.sleep(for: .milliseconds(50))
            }
            for worker in workers { await worker.stop(grace: .seconds(5)) }
            let counts = runs.withLockedValue { $0 }
            #expect(Set(counts.keys) == ids)
            #expect(counts.values.allSatisfy { $0 == 1 }, "some job ran twice: \(counts.filter { $0.value > 1 })")
            #expect(
                try await JobRecord.query(on: app.db).filter(\.$kind == "count").filter(\.$state == .succeeded).count()
                    == total)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func eachScheduleSlotIsEnqueuedOnceHoweverManyWorkersTick(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            let schedule = JobSchedule(name: "digest", kind: "digest", cadence: .every(seconds: 300))
            let now = Date(timeIntervalSince1970: 1_800_000_100)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await JobSchedule.enqueueDue([schedule], on: app.db, now: now) }
                }
                try await group.waitForAll()
            }
            #expect(try await JobRecord.query(on: app.db).filter(\.$kind == "digest").count() == 1)
            try await JobSchedule.enqueueDue([schedule], on: app.db, now: now + 120)
            #expect(try await JobRecord.query(on: app.db).filter(\.$kind == "digest").count() == 1, "same slot")
            try await JobSchedule.enqueueDue([schedule], on: app.db, now: now + 300)
            let jobs = try await JobRecord.query(on: app.db).filter(\.$kind == "digest").sort(\.$runAt).all()
            #expect(
                jobs.map(\.runAt) == [
                    Date(timeIntervalSince1970: 1_800_000_000), Date(timeIntervalSince1970: 1_800_000_300),
                ])
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func shutdownLetsShortJobsFinishAndReleasesLongOnes(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: Self.fast) { app async throws in
            app.jobs.register("short", JobDefinition { _ in try await Task.sleep(for: .milliseconds(300)) })
            app.jobs.register("long", JobDefinition { _ in try await Task.sleep(for: .seconds(60)) })
            let short = try await JobQueue.enqueue(
                JobRequest(kind: "short", priority: 1), on: app.db, now: app.clock.now())
            let long = try await JobQueue.enqueue(JobRequest(kind: "long"), on: app.db, now: app.clock.now())
            let worker = app.makeJobWorker(concurrency: 2)
            await worker.start()
            let deadline = ContinuousClock.now + .seconds(20)
            while try await JobRecord.query(on: app.db).filter(\.$state == .running).count() < 2,
                ContinuousClock.now < deadline
            {
                try await Task.sleep(for: .milliseconds(20))
            }
            await worker.stop(grace: .seconds(2))
            let finished = try #require(try await JobRecord.find(short, on: app.db))
            let released = try #require(try await JobRecord.find(long, on: app.db))
            #expect(finished.state == .succeeded)
            #expect(released.state == .queued)
            #expect(released.attempts == 0, "an interrupted attempt does not count")
            #expect(released.lockedBy == nil)
        }
    }

    /// A worker still running when its application shuts down (a test that failed before stopping it, a crash in
    /// start-up) ends its loops instead of touching a database that is gone, which would take the process down.
    @Test func aWorkerLeftRunningEndsWhenItsApplicationShutsDown() async throws {
        var leftRunning: JobWorker?
        try await withTestApp(variables: Self.fast) { app async throws in
            let worker = app.makeJobWorker()
            await worker.start()
            leftRunning = worker
        }
        let worker = try #require(leftRunning)
        try await Task.sleep(for: .milliseconds(300))  // several poll intervals after the shutdown
        let started = ContinuousClock.now
        await worker.stop(grace: .seconds(2))
        #expect(ContinuousClock.now - started < .seconds(2), "its loops had already ended")
    }

    @Test func anIdleWorkerStopsWithoutWaitingOutTheGracePeriod() async throws {
        try await withTestApp(variables: Self.fast) { app async throws in
            let worker = app.makeJobWorker()
            await worker.start()
            try await Task.sleep(for: .milliseconds(100))
            let started = ContinuousClock.now
            await worker.stop(grace: .seconds(60))
            #expect(ContinuousClock.now - started < .seconds(30), "nothing was running, so nothing to wait for")
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func operatorsCanCancelAndRetry(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            let now = app.clock.now()
            let id = try await JobQueue.enqueue(JobRequest(kind: "k"), on: app.db, now: now)
            try await JobQueue.cancel(id, on: app.db, now: now)
            #expect(try await JobRecord.find(id, on: app.db)?.state == .cancelled)
            await #expect(throws: JobQueueError.self) { try await JobQueue.cancel(id, on: app.db, now: now) }
            try await JobQueue.retry(id, on: app.db, now: now)
            let job = try #require(try await JobRecord.find(id, on: app.db))
            #expect(job.state == .queued)
            #expect(job.attempts == 0)
            await #expect(throws: JobQueueError.self) { try await JobQueue.retry(UUID(), on: app.db, now: now) }
            #expect(try await JobQueue.list(state: .queued, limit: 10, on: app.db).map(\.id) == [id])
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func pruneKeepsRecentAndDeadJobs(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane) { app async throws in
            let day: TimeInterval = 86_400
            let old = Date(timeIntervalSince1970: 1_700_000_000)
            func finish(_ request: JobRequest, at time: Date, dead: Bool) async throws -> UUID {
                let id = try await JobQueue.enqueue(request, on: app.db, now: time)
                let job = try #require(try await JobQueue.claim(on: app.db, workerID: "w", now: time, lease: 60))
                if dead {
                    try await JobQueue.markFailed(
                        job, workerID: "w", error: "broken", retryAfter: nil, on: app.db, now: time)
                } else {
                    try await JobQueue.markSucceeded(id, workerID: "w", on: app.db, now: time)
                }
                return id
            }
            _ = try await finish(JobRequest(kind: "k"), at: old, dead: false)
            let recent = try await finish(JobRequest(kind: "k"), at: old + 20 * day, dead: false)
            _ = try await finish(JobRequest(kind: "k"), at: old, dead: true)
            let recentDead = try await finish(JobRequest(kind: "k"), at: old + 20 * day, dead: true)
            try await JobQueue.prune(finishedBefore: old + 10 * day, deadBefore: old + 10 * day, on: app.db)
            let remaining = Set(try await JobRecord.query(on: app.db).all().compactMap(\.id))
            #expect(remaining == [recent, recentDead])
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func heartbeatKeepsALongJobFromBeingTakenOver(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        let waiting = ManualWaitClock()
        try await withTestApp(lane, clock: clock.appClock) { app async throws in
            let (finish, finishSignal) = AsyncStream<Void>.makeStream()
            app.jobs.register("slow", JobDefinition { _ in for await _ in finish { break } })
            let id = try await JobQueue.enqueue(JobRequest(kind: "slow"), on: app.db, now: clock.now)
            let worker = JobWorker(
                database: { app.db }, registry: app.jobs,
                configuration: .init(concurrency: 1, pollInterval: .milliseconds(20), lease: 60),
                clock: clock.appClock, waiting: waiting.waitClock, random: .system, logger: app.logger)
            async let ran = worker.runNext()
            try await waiting.waitForSleepers(1)  // the job runs and its heartbeat waits a third of the lease

            clock.advance(by: 50)
            #expect(
                try await JobQueue.claim(on: app.db, workerID: "other", now: clock.now, lease: 60) == nil,
                "inside the first lease")
            waiting.advance(by: .seconds(20))  // the heartbeat renews: the lease now ends at 50 + 60 s
            try await waiting.waitForSleepers(1)
            clock.advance(by: 40)  // 90 s: past the first lease, inside the renewed one
            #expect(
                try await JobQueue.claim(on: app.db, workerID: "other", now: clock.now, lease: 60) == nil,
                "the heartbeat kept it")
            clock.advance(by: 30)  // 120 s: past the renewed lease, with no heartbeat since
            let taken = try await JobQueue.claim(on: app.db, workerID: "other", now: clock.now, lease: 60)
            #expect(taken?.id == id, "without a heartbeat, another worker takes a job whose lease ran out")

            finishSignal.yield()
            #expect(try await ran)
        }
    }

    @Test(arguments: DatabaseLane.enabled)
    func aWorkerThatLostItsLeaseCannotRecordAnOutcome(_ lane: DatabaseLane) async throws {
        let clock = TestClock()
        try await withTestApp(lane, clock: clock.appClock) { app async throws in
            let (proceed, signal) = AsyncStream<Void>.makeStream()
            let (started, startedSignal) = AsyncStream<Void>.makeStream()
            app.jobs.register(
                "blocked",
                JobDefinition { _ in
                    startedSignal.yield()
                    for await _ in proceed { break }
                })
            let id = try await JobQueue.enqueue(JobRequest(kind: "blocked"), on: app.db, now: clock.now)
            let worker = app.makeJobWorker()
            async let ran = worker.runNext()
            for await _ in started { break }
            let thief = try #require(
                try await JobQueue.claim(on: app.db, workerID: "thief", now: clock.now + 3600, lease: 60))
            #expect(thief.id == id)
            signal.yield()
            #expect(try await ran)
            let job = try #require(try await JobRecord.find(id, on: app.db))
            #expect(job.state == .running, "the first worker's success must not overwrite the new owner's run")
            #expect(job.lockedBy == "thief")
        }
    }

    @Test func aJobThatIgnoresCancellationIsNotRunTwice() async throws {
        try await withTestApp(variables: Self.fast) { app async throws in
            app.jobs.register(
                "stubborn",
                JobDefinition { _ in
                    let end = ContinuousClock.now + .milliseconds(1200)
                    while ContinuousClock.now < end { try? await Task.sleep(for: .milliseconds(50)) }
                })
            let id = try await JobQueue.enqueue(JobRequest(kind: "stubborn"), on: app.db, now: app.clock.now())
            let worker = app.makeJobWorker(concurrency: 1)
            await worker.start()
            while try await JobRecord.find(id, on: app.db)?.state != .running {
                try await Task.sleep(for: .milliseconds(20))
            }
            await worker.stop(grace: .milliseconds(100))
            let job = try #require(try await JobRecord.find(id, on: app.db))
            #expect(job.state == .succeeded, "it finished, so it must not be handed back to run again")
        }
    }

    @Test func aJobsOwnCancellationErrorIsAnOrdinaryFailure() async throws {
        try await withTestApp { app async throws in
            app.jobs.register("cancels", JobDefinition { _ in throw CancellationError() })
            let id = try await JobQueue.enqueue(
                JobRequest(kind: "cancels", maxAttempts: 1), on: app.db, now: app.clock.now())
            try await app.makeJobWorker().runNext()
            let job = try #require(try await JobRecord.find(id, on: app.db))
            #expect(job.state == .dead)
            #expect(job.attempts == 1)
        }
    }
}
