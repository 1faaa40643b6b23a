import Foundation
import SMTPClient
import Vapor

/// `parley mail test --to ADDRESS`: sends a test message through the configured transport, now.
struct MailTestCommand: AsyncCommandGroup {
    var help: String { "Mail tools: send a test message." }
    var commands: [String: any AnyAsyncCommand] { ["test": SendTestMail()] }
}

struct SendTestMail: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "The address to send the test message to.")
        var to: String?
    }

    var help: String { "Send a test message through the configured mail transport." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let to = signature.to else { throw CommandFailure("Give the recipient with --to ADDRESS.") }
        let app = context.application
        try await app.prepareStorage()
        let template = MailTemplate.configurationTest(publicURL: app.settings.publicURL.absoluteString)
        let message = EmailMessage(
            from: try EmailAddress(parsing: app.settings.mailFrom), to: [try EmailAddress(parsing: to)],
            subject: template.subject, textBody: template.textBody, htmlBody: template.htmlBody,
            date: app.clock.now(),
            messageID: "\(UUID().uuidString.lowercased())@\(app.settings.publicURL.host ?? "localhost")")
        try await app.mailTransport.deliver(message)
        context.console.print("Sent a test message to \(to) through the \(app.mailTransport.name) transport.")
    }
}
