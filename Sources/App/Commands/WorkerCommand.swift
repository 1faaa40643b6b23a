import ParleyCore
import Vapor

/// `parley worker`: runs jobs only, for deployments that scale workers apart from web processes.
struct WorkerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(
            name: "concurrency", short: "c", help: "How many jobs to run at once (default PARLEY_WORKER_CONCURRENCY).")
        var concurrency: Int?
    }

    var help: String { "Run background jobs without serving HTTP." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if let concurrency = signature.concurrency, !(1...64).contains(concurrency) {
            throw CommandFailure("--concurrency must be from 1 to 64.")
        }
        try await app.prepareStorage()
        let worker = app.makeJobWorker(concurrency: signature.concurrency)
        await worker.start()
        context.console.print("Parley worker \(worker.id) is running; stop it with Ctrl-C or SIGTERM.")
        await ShutdownSignal.wait()
        await worker.stop(grace: .seconds(app.settings.shutdownGraceSeconds))
    }
}
