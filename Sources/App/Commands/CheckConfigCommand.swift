import Fluent
import ParleyCore
import SQLKit
import Vapor

/// `parley check-config`: the settings already parsed (or start-up stopped with every problem listed);
/// this checks that each configured service answers, lists every failure, and exits non-zero if any.
struct CheckConfigCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String {
        "Validate every setting and check that the database, data folder, file storage and mail server answer."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let settings = app.settings
        var problems: [String] = []
        for check in ConfigCheck.all {
            do {
                let detail = try await check.run(app)
                context.console.print("ok    \(check.name)\(detail.map { ": \($0)" } ?? "")")
            } catch {
                context.console.print("FAIL  \(check.name): \(error)")
                problems.append("\(check.name): \(error)")
            }
        }
        context.console.print(
            "environment \(settings.environment.rawValue), public URL \(settings.publicURL.absoluteString), mail \(app.mailTransport.name)"
        )
        if !problems.isEmpty {
            throw CommandFailure("check-config found \(problems.count) problem(s).")
        }
    }
}

/// One connectivity check of `check-config`.
struct ConfigCheck: Sendable {
    let name: String
    let run: @Sendable (Application) async throws -> String?

    static let all: [ConfigCheck] = [
        ConfigCheck(name: "data folder") { app in
            try await app.prepareStorage()
            return app.settings.dataDirectory
        },
        ConfigCheck(name: "database") { app in
            guard let sql = app.db as? any SQLDatabase else { return nil }
            _ = try await sql.raw("SELECT 1 AS ok").first()
            // Read-only: a database never migrated has no migration table yet, which is not a failure.
            let pending = try? await app.migrator.previewPrepareBatch().get().count
            return "\(sql.dialect.name) answers, "
                + (pending.map { "\($0) pending migration(s)" } ?? "not migrated yet")
        },
        ConfigCheck(name: "file storage") { app in
            let blobs = try app.blobs
            try await blobs.backend.check()
            return "\(blobs.backend.name), storage master key \(try blobs.keys.keyring().currentID)"
        },
        ConfigCheck(name: "row-level security") { app in
            try await RowLevelSecurityCheck.run(app)
        },
        ConfigCheck(name: "mail") { app in
            try await app.mailTransport.verify()
            return app.mailTransport.name
        },
    ]
}
