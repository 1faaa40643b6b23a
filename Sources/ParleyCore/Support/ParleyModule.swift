import Fluent
import Vapor

/// What each feature module hands to the composition root: its frozen migrations, and one registration
/// function that adds its routes, job kinds, schedules, readiness checks and commands to the application.
package protocol ParleyModule {
    /// This module's migrations, oldest first. Names are frozen once landed.
    static var migrations: [any Migration] { get }
    /// Adds the module's routes, jobs, schedules, readiness checks and commands.
    static func register(in app: Application, routes: any RoutesBuilder) throws
}

extension Application {
    private struct JobRegistryKey: StorageKey { typealias Value = JobRegistry }
    private struct ReadinessKey: StorageKey { typealias Value = Readiness }
    private struct MailTransportKey: StorageKey { typealias Value = MailTransport }

    package var jobs: JobRegistry {
        if let registry = storage[JobRegistryKey.self] { return registry }
        let registry = JobRegistry()
        storage[JobRegistryKey.self] = registry
        return registry
    }

    package var readiness: Readiness {
        if let readiness = storage[ReadinessKey.self] { return readiness }
        let readiness = Readiness()
        storage[ReadinessKey.self] = readiness
        return readiness
    }

    /// The configured mail transport; tests swap it.
    package var mailTransport: MailTransport {
        get { storage[MailTransportKey.self] ?? .file(directory: settings.mailDirectory) }
        set { storage[MailTransportKey.self] = newValue }
    }

    /// A worker wired to this application's database, registry, clock and settings.
    package func makeJobWorker(concurrency: Int? = nil) -> JobWorker {
        let settings = settings
        let configuration = JobWorker.Configuration(
            concurrency: concurrency ?? settings.workerConcurrency,
            pollInterval: .milliseconds(settings.jobPollIntervalMilliseconds),
            lease: TimeInterval(settings.jobLeaseSeconds))
        // The database list is taken now: once the application shuts down it has no database left to give (and
        // `app.db` would trap), and the worker's loops end.
        let databases = databases
        let group = eventLoopGroup
        let logger = logger
        return JobWorker(database: {
                             guard let db = databases.database(logger: logger, on: group.any()) else { throw JobWorkerError.applicationStopped }
                             return db
                         }, registry: jobs, configuration: configuration,
                         clock: clock, random: random, logger: Logger(label: "parley.jobs"))
    }
}
