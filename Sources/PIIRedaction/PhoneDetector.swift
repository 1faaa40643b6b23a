/// Detects telephone numbers while leaving ordinary numbers alone.
///
/// International: `+` followed by 7–15 digits (E.164), optionally grouped with spaces,
/// dots, hyphens, slashes or parentheses (`+49 30 1234567`, `+1 (555) 123-4567`,
/// `(+49) 30 1234567`).
///
/// National: 9–15 digits with at least one separator, in one of these shapes:
/// - a trunk prefix: the first group has 2–5 digits and starts with `0`
///   (`030 1234567`, `07700 900123`, `(030) 1234567`, `06 12 34 56 78`);
/// - North American `3-3-4`, optionally with a leading `1` (`(555) 123-4567`,
///   `555.123.4567`, `1-800-555-0199`); the area code starts with 2–9.
///
/// Not phones: numbers without separators, dates, times, IPv4 addresses, version
/// strings glued to letters (`v1.2.3`), amounts next to a currency sign or followed by
/// decimals, and dot-separated numbers with only two groups (`0.123456789`).
enum PhoneDetector {
    /// All phone-number candidates in `text`; several may start at the same place.
    static func matches(in text: ScanText) -> [PIIMatch] {
        var result: [PIIMatch] = []
        for index in 0..<text.count {
            guard opensNumber(text, at: index), isValidStart(text, index),
                let sequence = DigitGroupSequence(text, at: index)
            else { continue }
            result += candidates(sequence, in: text)
        }
        return result
    }

    /// Whether a number can begin at `index`: a digit, or `+`, `(`, `(+`, `+(` before one.
    private static func opensNumber(_ text: ScanText, at index: Int) -> Bool {
        switch text.chars[index] {
        case "+": return text.isDigit(at: index + 1) || (text[index + 1] == "(" && text.isDigit(at: index + 2))
        case "(": return text.isDigit(at: index + 1) || (text[index + 1] == "+" && text.isDigit(at: index + 2))
        case let character: return CharacterClass.isDigit(character)
        }
    }

    private static func isValidStart(_ text: ScanText, _ index: Int) -> Bool {
        guard let previous = text[index - 1] else { return true }
        if CharacterClass.isWordCharacter(previous) || previous.isCurrencySymbol
            || previous == "+" || previous == "#"
        {
            return false
        }
        let before = text[index - 2]
        if "-./,".contains(previous), let before, CharacterClass.isAlphanumeric(before) {
            return false
        }
        if previous == " " || previous == "(", let before,
            CharacterClass.isDigit(before) || before.isCurrencySymbol
        {
            return false
        }
        return true
    }

    private static func candidates(_ sequence: DigitGroupSequence, in text: ScanText) -> [PIIMatch] {
        let groups = sequence.groups
        var result: [PIIMatch] = []
        for first in groups.indices {
            if first > 0 {
                // A later start is only possible right after a date, time or IP address.
                guard groups[first - 1].isBlocked else { break }
                guard groups[first].separator.hasPrefix(" ") else { continue }
            }
            let international = sequence.isInternational && first == 0
            let start =
                first == 0
                ? sequence.start
                : groups[first].range.lowerBound - (groups[first].separator.hasSuffix("(") ? 1 : 0)
            for last in first..<groups.count {
                guard !groups[last].isBlocked else { break }
                let slice = groups[first...last]
                guard !groups[last].insideOpenParenthesis,
                    isPhoneShape(slice, international: international),
                    isValidEnd(text, groups: groups, last: last)
                else { continue }
                let digits = slice.map(\.digits).joined()
                result.append(
                    PIIMatch(
                        range: start..<groups[last].range.upperBound, kind: .phone,
                        label: "PHONE", canonical: (international ? "+" : "") + digits))
            }
        }
        return result
    }

    private static func isPhoneShape(
        _ groups: ArraySlice<DigitGroupSequence.Group>, international: Bool
    ) -> Bool {
        let lengths = groups.map(\.length)
        let total = lengths.reduce(0, +)
        if international { return (7...15).contains(total) }
        guard (9...15).contains(total), lengths.count >= 2, let head = groups.first else { return false }
        if groups.dropFirst().allSatisfy({ $0.separator == "." }), lengths.count < 3 { return false }
        if head.digits.hasPrefix("0"), (2...5).contains(head.length) { return true }
        if lengths == [3, 3, 4] { return isAreaCode(head.digits) }
        if lengths == [1, 3, 3, 4], head.digits == "1" {
            return isAreaCode(groups[groups.startIndex + 1].digits)
        }
        return false
    }

    /// Whether `digits` can be a North American area code (first digit 2–9).
    private static func isAreaCode(_ digits: String) -> Bool {
        guard let first = digits.first else { return false }
        return first >= "2" && first <= "9"
    }

    private static func isValidEnd(
        _ text: ScanText, groups: [DigitGroupSequence.Group], last: Int
    ) -> Bool {
        if last < groups.count - 1, !groups[last + 1].separator.hasPrefix(" ") { return false }
        let end = groups[last].range.upperBound
        guard let next = text[end] else { return true }
        if CharacterClass.isWordCharacter(next) || next == "%" || next.isCurrencySymbol { return false }
        if next == "," || next == "." { return !text.isDigit(at: end + 1) }
        if next == " ", let after = text[end + 1], after.isCurrencySymbol { return false }
        return true
    }
}
