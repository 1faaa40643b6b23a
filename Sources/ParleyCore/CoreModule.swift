import Fluent
import Foundation
import Vapor

/// The shared core's registration: health routes, readiness checks, mail delivery, job pruning, and the
/// `jobs` and `mail` commands.
package enum CoreModule: ParleyModule {
    package static var migrations: [any Migration] {
        [
            CreateJobs(),  // 0001 job queue
            CreateAuditEvents(),  // 0002 append-only audit log
            CreateMailOutbox(),  // 0003 mail outbox
            CreateRateLimitWindows(),  // 0004 shared rate-limit counters
            CreateSpentChallenges(),  // 0005 used proof-of-work nonces
            CreateEvents(),  // 0022 the event outbox (runs after 0011 creates workspaces)
        ]
    }

    package static let tenantTables = [
        TenantTable(
            "audit_events", export: .file("audit_events.json"),
            purge: .kept(
                because: "the audit history is append-only and outlives the workspace for its retention period")),
        TenantTable(
            "events",
            export: .excluded(
                because: "a delivery queue for notifications, already reflected in the data it announces"),
            purge: .cascades),
    ]

    package static let untenantedTables = [
        UntenantedTable(
            "mail_outbox",
            because:
                "a delivery queue the mail job reads outside any workspace; the id only says which workspace a mail concerns, and rows are pruned after 30 days"
        )
    ]

    package static let pruneJobKind = "jobs.prune"
    package static let rateLimitPruneJobKind = "ratelimit.prune"

    /// Two trivial routes that differ only in the limiter, for `scripts/bench ratelimit`. Off unless asked for.
    private static func registerBenchRoutes(_ routes: any RoutesBuilder) {
        routes.unlimited(because: "benchmark baseline, registered only with PARLEY_BENCH_ROUTES=true").get(
            "bench", "plain"
        ) { _ in "ok" }
        routes.tiered(.api).get("bench", "limited") { _ in "ok" }
    }

    /// The core's own API operations.
    private static func describeAPI(_ document: OpenAPIDocument) {
        document.addSchema(
            "BotCheckChallenge",
            OpenAPI.object(
                [
                    "kind": ["enum": ["turnstile", "pow"]], "site_key": ["type": "string"],
                    "nonce": ["type": "string"], "difficulty": ["type": "integer"],
                    "expires_at": ["type": "string", "format": "date-time"],
                ], required: ["kind"]))
        document.add(
            .GET, "/api/v1/bot-check/challenge",
            OpenAPI.operation(
                "botCheckChallenge", tag: "public", summary: "The bot check a public form must answer.",
                responses: [200: ("The challenge", "BotCheckChallenge")]))
        document.add(
            .GET, "/api/openapi.json",
            OpenAPI.operation(
                "openAPI", tag: "public", summary: "This document.", responses: [200: ("OpenAPI 3.1", nil)]))
    }

    package static func register(in app: Application, routes: any RoutesBuilder) throws {
        let store: RateLimitStore =
            app.settings.rateLimitStore == .postgres ? .postgres({ [unowned app] in app.db }) : .memory()
        app.rateLimiting = RateLimiting(limiter: RateLimiter(store: store), settings: app.settings, clock: app.clock)
        HealthController.register(routes)
        BotCheckController.register(routes)
        app.assetCatalog = AssetCatalog(directory: app.settings.publicDirectory + "/assets")
        AssetsController.register(routes)
        routes.tiered(.public).get("api", "openapi.json") { request in
            let document = request.application.openAPI.document(
                serverURL: request.application.settings.publicURL.absoluteString, version: "v1")
            let response = Response(status: .ok, body: .init(data: try JSONEncoder.sorted.encode(document)))
            response.headers.contentType = .json
            return response
        }
        describeAPI(app.openAPI)
        app.readiness.register(.database)
        app.readiness.register(.jobQueue)
        app.readiness.register(.storage)
        app.eventConsumers = EventConsumers()
        app.jobs.register(EventOutbox.deliveryJobKind, EventOutbox.deliveryJob(consumers: app.eventConsumers))
        app.jobs.register(Mailer.deliveryJobKind, Mailer.deliveryJob(transport: { [unowned app] in app.mailTransport }))
        app.jobs.register(
            pruneJobKind,
            JobDefinition { context in
                let day: TimeInterval = 86_400
                try await JobQueue.prune(
                    finishedBefore: context.now - 7 * day, deadBefore: context.now - 30 * day, on: context.db)
                try await Mailer.prune(createdBefore: context.now - 30 * day, on: context.db)
                try await EventOutbox.prune(before: context.now - 30 * day, on: context.db)
            })
        app.jobs.schedule(JobSchedule(name: "prune-jobs", kind: pruneJobKind, cadence: .daily(hour: 3, minute: 0)))
        app.jobs.register(
            rateLimitPruneJobKind,
            JobDefinition { context in
                try await RateLimitStore.prune(on: context.db, now: context.now)
                try await BotCheck.prune(on: context.db, now: context.now)
            })
        app.jobs.schedule(
            JobSchedule(name: "prune-rate-limits", kind: rateLimitPruneJobKind, cadence: .every(seconds: 300)))
        app.asyncCommands.use(JobsCommand(), as: "jobs")
        app.asyncCommands.use(MailTestCommand(), as: "mail")
        app.asyncCommands.use(RateLimitCommand(), as: "ratelimit")
        if app.settings.benchRoutes { registerBenchRoutes(routes) }
    }
}
