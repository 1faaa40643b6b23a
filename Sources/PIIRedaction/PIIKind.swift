/// The category of personal data that a redaction placeholder stands for.
///
/// Pattern-detected kinds use a fixed placeholder label (`[EMAIL_1]`, `[PHONE_1]`,
/// `[CARD_1]`, `[IBAN_1]`). Values the caller names explicitly through ``KnownValue``
/// are counted as ``known`` and use the caller's label instead (for example `[NAME_1]`).
///
/// The raw value is a stable, lowercase identifier suitable for logs and metrics.
public enum PIIKind: String, Sendable, CaseIterable {
    /// An e-mail address such as `jane.doe@example.com`.
    case email
    /// A telephone number in international (`+49 30 1234567`) or national
    /// (`(555) 123-4567`, `030 1234567`) format.
    case phone
    /// A payment card number of 13–19 digits that passes the Luhn check.
    case card
    /// An International Bank Account Number with a valid ISO 13616 mod-97 checksum.
    case iban
    /// A value the caller named explicitly via ``KnownValue``.
    case known

    /// The placeholder label used for pattern-detected values, or `nil` for ``known``,
    /// whose label comes from the ``KnownValue`` that matched.
    var patternLabel: String? {
        switch self {
        case .email: return "EMAIL"
        case .phone: return "PHONE"
        case .card: return "CARD"
        case .iban: return "IBAN"
        case .known: return nil
        }
    }

    /// The precedence tier used when matches of different kinds overlap.
    ///
    /// Lower tiers win: known values first, then the strongly validated patterns
    /// (e-mail, card, IBAN), and phone numbers last, so that digit runs belonging to a
    /// card or IBAN are never reported as a phone number.
    var tier: Int {
        switch self {
        case .known: return 0
        case .email, .card, .iban: return 1
        case .phone: return 2
        }
    }
}
