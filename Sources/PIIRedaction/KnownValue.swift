import Foundation

/// A value the caller names explicitly (a visitor's name, e-mail address, customer id…)
/// so that it is redacted wherever it appears.
///
/// Matching rules:
/// - the value is trimmed; values shorter than two characters are ignored;
/// - matching is case-insensitive and a run of whitespace inside the value matches any
///   run of whitespace in the text (so `"Anna Maria"` also hits `"ANNA\nMaria"`);
/// - values made only of letters, spaces, hyphens and apostrophes (names) match on word
///   boundaries only, so `"Ann"` does not hit `"Annual"`; other values match anywhere;
/// - longer values are tried first, and known values take precedence over the
///   built-in patterns (a known e-mail address gets the known label).
///
/// The placeholder label is ``label`` uppercased with every non-alphanumeric character
/// removed: `"Visitor name"` yields placeholders such as `[VISITORNAME_1]`. A label that
/// is empty after this normalisation falls back to `KNOWN`.
public struct KnownValue: Sendable, Equatable {
    /// The value to redact.
    public var value: String
    /// A human-readable label, e.g. `"NAME"` or `"Visitor email"`.
    public var label: String

    /// Creates a known value.
    /// - Parameters:
    ///   - value: The value to redact wherever it appears.
    ///   - label: The label used for its placeholder, e.g. `"NAME"`.
    public init(_ value: String, label: String) {
        self.value = value
        self.label = label
    }

    /// The value with surrounding whitespace removed.
    var trimmedValue: String {
        value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The normalised label used inside placeholders.
    var placeholderLabel: String {
        PlaceholderSyntax.label(from: label)
    }

    /// Whether the value looks like a name (letters, spaces, hyphens, apostrophes only)
    /// and must therefore match on word boundaries.
    var isNameLike: Bool {
        trimmedValue.allSatisfy { character in
            character.isLetter || character.isWhitespace
                || character == "-" || character == "'" || character == "\u{2019}"
        }
    }
}
