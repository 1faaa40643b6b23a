/// The text under inspection as an array of `Character`s, with bounds-safe access.
///
/// Detectors address positions by `Int` offsets into ``chars``; offsets always fall on
/// grapheme-cluster boundaries, so replacing a range never splits a character.
struct ScanText {
    /// The characters of the text.
    let chars: [Character]

    /// Splits `text` into characters.
    init(_ text: String) {
        chars = Array(text)
    }

    /// The number of characters.
    var count: Int { chars.count }

    /// The character at `index`, or `nil` when `index` is out of bounds.
    subscript(_ index: Int) -> Character? {
        index >= 0 && index < chars.count ? chars[index] : nil
    }

    /// Whether the character at `index` exists and is an ASCII digit.
    func isDigit(at index: Int) -> Bool {
        self[index].map(CharacterClass.isDigit) ?? false
    }

    /// Whether the character at `index` exists and is a letter or number.
    func isAlphanumeric(at index: Int) -> Bool {
        self[index].map(CharacterClass.isAlphanumeric) ?? false
    }

    /// Whether the character at `index` exists and continues a word.
    func isWordCharacter(at index: Int) -> Bool {
        self[index].map(CharacterClass.isWordCharacter) ?? false
    }

    /// The offset just past the run of ASCII digits starting at `start`.
    func digitRunEnd(from start: Int) -> Int {
        var end = start
        while end < chars.count, CharacterClass.isDigit(chars[end]) { end += 1 }
        return end
    }

    /// The offset just past the run of ASCII letters and digits starting at `start`.
    func asciiAlphanumericRunEnd(from start: Int) -> Int {
        var end = start
        while end < chars.count, CharacterClass.isASCIIAlphanumeric(chars[end]) { end += 1 }
        return end
    }

    /// The text of `range`.
    func string(_ range: Range<Int>) -> String {
        String(chars[range])
    }

    /// The ASCII digits inside `range`, as numbers, skipping every other character.
    func digitValues(in range: Range<Int>) -> [Int] {
        chars[range].compactMap(CharacterClass.digitValue)
    }
}
