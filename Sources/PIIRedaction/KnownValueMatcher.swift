/// Finds the caller's ``KnownValue``s in text.
///
/// Values are compared character by character after lowercasing each `Character`, so a
/// match always covers whole grapheme clusters (`"Rene"` does not hit `"René"`, in
/// either Unicode normalisation form). Whitespace inside a value matches any run of
/// whitespace. Name-like values must be surrounded by non-word characters.
struct KnownValueMatcher: Sendable {
    private enum Unit: Sendable, Equatable {
        case text(String)
        case whitespace
    }

    private struct Entry: Sendable {
        let units: [Unit]
        let first: String
        let nameLike: Bool
        let label: String
        let canonical: String
    }

    /// Entries, longest value first.
    private let entries: [Entry]

    /// Prepares `known` for matching: trims, drops values shorter than two characters
    /// and duplicates (case-insensitively; the first label wins), and orders the rest
    /// longest first.
    init(_ known: [KnownValue]) {
        var seen = Set<String>()
        var prepared: [(entry: Entry, length: Int)] = []
        for item in known {
            let value = item.trimmedValue
            guard value.count >= 2 else { continue }
            let units = Self.units(of: value)
            let canonical = units.map { unit -> String in
                if case .text(let folded) = unit { return folded }
                return " "
            }.joined()
            guard case .text(let first) = units[0], seen.insert(canonical).inserted else { continue }
            let entry = Entry(
                units: units, first: first, nameLike: item.isNameLike,
                label: item.placeholderLabel, canonical: canonical)
            prepared.append((entry, value.count))
        }
        entries = prepared.enumerated()
            .sorted { lhs, rhs in
                lhs.element.length != rhs.element.length
                    ? lhs.element.length > rhs.element.length : lhs.offset < rhs.offset
            }
            .map(\.element.entry)
    }

    /// Lowercases one character for comparison (fast path for ASCII).
    static func fold(_ character: Character) -> String {
        if let ascii = character.asciiValue, ascii >= 65, ascii <= 90 {
            return String(Character(Unicode.Scalar(ascii + 32)))
        }
        return character.isASCII ? String(character) : String(character).lowercased()
    }

    private static func units(of value: String) -> [Unit] {
        var units: [Unit] = []
        for character in value {
            if character.isWhitespace {
                if units.last != .whitespace { units.append(.whitespace) }
            } else {
                units.append(.text(fold(character)))
            }
        }
        return units
    }

    /// Every position where some known value matches, with the longest value that
    /// matches there.
    func matches(in text: ScanText) -> [PIIMatch] {
        guard !entries.isEmpty else { return [] }
        let folded = text.chars.map(Self.fold)
        var result: [PIIMatch] = []
        for start in folded.indices {
            for entry in entries where entry.first == folded[start] {
                guard let end = Self.end(of: entry, in: text, folded: folded, from: start) else { continue }
                if entry.nameLike, text.isWordCharacter(at: start - 1) || text.isWordCharacter(at: end) {
                    continue
                }
                result.append(
                    PIIMatch(
                        range: start..<end, kind: .known,
                        label: entry.label, canonical: entry.canonical))
                break
            }
        }
        return result
    }

    private static func end(of entry: Entry, in text: ScanText, folded: [String], from start: Int) -> Int? {
        var position = start
        for unit in entry.units {
            switch unit {
            case .text(let expected):
                guard position < folded.count, folded[position] == expected else { return nil }
                position += 1
            case .whitespace:
                guard position < folded.count, text.chars[position].isWhitespace else { return nil }
                while position < folded.count, text.chars[position].isWhitespace { position += 1 }
            }
        }
        return position
    }
}
