/// Character classification shared by the detectors.
///
/// Every check takes a whole `Character` (an extended grapheme cluster), so detectors
/// that use these helpers never split a grapheme: a digit followed by a combining mark,
/// for instance, is a single `Character` that is not a digit.
enum CharacterClass {
    /// Whether `character` is one of the ASCII digits `0`–`9`.
    static func isDigit(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii >= 48 && ascii <= 57
    }

    /// The numeric value of an ASCII digit, or `nil`.
    static func digitValue(_ character: Character) -> Int? {
        guard isDigit(character), let ascii = character.asciiValue else { return nil }
        return Int(ascii) - 48
    }

    /// Whether `character` is an ASCII letter `A`–`Z` or `a`–`z`.
    static func isASCIILetter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (ascii >= 65 && ascii <= 90) || (ascii >= 97 && ascii <= 122)
    }

    /// Whether `character` is an ASCII letter or digit.
    static func isASCIIAlphanumeric(_ character: Character) -> Bool {
        isDigit(character) || isASCIILetter(character)
    }

    /// The ISO 13616 value of an ASCII alphanumeric: digits map to 0–9 and letters
    /// (case-insensitive) to 10–35.
    static func alphanumericValue(_ character: Character) -> Int? {
        guard let ascii = character.asciiValue else { return nil }
        switch ascii {
        case 48...57: return Int(ascii) - 48
        case 65...90: return Int(ascii) - 55
        case 97...122: return Int(ascii) - 87
        default: return nil
        }
    }

    /// Whether `character` is a letter or number in any script.
    static func isAlphanumeric(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// Whether `character` continues a word: a letter, a number or an underscore.
    static func isWordCharacter(_ character: Character) -> Bool {
        isAlphanumeric(character) || character == "_"
    }
}
