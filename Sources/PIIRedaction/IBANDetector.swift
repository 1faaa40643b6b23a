/// Detects International Bank Account Numbers (ISO 13616).
///
/// Accepted: two ASCII letters (country), two check digits and 11–30 ASCII letters or
/// digits, case-insensitive, written either compactly (`DE89370400440532013000`) or in
/// groups of four separated by single spaces with a final group of 1–4
/// (`DE89 3704 0044 0532 0130 00`). The total length must match ``IBANRegistry`` for
/// listed countries, and the mod-97 checksum must be 1. The IBAN must not be glued to
/// other letters or digits.
enum IBANDetector {
    /// All IBANs in `text`, in order.
    static func matches(in text: ScanText) -> [PIIMatch] {
        var result: [PIIMatch] = []
        var index = 0
        while index + 4 <= text.count {
            if isCandidateStart(text, index), let match = match(text, at: index) {
                result.append(match)
                index = match.range.upperBound
            } else {
                index += 1
            }
        }
        return result
    }

    private static func isCandidateStart(_ text: ScanText, _ index: Int) -> Bool {
        CharacterClass.isASCIILetter(text.chars[index])
            && CharacterClass.isASCIILetter(text.chars[index + 1])
            && text.isDigit(at: index + 2) && text.isDigit(at: index + 3)
            && !text.isWordCharacter(at: index - 1)
    }

    private static func match(_ text: ScanText, at start: Int) -> PIIMatch? {
        let country = String(text.chars[start..<(start + 2)]).uppercased()
        for end in candidateEnds(text, from: start) {
            let compact = text.chars[start..<end].filter { $0 != " " }
            guard IBANRegistry.isValidLength(compact.count, forCountry: country),
                Checksum.passesIBANMod97(compact)
            else { continue }
            let canonical = String(compact).uppercased()
            return PIIMatch(range: start..<end, kind: .iban, label: "IBAN", canonical: canonical)
        }
        return nil
    }

    /// Possible end offsets of an IBAN starting at `start`, longest first.
    private static func candidateEnds(_ text: ScanText, from start: Int) -> [Int] {
        let firstEnd = text.asciiAlphanumericRunEnd(from: start)
        if firstEnd - start > 4 {
            return text.isWordCharacter(at: firstEnd) ? [] : [firstEnd]
        }
        var ends: [Int] = []
        var position = firstEnd
        while ends.count < 9, text[position] == " " {
            let groupStart = position + 1
            let groupEnd = text.asciiAlphanumericRunEnd(from: groupStart)
            let length = groupEnd - groupStart
            guard (1...4).contains(length), !text.isWordCharacter(at: groupEnd) else { break }
            ends.append(groupEnd)
            if length < 4 { break }
            position = groupEnd
        }
        return ends.reversed()
    }
}
