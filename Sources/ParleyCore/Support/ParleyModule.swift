import Fluent
import Vapor

/// What each feature module hands to the composition root (`App/Modules.swift`). Requirements without a default
/// are the ones a new module must think about: its frozen migrations, the tables where it keeps workspace data, and
/// its registration.
package protocol ParleyModule {
    /// This module's migrations. Names are frozen once landed; the application runs them ordered by name.
    static var migrations: [any Migration] { get }
    /// The modules whose registration this one uses; `configure` refuses a module list where any comes later.
    static var dependencies: [any ParleyModule.Type] { get }
    /// Every table of this module that holds workspace data (`[]` when it keeps none).
    static var tenantTables: [TenantTable] { get }
    /// Tables of this module that carry a workspace id but are not workspace data (`[]` by default).
    static var untenantedTables: [UntenantedTable] { get }
    /// The actions on this module's workspace data, with who may take them (`[]` by default).
    static var permissions: [Permission] { get }
    /// Adds the module's routes, jobs, schedules, readiness checks, commands and the hooks lower modules offer.
    static func register(in app: Application, routes: any RoutesBuilder) throws
    /// Builds the services that hold keys, once the data folder and its master key are ready (`prepareStorage`).
    static func storageReady(_ app: Application, masterKey: MasterKey) throws
}

extension ParleyModule {
    package static var dependencies: [any ParleyModule.Type] { [] }
    package static var untenantedTables: [UntenantedTable] { [] }
    package static var permissions: [Permission] { [] }
    package static func storageReady(_ app: Application, masterKey: MasterKey) throws {}
    package static var name: String { String(describing: self) }
}

/// A module list whose order breaks a module's declared dependency.
package struct ModuleOrderError: Error, CustomStringConvertible {
    package var description: String

    /// Nil when every module comes after the modules it depends on.
    package init?(_ modules: [any ParleyModule.Type]) {
        var registered: Set<String> = []
        for module in modules {
            if let missing = module.dependencies.first(where: { !registered.contains($0.name) }) {
                description = "\(module.name) depends on \(missing.name), which must be registered before it"
                return
            }
            registered.insert(module.name)
        }
        return nil
    }
}

extension Application {
    private struct JobRegistryKey: StorageKey { typealias Value = JobRegistry }
    private struct ReadinessKey: StorageKey { typealias Value = Readiness }
    private struct MailTransportKey: StorageKey { typealias Value = MailTransport }
    private struct ModulesKey: StorageKey { typealias Value = [any ParleyModule.Type] }

    /// The modules this application was configured with, in registration order.
    package var modules: [any ParleyModule.Type] {
        get { storage[ModulesKey.self] ?? [] }
        set { storage[ModulesKey.self] = newValue }
    }

    /// Every table that holds workspace data, from every module.
    package var tenantTables: [TenantTable] { modules.flatMap { $0.tenantTables } }

    /// Every action on workspace data, from every module, in registration order.
    package var permissions: [Permission] { modules.flatMap { $0.permissions } }

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
        return JobWorker(
            database: {
                guard let db = databases.database(logger: logger, on: group.any()) else {
                    throw JobWorkerError.applicationStopped
                }
                return db
            }, registry: jobs, configuration: configuration,
            clock: clock, random: random, logger: Logger(label: "parley.jobs"))
    }
}
