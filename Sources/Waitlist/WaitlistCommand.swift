import Fluent
import Foundation
import ParleyCore
import SMTPClient
import Vapor

/// `parley waitlist export --csv` and `parley waitlist invite (--email ADDRESS | --all)`.
struct WaitlistCommand: AsyncCommandGroup {
    var help: String { "Export the waitlist or invite confirmed entries." }
    var commands: [String: any AnyAsyncCommand] { ["export": ExportWaitlist(), "invite": InviteFromWaitlist()] }
}

struct ExportWaitlist: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "csv", help: "Write CSV (RFC 4180) to standard output.")
        var csv: Bool
    }

    var help: String { "Write every waitlist entry as CSV." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.csv else { throw CommandFailure("Choose a format: --csv.") }
        let app = context.application
        try await app.prepareStorage()
        let entries = try await WaitlistEntry.query(on: app.db).sort(\.$createdAt).all()
        context.console.output(WaitlistCSV.render(entries).consoleText(), newLine: false)
    }
}

struct InviteFromWaitlist: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "Invite this confirmed address.")
        var email: String?
        @Flag(name: "all", help: "Invite every confirmed entry not yet invited.")
        var all: Bool
    }

    var help: String { "Send invitations to confirmed waitlist entries." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard (signature.email != nil) != signature.all else {
            throw CommandFailure("Give either --email ADDRESS or --all.")
        }
        let app = context.application
        try await app.prepareStorage()
        let env = try Waitlist.Environment(app, db: app.db, logger: app.logger)
        let count = try await Waitlist.invite(email: signature.email, env)
        if let email = signature.email, count == 0 {
            throw CommandFailure("\(email) is not a confirmed, uninvited waitlist entry.")
        }
        context.console.print("Invited \(count) waitlist entr\(count == 1 ? "y" : "ies"); the mail is in the outbox.")
    }
}

/// RFC 4180 CSV. A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading `'`.
enum WaitlistCSV {
    static func render(_ entries: [WaitlistEntry]) -> String {
        let iso = ISO8601DateFormatter()
        var lines = ["email,name,company,consented_at,confirmed_at,invited_at,created_at"]
        for entry in entries {
            let cells = [
                entry.email, entry.name, entry.company ?? "", iso.string(from: entry.consentedAt),
                entry.confirmedAt.map(iso.string) ?? "", entry.invitedAt.map(iso.string) ?? "",
                iso.string(from: entry.createdAt),
            ]
            lines.append(cells.map(cell).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
