import Accounts
import Fluent
import ParleyCore
import UnixSignals
import Vapor

/// `parley serve [--hostname H] [--port P]`: applies pending migrations (unless turned off), serves HTTP,
/// runs the job worker in the same process (unless turned off), and shuts both down gracefully on SIGINT/SIGTERM.
struct ServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: "The address to listen on (default PARLEY_HOST).")
        var hostname: String?
        @Option(name: "port", short: "p", help: "The port to listen on (default PARLEY_PORT).")
        var port: Int?
    }

    var help: String { "Serve Parley over HTTP, with the job worker in the same process." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let settings = app.settings
        try await app.prepareStorage()
        var applied = 0
        if settings.autoMigrate {
            try await app.migrator.setupIfNeeded().get()
            applied = try await app.migrator.previewPrepareBatch().get().count
            try await app.migrateDatabase()
        }
        let host = signature.hostname ?? settings.host
        let port = signature.port ?? settings.port
        try await app.server.start(address: .hostname(host, port: port))
        let bound = app.http.server.shared.localAddress?.port ?? port
        let welcome = Welcome(
            address: "http://\(host.contains(":") ? "[\(host)]" : host):\(bound)", settings: settings,
            migrationsApplied: applied, setupLink: try await AccountsModule.setupLink(app))
        for line in welcome.lines { context.console.print(line) }
        let worker = settings.runWorkerInProcess ? app.makeJobWorker() : nil
        await worker?.start()
        await ShutdownSignal.wait()
        context.console.print("Shutting down…")
        await app.server.shutdown()
        await worker?.stop(grace: .seconds(settings.shutdownGraceSeconds))
    }
}

/// Waits for SIGINT or SIGTERM.
enum ShutdownSignal {
    static func wait() async {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        for await _ in signals { return }
    }
}
