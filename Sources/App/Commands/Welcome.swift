import Foundation
import ParleyCore

/// What `parley serve` prints once it listens: where it is, what it runs on, where mail goes, and the setup link
/// while no account exists. A few plain lines for a person; the JSON log carries the detail.
struct Welcome {
    var address: String
    var settings: Settings
    var migrationsApplied: Int
    var setupLink: String?

    var lines: [String] {
        var lines = ["Parley is listening on \(address) (public URL \(settings.publicURL.absoluteString))"]
        lines.append(
            "  Database: \(database)" + (migrationsApplied > 0 ? ", \(migrationsApplied) migration(s) applied" : ""))
        lines.append("  Mail:     \(mail)")
        lines.append("  Files:    \(storage)")
        if let setupLink {
            lines.append("No account exists yet. Create the owner account within the hour with this one-time link:")
            lines.append("  \(setupLink)")
        }
        lines.append("Stop with Ctrl-C.")
        return lines
    }

    private var database: String {
        switch settings.database {
        case .sqlite(let path): "SQLite, \(path)"
        case .postgres(let postgres):
            "PostgreSQL, \(URLComponents(string: postgres.url).map { "\($0.host ?? "?")\($0.path)" } ?? "?")"
        }
    }

    private var mail: String {
        switch settings.mailTransport {
        case .file: "written as .eml files to \(settings.mailDirectory) (open them with any mail client)"
        case .smtp: "sent through \(settings.smtp.map { "\($0.host):\($0.port)" } ?? "SMTP")"
        }
    }

    private var storage: String {
        settings.storage.backend == .local ? "encrypted under \(settings.dataDirectory)" : "encrypted in the S3 bucket"
    }
}
