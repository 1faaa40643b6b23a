import Fluent
import ParleyCore
import Vapor

/// `parley migrate [--revert] [--yes]`: applies pending migrations, or reverts the last batch.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "revert", help: "Revert the last batch of migrations instead of applying.")
        var revert: Bool
        @Flag(name: "yes", short: "y", help: "Do not ask before reverting.")
        var yes: Bool
    }

    var help: String { "Apply pending database migrations, or revert the last batch." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.prepareStorage()
        let migrator = context.application.migrator
        try await migrator.setupIfNeeded().get()
        if signature.revert {
            let batch = try await migrator.previewRevertLastBatch().get()
            guard !batch.isEmpty else { return context.console.print("Nothing to revert.") }
            context.console.print("Will revert: " + batch.map { $0.0.name }.joined(separator: ", "))
            guard signature.yes || context.console.confirm("Revert these migrations? Their data is deleted.") else {
                throw CommandFailure("Not reverted.")
            }
            try await migrator.revertLastBatch().get()
            context.console.print("Reverted \(batch.count) migration(s).")
        } else {
            let pending = try await migrator.previewPrepareBatch().get()
            guard !pending.isEmpty else { return context.console.print("The database is up to date.") }
            try await migrator.prepareBatch().get()
            try await context.application.grantRuntimeAccess()
            context.console.print("Applied: " + pending.map { $0.0.name }.joined(separator: ", "))
        }
    }
}
