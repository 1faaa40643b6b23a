import Foundation

/// A parsed element: its local name, its text, and its child elements.
struct XMLNode: Sendable, Equatable {
    var name: String
    var text: String = ""
    var children: [XMLNode] = []

    /// The first child called `name`.
    func child(_ name: String) -> XMLNode? {
        children.first { $0.name == name }
    }

    /// All children called `name`, in document order.
    func children(named name: String) -> [XMLNode] {
        children.filter { $0.name == name }
    }

    /// The text of the first child called `name`.
    func text(of name: String) -> String? {
        child(name)?.text
    }

    func requiredText(of name: String) throws -> String {
        guard let value = text(of: name) else { throw S3XMLError.missingElement(name) }
        return value
    }

    func integer(of name: String) throws -> Int64? {
        guard let raw = text(of: name) else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let value = Int64(trimmed) else { throw S3XMLError.invalidValue(element: name, value: raw) }
        return value
    }

    func boolean(of name: String) throws -> Bool? {
        guard let raw = text(of: name) else { return nil }
        switch raw.trimmingCharacters(in: .whitespacesAndNewlines) {
        case "true": return true
        case "false": return false
        default: throw S3XMLError.invalidValue(element: name, value: raw)
        }
    }
}
