import Foundation

/// A mailbox: an address with an optional display name, as in `Ada Lovelace <ada@example.com>`.
public struct EmailAddress: Sendable, Equatable, CustomStringConvertible {
    public let address: String
    public let name: String?

    /// Fails for anything that is not a plain `local@domain` without spaces, angle brackets or line breaks.
    public init(_ address: String, name: String? = nil) throws {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, address.utf8.count <= 254,
            !address.contains(where: { $0.isWhitespace || "<>()[],;:\"\\".contains($0) || $0.isNewline })
        else {
            throw MessageError.invalidAddress(address)
        }
        if let name, name.contains(where: \.isNewline) { throw MessageError.headerInjection(field: "display name") }
        self.address = address
        self.name = name?.isEmpty == true ? nil : name
    }

    /// Parses `Name <user@host>` or a bare `user@host`.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            var name = String(trimmed[..<open]).trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                name = String(name.dropFirst().dropLast())
            }
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            try self.init(address, name: name.isEmpty ? nil : name)
        } else {
            try self.init(trimmed)
        }
    }

    public var description: String { name.map { "\($0) <\(address)>" } ?? address }
}
