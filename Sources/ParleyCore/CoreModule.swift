import Fluent
import Foundation
import Vapor

/// The shared core's registration: health routes, readiness checks, mail delivery, job pruning, and the
/// `jobs` and `mail` commands.
package enum CoreModule: ParleyModule {
    package static var migrations: [any Migration] {
        [
            CreateJobs(),         // 0001 job queue
            CreateAuditEvents(),  // 0002 append-only audit log
            CreateMailOutbox(),   // 0003 mail outbox
            CreateRateLimitWindows(),  // 0004 shared rate-limit counters
            CreateSpentChallenges(),   // 0005 used proof-of-work nonces
        ]
    }

    package static let pruneJobKind = "jobs.prune"
    package static let rateLimitPruneJobKind = "ratelimit.prune"

    /// Two trivial routes that differ only in the limiter, for `scripts/bench ratelimit`. Off unless asked for.
    private static func registerBenchRoutes(_ routes: any RoutesBuilder) {
        routes.unlimited(because: "benchmark baseline, registered only with PARLEY_BENCH_ROUTES=true").get("bench", "plain") { _ in "ok" }
        routes.tiered(.api).get("bench", "limited") { _ in "ok" }
    }

    package static func register(in app: Application, routes: any RoutesBuilder) throws {
        let store: RateLimitStore = app.settings.rateLimitStore == .postgres ? .postgres({ [unowned app] in app.db }) : .memory()
        app.rateLimiting = RateLimiting(limiter: RateLimiter(store: store), settings: app.settings, clock: app.clock)
        HealthController.register(routes)
        BotCheckController.register(routes)
        AssetsController.register(routes)
        app.readiness.register(.database)
        app.readiness.register(.jobQueue)
        app.readiness.register(.storage)
        app.jobs.register(Mailer.deliveryJobKind, Mailer.deliveryJob(transport: { [unowned app] in app.mailTransport }))
        app.jobs.register(pruneJobKind, JobDefinition { context in
            let day: TimeInterval = 86_400
            try await JobQueue.prune(finishedBefore: context.now - 7 * day, deadBefore: context.now - 30 * day, on: context.db)
        })
        app.jobs.schedule(JobSchedule(name: "prune-jobs", kind: pruneJobKind, cadence: .daily(hour: 3, minute: 0)))
        app.jobs.register(rateLimitPruneJobKind, JobDefinition { context in
            try await RateLimitStore.prune(on: context.db, now: context.now)
            try await BotCheck.prune(on: context.db, now: context.now)
        })
        app.jobs.schedule(JobSchedule(name: "prune-rate-limits", kind: rateLimitPruneJobKind, cadence: .every(seconds: 300)))
        app.asyncCommands.use(JobsCommand(), as: "jobs")
        app.asyncCommands.use(MailTestCommand(), as: "mail")
        app.asyncCommands.use(RateLimitCommand(), as: "ratelimit")
        if app.settings.benchRoutes { registerBenchRoutes(routes) }
    }
}
