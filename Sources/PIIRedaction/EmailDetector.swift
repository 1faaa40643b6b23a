/// Detects e-mail addresses with a practical RFC 5322 subset.
///
/// - Local part: letters (any script), digits and ``localSpecials``; it must start with
///   a letter, digit or underscore (leading quote or markup characters such as `'`, `*`
///   or `{` that commonly wrap an address in prose are left in the text), must not end
///   with a dot and must not contain two dots in a row (only the part after the last
///   `..` is taken). At most 64 characters.
/// - Domain: at least two dot-separated labels of letters (any script), digits and
///   hyphens, no label starting or ending with a hyphen, at most 63 characters per
///   label; the last label (TLD) is 2+ letters or a punycode `xn--` label.
/// - Trailing punctuation (`.`, `,`, `)`, a trailing hyphen…) is never part of a match.
///
/// The scan is linear: each `@` looks at most 65 characters back and 254 ahead.
enum EmailDetector {
    /// Non-alphanumeric characters allowed in the local part.
    static let localSpecials = Set<Character>("!#$%&'*+/=?^_`{|}~-.")

    private static let maximumLocalLength = 64
    private static let maximumDomainLength = 253
    private static let maximumLabelLength = 63

    /// All e-mail addresses in `text`, in order.
    static func matches(in text: ScanText) -> [PIIMatch] {
        var result: [PIIMatch] = []
        for at in 0..<text.count where text.chars[at] == "@" {
            guard let start = localPartStart(text, at: at),
                let end = domainEnd(text, at: at)
            else { continue }
            let value = text.string(start..<end)
            result.append(
                PIIMatch(range: start..<end, kind: .email, label: "EMAIL", canonical: value.lowercased()))
        }
        return result
    }

    private static func isLocalCharacter(_ character: Character) -> Bool {
        CharacterClass.isAlphanumeric(character) || localSpecials.contains(character)
    }

    private static func isDomainCharacter(_ character: Character) -> Bool {
        CharacterClass.isAlphanumeric(character) || character == "-"
    }

    /// The offset where the local part before the `@` at `at` starts, or `nil`.
    private static func localPartStart(_ text: ScanText, at: Int) -> Int? {
        var start = at
        while let previous = text[start - 1], isLocalCharacter(previous) {
            start -= 1
            if at - start > maximumLocalLength { return nil }
        }
        if let lastDoubleDot = (start..<max(start, at - 1)).last(where: {
            text.chars[$0] == "." && text.chars[$0 + 1] == "."
        }) {
            start = lastDoubleDot + 2
        }
        while start < at, !CharacterClass.isWordCharacter(text.chars[start]) { start += 1 }
        guard start < at, text.chars[at - 1] != "." else { return nil }
        return start
    }

    /// The offset just past the domain after the `@` at `at`, or `nil` if there is no
    /// valid domain.
    private static func domainEnd(_ text: ScanText, at: Int) -> Int? {
        var position = at + 1
        var labelCount = 0
        var validEnd: Int?
        while position - at <= maximumDomainLength {
            let labelStart = position
            while let character = text[position], isDomainCharacter(character) { position += 1 }
            var labelEnd = position
            while labelEnd > labelStart, text.chars[labelEnd - 1] == "-" { labelEnd -= 1 }
            let trimmedHyphen = labelEnd != position
            guard labelEnd > labelStart, text.chars[labelStart] != "-",
                labelEnd - labelStart <= maximumLabelLength
            else { break }
            labelCount += 1
            if labelCount >= 2, isTopLevelDomain(text.chars[labelStart..<labelEnd]) {
                validEnd = labelEnd
            }
            guard !trimmedHyphen, text[position] == ".",
                let next = text[position + 1], isDomainCharacter(next)
            else { break }
            position += 1
        }
        return validEnd
    }

    private static func isTopLevelDomain(_ label: ArraySlice<Character>) -> Bool {
        if label.count >= 2, label.allSatisfy(\.isLetter) { return true }
        let lowered = String(label).lowercased()
        return lowered.hasPrefix("xn--") && lowered.count >= 5
    }
}
