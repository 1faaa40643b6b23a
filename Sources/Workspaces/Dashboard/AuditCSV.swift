import Foundation

/// The audit events as CSV (RFC 4180). A cell that a spreadsheet would read as a formula (starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so an exported log cannot run anything.
enum AuditCSV {
    static func document(_ events: [WorkspaceResponses.AuditEventInfo]) -> String {
        var lines = ["occurred_at,actor,action,target,ip"]
        let formatter = ISO8601DateFormatter()
        for event in events {
            lines.append(
                [
                    formatter.string(from: event.occurredAt), event.actor, event.action, event.target ?? "",
                    event.ip ?? "",
                ]
                .map(cell).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
