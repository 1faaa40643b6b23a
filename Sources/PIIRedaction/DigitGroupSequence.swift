/// A run of digit groups joined by phone-style separators, parsed from one position.
///
/// Between two groups the parser accepts an optional `)` closing an open parenthesis,
/// then at most one of space, `-`, `.` or `/`, then an optional `(`; at least one of
/// these must be present (`555-123-4567`, `(555) 123-4567`, `+44 (0)20 7946 0958`).
///
/// Groups that belong to something other than a phone number are marked as blocked:
/// dates (`2026-11-22`, `22.11.2026`, `11/22/2026`), times (`14:30`) and IPv4
/// addresses (`192.168.1.10`). A phone candidate never contains a blocked group.
struct DigitGroupSequence {
    /// One group of consecutive ASCII digits.
    struct Group {
        /// Character offsets of the digits.
        var range: Range<Int>
        /// The digits as text.
        var digits: String
        /// The separator characters between the previous group and this one.
        var separator: String
        /// Whether a `(` opened before this group is still unclosed at its end.
        var insideOpenParenthesis: Bool
        /// Whether the group is part of a date, time or IP address.
        var isBlocked = false

        var length: Int { digits.count }
        var value: Int { Int(digits) ?? 0 }
    }

    static let separators = Set<Character>(" -./")
    static let maximumGroups = 8
    static let maximumGroupDigits = 15

    /// Offset of the first character: a `+`, a `(` (also as `(+`) or the first digit.
    let start: Int
    /// Whether the sequence starts with `+`.
    let isInternational: Bool
    /// The groups, in order; never empty.
    private(set) var groups: [Group]

    /// Parses the sequence starting at `start`; `nil` if no digit group follows.
    init?(_ text: ScanText, at start: Int) {
        var position = start
        var open = false
        if text[position] == "(", text[position + 1] == "+" {
            open = true
            position += 1
        }
        let international = text[position] == "+"
        if international { position += 1 }
        if !open, text[position] == "(" {
            open = true
            position += 1
        }
        var separator = ""
        var groups: [Group] = []
        while groups.count < Self.maximumGroups {
            let end = text.digitRunEnd(from: position)
            guard end > position, end - position <= Self.maximumGroupDigits else { break }
            groups.append(
                Group(
                    range: position..<end, digits: text.string(position..<end),
                    separator: separator, insideOpenParenthesis: open))
            var next = end
            var gap = ""
            if open, text[next] == ")" { open = false; gap.append(")"); next += 1 }
            if let character = text[next], Self.separators.contains(character) {
                gap.append(character)
                next += 1
            }
            if !open, text[next] == "(" { open = true; gap.append("("); next += 1 }
            guard !gap.isEmpty, text.isDigit(at: next) else { break }
            separator = gap
            position = next
        }
        guard !groups.isEmpty else { return nil }
        self.start = start
        self.isInternational = international
        self.groups = groups
        markNonPhoneGroups(text)
    }

    private mutating func markNonPhoneGroups(_ text: ScanText) {
        let all = groups
        for first in all.indices.dropLast(2) {
            let (a, b, c) = (all[first], all[first + 1], all[first + 2])
            guard b.separator == c.separator, ["-", ".", "/"].contains(b.separator),
                Self.isDate(a, b, c)
            else { continue }
            for index in first...(first + 2) { groups[index].isBlocked = true }
        }
        for first in all.indices.dropLast(3) {
            let quad = all[first...(first + 3)]
            let isWholeDottedRun =
                (first == 0 || all[first].separator != ".")
                && (first + 4 == all.count || all[first + 4].separator != ".")
            guard isWholeDottedRun, quad.dropFirst().allSatisfy({ $0.separator == "." }),
                quad.allSatisfy({ $0.length <= 3 && $0.value <= 255 })
            else { continue }
            for index in first...(first + 3) { groups[index].isBlocked = true }
        }
        if let last = all.last, text[last.range.upperBound] == ":",
            text.isDigit(at: last.range.upperBound + 1)
        {
            groups[all.count - 1].isBlocked = true
        }
        if text[all[0].range.lowerBound - 1] == ":" { groups[0].isBlocked = true }
    }

    /// Whether three groups read as `YYYY-MM-DD` or as day/month (either order) and a
    /// four-digit year.
    private static func isDate(_ a: Group, _ b: Group, _ c: Group) -> Bool {
        if a.length == 4, (1...2).contains(b.length), (1...2).contains(c.length) {
            return (1...12).contains(b.value) && (1...31).contains(c.value)
        }
        if (1...2).contains(a.length), (1...2).contains(b.length), c.length == 4 {
            return (1...31).contains(a.value) && (1...31).contains(b.value)
                && (a.value <= 12 || b.value <= 12)
        }
        return false
    }
}
