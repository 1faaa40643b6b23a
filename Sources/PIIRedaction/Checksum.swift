/// Check-digit algorithms used to validate card numbers and IBANs.
///
/// Validating check digits is what keeps ordinary long numbers (order numbers,
/// tracking ids) from being mistaken for cards or bank accounts: a random 16-digit
/// number passes Luhn one time in ten, a random IBAN-shaped string passes mod-97 about
/// one time in a hundred, and both checks catch every single-digit typo.
enum Checksum {
    /// Whether `digits` pass the Luhn (mod 10) check used by payment cards.
    ///
    /// Starting from the rightmost digit, every second digit is doubled (subtracting 9
    /// when the result exceeds 9); the sum of all digits must be a multiple of 10.
    /// - Parameter digits: Decimal digit values, most significant first.
    static func passesLuhn(_ digits: [Int]) -> Bool {
        guard !digits.isEmpty else { return false }
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            if position % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    /// Whether `iban` (compact, no spaces; any letter case) passes ISO 13616:
    /// moving the first four characters to the end and reading letters as 10–35, the
    /// resulting number modulo 97 must be 1.
    static func passesIBANMod97(_ iban: [Character]) -> Bool {
        guard iban.count > 4 else { return false }
        let rearranged = iban[4...] + iban[..<4]
        var remainder = 0
        for character in rearranged {
            guard let value = CharacterClass.alphanumericValue(character) else { return false }
            remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97
        }
        return remainder == 1
    }
}
