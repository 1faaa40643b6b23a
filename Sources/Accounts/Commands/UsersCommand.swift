import Fluent
import Foundation
import ParleyCore
import Vapor

/// `parley users create-admin --email ADDRESS [--name NAME]`: an owner account from the shell. The password is
/// read from standard input (asked for without echo on a terminal), never from the command line.
struct UsersCommand: AsyncCommandGroup {
    var help: String { "Manage user accounts." }
    var commands: [String: any AnyAsyncCommand] { ["create-admin": CreateAdmin()] }
}

struct CreateAdmin: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The owner's email address.")
        var email: String?
        @Option(name: "name", help: "The owner's display name (default: the address's local part).")
        var name: String?
    }

    var help: String { "Create an owner account; the password is read from standard input." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let email = signature.email else { throw CommandFailure("Give the owner's address with --email.") }
        let password =
            isatty(STDIN_FILENO) == 1
            ? context.console.ask("Password (12 to 128 characters)".consoleText(), isSecure: true)
            : (readLine(strippingNewline: true) ?? "")
        let app = context.application
        try await app.prepareStorage()
        // On a fresh install this may be the first command run: bring the schema up as `serve` would.
        if app.settings.autoMigrate { try await app.migrateDatabase() }
        let env = try AccountsEnvironment(app, db: app.db, logger: app.logger, client: .commandLine)
        do {
            let form = try AuthRequests.SignUp(email: email, password: password, displayName: signature.name)
                .validated()
            let user = try await FirstOwner.createFromShell(form, env)
            context.console.print("Created owner \(user.email). Sign in at \(env.publicURL.page("/sign-in"))")
        } catch let error as CoreError {
            throw CommandFailure(error.reason)
        }
    }
}

/// `parley keys rotate-jwt`: a new access-token signing key; the old ones verify until their tokens expire.
struct RotateJWTKey: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String {
        "Start signing access tokens with a new key; the old keys keep verifying until their tokens expire."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareStorage()
        if app.settings.autoMigrate { try await app.migrateDatabase() }
        let settings = app.settings.auth
        let rotation = try await AccessTokenKeys.rotate(
            db: app.db, masterKey: app.accounts.masterKey, now: app.clock.now(),
            tokenLifetime: TimeInterval(settings.accessTokenSeconds))
        try await AuditLog.record(
            AuditEntry(
                action: "auth.signing_key.rotated", actor: .system, target: ("signing_key", rotation.new),
                metadata: ["retired": rotation.retired.joined(separator: ",")]),
            on: app.db, logger: app.logger, now: app.clock.now())
        context.console.print(
            "New signing key \(rotation.new). Retired: \(rotation.retired.isEmpty ? "none" : rotation.retired.joined(separator: ", ")); "
                + "running servers switch within \(Int(AccessTokenKeys.reloadInterval)) seconds.")
    }
}
