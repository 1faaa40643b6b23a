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

    package static func register(in app: Application, routes: any RoutesBuilder) throws {
        app.rateLimiter = RateLimiter(store: app.settings.rateLimitStore == .postgres ? .postgres({ [unowned app] in app.db }) : .memory())
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
    }
}
