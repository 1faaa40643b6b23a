/// One detected occurrence of personal data, addressed by character offsets.
///
/// Detectors report candidates as `PIIMatch`es; ``MatchResolver`` then picks a set of
/// non-overlapping ones, and ``Redactor`` turns each into a placeholder.
struct PIIMatch: Sendable, Equatable {
    /// Character offsets of the occurrence in the scanned text.
    var range: Range<Int>
    /// What kind of data it is; `nil` for a literal copy of one of our own placeholders
    /// found in a later input, which is re-encoded so that restoring reproduces it.
    var kind: PIIKind?
    /// The normalised placeholder label, e.g. `EMAIL` or `NAME`.
    var label: String
    /// A canonical form of the value: two occurrences with the same label and canonical
    /// form are the same value and share one placeholder (for example a card number
    /// written with and without spaces).
    var canonical: String

    /// Creates a match.
    init(range: Range<Int>, kind: PIIKind?, label: String, canonical: String) {
        self.range = range
        self.kind = kind
        self.label = label
        self.canonical = canonical
    }

    /// The number of characters covered.
    var length: Int { range.count }

    /// Whether the two matches share at least one character.
    func overlaps(_ other: PIIMatch) -> Bool {
        range.overlaps(other.range)
    }

    /// Whether this match covers all of `other` and more.
    func strictlyContains(_ other: PIIMatch) -> Bool {
        range.lowerBound <= other.range.lowerBound
            && other.range.upperBound <= range.upperBound
            && range != other.range
    }

    /// Orders matches earliest first and, for equal starts, longest first.
    static func earliestThenLongest(_ lhs: PIIMatch, _ rhs: PIIMatch) -> Bool {
        if lhs.range.lowerBound != rhs.range.lowerBound {
            return lhs.range.lowerBound < rhs.range.lowerBound
        }
        return lhs.length > rhs.length
    }
}
