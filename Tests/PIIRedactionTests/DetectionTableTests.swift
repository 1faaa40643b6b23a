import Testing
@testable import PIIRedaction

/// One input and the exact text expected after redaction with a fresh `Redactor`.
struct DetectionCase: Sendable, CustomTestStringConvertible {
    let input: String
    let expected: String
    var testDescription: String { input }

    init(_ input: String, _ expected: String) {
        self.input = input
        self.expected = expected
    }

    /// Cases whose input must come back unchanged.
    static func unchanged(_ input: String) -> DetectionCase {
        DetectionCase(input, input)
    }

    static let positives: [DetectionCase] = [
        // email
        .init("Mail me at john.doe@example.com.", "Mail me at [EMAIL_1]."),
        .init("(contact: jane_o'neil+news@mail.example.co.uk)", "(contact: [EMAIL_1])"),
        .init("Schreib an jürgen.müller@bücher.de, danke", "Schreib an [EMAIL_1], danke"),
        .init("x!#$%&'*+/=?^_`{|}~-y@sub-domain.example.org", "[EMAIL_1]"),
        .init("Emails: a@b.io,c@d.org", "Emails: [EMAIL_1],[EMAIL_2]"),
        .init("Quote 'kim@example.net' please", "Quote '[EMAIL_1]' please"),
        .init("Use .john@example.com now", "Use .[EMAIL_1] now"),
        .init("Reach user@xn--80ak6aa92e.com today", "Reach [EMAIL_1] today"),
        // card
        .init("Card 4111 1111 1111 1111 please", "Card [CARD_1] please"),
        .init("Card 4111-1111-1111-1111.", "Card [CARD_1]."),
        .init("Amex 3782 822463 10005", "Amex [CARD_1]"),
        .init("Pay with 5555555555554444 now", "Pay with [CARD_1] now"),
        .init("Old visa: 4222222222222", "Old visa: [CARD_1]"),
        .init("Diners 3056 930902 5904!", "Diners [CARD_1]!"),
        // iban
        .init("IBAN DE89 3704 0044 0532 0130 00 thanks", "IBAN [IBAN_1] thanks"),
        .init("iban: de89370400440532013000.", "iban: [IBAN_1]."),
        .init("GB82 WEST 1234 5698 7654 32", "[IBAN_1]"),
        .init("BE68 5390 0754 7034 is Belgian", "[IBAN_1] is Belgian"),
        .init("NL91ABNA0417164300", "[IBAN_1]"),
        .init("FR14 2004 1010 0505 0001 3M02 606", "[IBAN_1]"),
        .init("CH93 0076 2011 6238 5295 7", "[IBAN_1]"),
        // phone
        .init("Call +49 30 1234567 today", "Call [PHONE_1] today"),
        .init("+1 (555) 123-4567", "[PHONE_1]"),
        .init("Ring (555) 123-4567.", "Ring [PHONE_1]."),
        .init("555-123-4567", "[PHONE_1]"),
        .init("Tel: 030 1234567", "Tel: [PHONE_1]"),
        .init("Mobile 07700 900123, evenings", "Mobile [PHONE_1], evenings"),
        .init("+44 20 7946 0958", "[PHONE_1]"),
        .init("+33.6.12.34.56.78", "[PHONE_1]"),
        .init("06 12 34 56 78", "[PHONE_1]"),
        .init("+49 (0)30 1234567", "[PHONE_1]"),
        .init("1-800-555-0199", "[PHONE_1]"),
        .init("Termin 2026-11-22 555-123-4567", "Termin 2026-11-22 [PHONE_1]"),
        .init("Büro (030 1234567)", "Büro ([PHONE_1])"),
        .init("Call 030/1234567 or 555.123.4567", "Call [PHONE_1] or [PHONE_2]"),
        .init("+4930123456", "[PHONE_1]"),
        .init("+49 30 1234567 4111 1111 1111 1111", "[PHONE_1] [CARD_1]"),
        .init("Zentrale (+49) 30 1234567.", "Zentrale [PHONE_1]."),
        .init("fax +49-30-12345-678", "fax [PHONE_1]"),
        .init("Ruf 030 1234567 am 22.11.2026 an", "Ruf [PHONE_1] am 22.11.2026 an"),
    ]

    static let negatives: [DetectionCase] = [
        .unchanged("Card 4111 1111 1111 1112 is invalid"),
        .unchanged("4111111111111112"),
        .unchanged("IBAN DE89 3704 0044 0532 0130 01 has a typo"),
        .unchanged("IBAN DE00 3704 0044 0532 0130 00"),
        .unchanged("GB82 WEST 1234 5698 7654 3"),
        .unchanged("Order 1234567890 shipped"),
        .unchanged("123456789"),
        .unchanged("Due 2026-11-22"),
        .unchanged("Am 22.11.2026 um 14:30"),
        .unchanged("On 11/22/2026 10:30 we meet"),
        .unchanged("Price $1,299.00"),
        .unchanged("Preis 1.299,00 €"),
        .unchanged("Total 123 456 789 €"),
        .unchanged("Version 1.2.3"),
        .unchanged("Build 10.0.19041.1234"),
        .unchanged("Server 192.168.100.200"),
        .unchanged("Meet at 10:30-11:45"),
        .unchanged("user@localhost"),
        .unchanged("a@b.c"),
        .unchanged("Ticket #555-123-4567"),
        .unchanged("Ticket 123-456-789"),
        .unchanged("Invoice 2026-000123456"),
        .unchanged("ISBN 0-306-40615-2"),
        .unchanged("Balance 0.123456789"),
        .unchanged("5+1234567=1234572"),
        .unchanged("Temperature +12.5 today"),
        .unchanged("Ratio 0.4111111111111111"),
        .unchanged("v2024.10.15.123456"),
        .unchanged("Tracking AB123456789DE"),
        .unchanged("Digits 1234 5678 9012 3456"),
        .unchanged("On 2026-11-22T10:30:00Z"),
        .unchanged("Range 100-200-300, SSN-like 123-45-6789"),
    ]
}

@Suite struct DetectionTableTests {
    @Test func tableHasAtLeastFortyCases() {
        #expect(DetectionCase.positives.count + DetectionCase.negatives.count >= 40)
    }

    @Test(arguments: DetectionCase.positives)
    func redactsPositive(_ testCase: DetectionCase) {
        var redactor = Redactor()
        #expect(redactor.redact(testCase.input) == testCase.expected)
        #expect(redactor.mapping.restore(testCase.expected) == testCase.input)
    }

    @Test(arguments: DetectionCase.negatives)
    func leavesNegativeUnchanged(_ testCase: DetectionCase) {
        var redactor = Redactor()
        #expect(redactor.redact(testCase.input) == testCase.expected)
        #expect(redactor.mapping.placeholders.isEmpty)
    }
}
