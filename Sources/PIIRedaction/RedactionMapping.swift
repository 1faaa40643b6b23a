/// The placeholders handed out by a ``Redactor`` and how often each kind was redacted.
///
/// Use ``restore(_:)`` to turn the placeholders in an AI provider's answer back into the
/// original values, or ``StreamingRestorer`` when the answer arrives in chunks.
public struct RedactionMapping: Sendable, Equatable {
    /// Placeholder (e.g. `[EMAIL_1]`) → original text. Each distinct value has one
    /// placeholder; it restores to the spelling first seen.
    public var placeholders: [String: String]

    /// Number of redacted occurrences per kind (a value redacted three times counts
    /// three). Kinds that never occurred are absent.
    public var countsByKind: [PIIKind: Int]

    /// Creates a mapping, e.g. to restore an answer with a mapping stored earlier.
    public init(placeholders: [String: String] = [:], countsByKind: [PIIKind: Int] = [:]) {
        self.placeholders = placeholders
        self.countsByKind = countsByKind
    }

    /// `text` with every placeholder of this mapping replaced by its original value.
    ///
    /// Only keys of ``placeholders`` are replaced: text that merely looks like a
    /// placeholder (`[EMAIL_9]`, `[NAME_1` without the bracket) is left as it is.
    public func restore(_ text: String) -> String {
        PlaceholderLookup(placeholders).restore(text)
    }

    /// The total number of redacted occurrences across all kinds.
    public var totalCount: Int {
        countsByKind.values.reduce(0, +)
    }

    /// Records one more occurrence of `kind`.
    mutating func count(_ kind: PIIKind) {
        countsByKind[kind, default: 0] += 1
    }

    /// Whether `placeholder` is already in use.
    func contains(_ placeholder: String) -> Bool {
        placeholders[placeholder] != nil
    }
}
