import Testing
@testable import PIIRedaction

/// Mixed texts used for the combined, counting and round-trip tests.
enum Samples {
    static let known = [KnownValue("Anna Schmidt", label: "name"), KnownValue("Ann", label: "name")]

    static let mixed = """
        Hi, I'm Anna Schmidt (anna.schmidt@example.com, +49 30 1234567). Please charge \
        4111 1111 1111 1111 or debit DE89 3704 0044 0532 0130 00. Ann will call (555) 123-4567 \
        about the Annual report due 2026-11-22, total $1,299.00.
        """

    static let mixedRedacted = """
        Hi, I'm [NAME_1] ([EMAIL_1], [PHONE_1]). Please charge \
        [CARD_1] or debit [IBAN_1]. [NAME_2] will call [PHONE_2] \
        about the Annual report due 2026-11-22, total $1,299.00.
        """

    static let roundTrip = [
        mixed,
        "Ünïcödé 👩‍💻 jürgen.müller@bücher.de — Tel. 07700 900123 — IBAN GB82 WEST 1234 5698 7654 32 ✅",
        "Amex 3782 822463 10005, Visa 4012888888881881, version 1.2.3, 22.11.2026 14:30",
        "Template [EMAIL_1] and [NAME_9] stay; mail x@y.org; call +1 (555) 123-4567.",
        "Nothing personal here: order 1234567890, $1,299.00, 192.168.1.1",
        "",
    ]
}

@Suite struct RedactorTests {
    @Test func mixedTextWithAllKinds() {
        var redactor = Redactor(known: Samples.known)
        #expect(redactor.redact(Samples.mixed) == Samples.mixedRedacted)
        #expect(redactor.mapping.countsByKind == [.known: 2, .email: 1, .phone: 2, .card: 1, .iban: 1])
        #expect(redactor.mapping.totalCount == 7)
        #expect(
            redactor.mapping.placeholders == [
                "[NAME_1]": "Anna Schmidt", "[NAME_2]": "Ann",
                "[EMAIL_1]": "anna.schmidt@example.com",
                "[PHONE_1]": "+49 30 1234567", "[PHONE_2]": "(555) 123-4567",
                "[CARD_1]": "4111 1111 1111 1111", "[IBAN_1]": "DE89 3704 0044 0532 0130 00",
            ])
    }

    @Test func repeatedValuesSharePlaceholder() {
        var redactor = Redactor()
        let output = redactor.redact("a@x.com, b@y.org, A@X.com; 4111 1111 1111 1111 = 4111111111111111")
        #expect(output == "[EMAIL_1], [EMAIL_2], [EMAIL_1]; [CARD_1] = [CARD_1]")
        #expect(
            redactor.mapping.placeholders == [
                "[EMAIL_1]": "a@x.com", "[EMAIL_2]": "b@y.org", "[CARD_1]": "4111 1111 1111 1111",
            ])
        #expect(redactor.mapping.countsByKind == [.email: 3, .card: 2])
    }

    @Test func sharedMappingAcrossMessages() {
        var redactor = Redactor(known: [KnownValue("Ann", label: "Name")])
        let first = redactor.redact("I am Ann, +49 30 1234567.")
        let second = redactor.redact("Ann again: +49 30 1234567 or ann@example.org")
        let third = redactor.redact("Other: +44 20 7946 0958, ann@example.org")
        #expect(first == "I am [NAME_1], [PHONE_1].")
        #expect(second == "[NAME_1] again: [PHONE_1] or [EMAIL_1]")
        #expect(third == "Other: [PHONE_2], [EMAIL_1]")
        #expect(redactor.mapping.countsByKind == [.known: 2, .phone: 3, .email: 2])
        #expect(redactor.mapping.placeholders.count == 4)
    }

    @Test func existingPlaceholderTextIsNeverReused() {
        var redactor = Redactor()
        let text = "Template [EMAIL_1] then me@x.com"
        let output = redactor.redact(text)
        #expect(output == "Template [EMAIL_1] then [EMAIL_2]")
        #expect(redactor.mapping.placeholders == ["[EMAIL_2]": "me@x.com"])
        #expect(redactor.mapping.restore(output) == text)
    }

    @Test func literalCopyOfEarlierPlaceholderIsReEncoded() {
        var redactor = Redactor()
        #expect(redactor.redact("Mine: a@x.com") == "Mine: [EMAIL_1]")
        let second = "Literal [EMAIL_1] and a@x.com"
        let output = redactor.redact(second)
        #expect(output == "Literal [EMAIL_2] and [EMAIL_1]")
        #expect(redactor.mapping.placeholders == ["[EMAIL_1]": "a@x.com", "[EMAIL_2]": "[EMAIL_1]"])
        #expect(redactor.mapping.countsByKind == [.email: 2])
        #expect(redactor.mapping.restore(output) == second)
    }

    @Test func knownLabelSharesNumberingWithPatternLabel() {
        var redactor = Redactor(known: [KnownValue("boss@corp.com", label: "email")])
        #expect(redactor.redact("boss@corp.com cc me@corp.com") == "[EMAIL_1] cc [EMAIL_2]")
        #expect(redactor.mapping.countsByKind == [.known: 1, .email: 1])
    }

    @Test func emptyAndCleanTextUnchanged() {
        var redactor = Redactor()
        #expect(redactor.redact("") == "")
        #expect(redactor.redact("Nothing to see, 42 times.") == "Nothing to see, 42 times.")
        #expect(redactor.mapping == RedactionMapping())
    }
}
