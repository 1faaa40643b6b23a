/// Detects payment card numbers.
///
/// A card number is 13–19 ASCII digits that pass the Luhn check, written either
/// without separators or grouped with one kind of single separator (space or hyphen):
/// groups of four with a final group of 1–4 digits (`4111 1111 1111 1111`,
/// `6011-0009-9013-9424-123`), or the Amex `4-6-5` and Diners `4-6-4` layouts
/// (`3782 822463 10005`). A number glued to letters, part of a decimal number
/// (`0.4111…`), or following a letters-and-digits code (`DE89 3704 …`) is not a card.
enum CardDetector {
    /// Valid total digit counts.
    static let digitCounts = 13...19

    /// All card numbers in `text`, in order.
    static func matches(in text: ScanText) -> [PIIMatch] {
        var result: [PIIMatch] = []
        var index = 0
        while index < text.count {
            if text.isDigit(at: index), isValidStart(text, index), let match = match(text, at: index) {
                result.append(match)
                index = match.range.upperBound
            } else {
                index += 1
            }
        }
        return result
    }

    private static func isValidStart(_ text: ScanText, _ index: Int) -> Bool {
        guard let previous = text[index - 1] else { return true }
        if CharacterClass.isWordCharacter(previous) { return false }
        // Not the tail of a decimal or hyphenated number.
        if previous == "." || previous == "," || previous == "-" {
            return !text.isDigit(at: index - 2)
        }
        // Not the continuation of a grouped code such as "DE89 3704 …".
        if previous == " " { return !endsWithMixedCode(text, before: index - 1) }
        return true
    }

    /// Whether the alphanumeric token ending just before `end` mixes letters and digits.
    private static func endsWithMixedCode(_ text: ScanText, before end: Int) -> Bool {
        var start = end
        while start > 0, CharacterClass.isASCIIAlphanumeric(text.chars[start - 1]) { start -= 1 }
        let token = text.chars[start..<end]
        return token.contains(where: CharacterClass.isDigit) && token.contains(where: CharacterClass.isASCIILetter)
    }

    private static func isValidEnd(_ text: ScanText, _ end: Int) -> Bool {
        guard let next = text[end] else { return true }
        if CharacterClass.isWordCharacter(next) { return false }
        if next == "." || next == "," { return !text.isDigit(at: end + 1) }
        return true
    }

    private static func match(_ text: ScanText, at start: Int) -> PIIMatch? {
        let firstEnd = text.digitRunEnd(from: start)
        let firstLength = firstEnd - start
        if firstLength >= digitCounts.lowerBound {
            guard digitCounts.contains(firstLength), isValidEnd(text, firstEnd) else { return nil }
            return validated(text, start..<firstEnd)
        }
        guard firstLength == 4, let separator = text[firstEnd], separator == " " || separator == "-"
        else { return nil }
        var lengths = [firstLength]
        var ends = [firstEnd]
        var position = firstEnd
        while lengths.count < 5, text[position] == separator, text.isDigit(at: position + 1) {
            let end = text.digitRunEnd(from: position + 1)
            lengths.append(end - position - 1)
            ends.append(end)
            position = end
        }
        for count in stride(from: lengths.count, through: 2, by: -1) {
            guard isCardGrouping(lengths[0..<count]), isValidEnd(text, ends[count - 1]) else { continue }
            if let match = validated(text, start..<ends[count - 1]) { return match }
        }
        return nil
    }

    private static func isCardGrouping(_ lengths: ArraySlice<Int>) -> Bool {
        if lengths.elementsEqual([4, 6, 5]) || lengths.elementsEqual([4, 6, 4]) { return true }
        guard lengths.count >= 4, let last = lengths.last else { return false }
        return lengths.dropLast().allSatisfy { $0 == 4 } && (1...4).contains(last)
            && digitCounts.contains(lengths.reduce(0, +))
    }

    private static func validated(_ text: ScanText, _ range: Range<Int>) -> PIIMatch? {
        let digits = text.digitValues(in: range)
        guard digitCounts.contains(digits.count), Checksum.passesLuhn(digits) else { return nil }
        let canonical = digits.map(String.init).joined()
        return PIIMatch(range: range, kind: .card, label: "CARD", canonical: canonical)
    }
}
