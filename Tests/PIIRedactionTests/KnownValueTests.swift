import Testing
@testable import PIIRedaction

@Suite struct KnownValueTests {
    private func redact(_ text: String, _ known: [KnownValue]) -> (String, RedactionMapping) {
        var redactor = Redactor(known: known)
        let output = redactor.redact(text)
        return (output, redactor.mapping)
    }

    @Test func namesMatchWholeWordsCaseInsensitively() {
        let (output, mapping) = redact(
            "Ann wrote the Annual report; ANN agreed, Joann did not.", [KnownValue("Ann", label: "name")])
        #expect(output == "[NAME_1] wrote the Annual report; [NAME_1] agreed, Joann did not.")
        #expect(mapping.placeholders == ["[NAME_1]": "Ann"])
        #expect(mapping.countsByKind == [.known: 2])
    }

    @Test func knownEmailGetsTheKnownLabel() {
        let (output, mapping) = redact(
            "Write to Anna@Example.com or bob@example.com",
            [KnownValue("anna@example.com", label: "Visitor email")])
        #expect(output == "Write to [VISITOREMAIL_1] or [EMAIL_1]")
        #expect(mapping.countsByKind == [.known: 1, .email: 1])
        #expect(mapping.placeholders["[VISITOREMAIL_1]"] == "Anna@Example.com")
    }

    @Test func knownPhoneTakesPrecedenceOverPattern() {
        let (output, _) = redact(
            "Call +49 30 1234567 now", [KnownValue(" +49 30 1234567 ", label: "visitor-phone")])
        #expect(output == "Call [VISITORPHONE_1] now")
    }

    @Test func longerValuesWinAndNumberingFollowsFirstOccurrence() {
        let known = [KnownValue("Anna", label: "name"), KnownValue("Anna Maria Schmidt", label: "name")]
        let (output, mapping) = redact("Anna Maria Schmidt and Anna", known)
        #expect(output == "[NAME_1] and [NAME_2]")
        #expect(mapping.placeholders == ["[NAME_1]": "Anna Maria Schmidt", "[NAME_2]": "Anna"])
    }

    @Test func whitespaceInsideValueMatchesAnyWhitespaceRun() {
        let (output, _) = redact(
            "ANNA  Maria\nSchmidt called", [KnownValue("Anna Maria Schmidt", label: "NAME")])
        #expect(output == "[NAME_1] called")
    }

    @Test func shortValuesSkippedAndEmptyLabelFallsBack() {
        let known = [KnownValue("A", label: "x"), KnownValue("  Bo  ", label: "--")]
        let (output, _) = redact("A Bo", known)
        #expect(output == "A [KNOWN_1]")
    }

    @Test func nonNameValuesMatchAnywhere() {
        let (output, _) = redact("Ref acme-42x", [KnownValue("ACME-42", label: "customer id")])
        #expect(output == "Ref [CUSTOMERID_1]x")
    }

    @Test func emailContainingKnownNameIsRedactedWhole() {
        let (output, mapping) = redact(
            "anna.mueller@example.com and Anna", [KnownValue("Anna", label: "name")])
        #expect(output == "[EMAIL_1] and [NAME_1]")
        #expect(mapping.countsByKind == [.email: 1, .known: 1])
    }

    @Test func apostropheAndHyphenNames() {
        let known = [KnownValue("O'Brien", label: "name"), KnownValue("Jean-Luc", label: "name")]
        let (output, _) = redact("o'brien's friend JEAN-LUC, not Jean-Lucas", known)
        #expect(output == "[NAME_1]'s friend [NAME_2], not Jean-Lucas")
    }

    @Test func neverSplitsGraphemes() {
        let (untouched, _) = redact("René and Rene\u{301} stay", [KnownValue("Rene", label: "name")])
        #expect(untouched == "René and Rene\u{301} stay")
        let (output, mapping) = redact("JOSÉ and Jose\u{301} came", [KnownValue("José", label: "name")])
        #expect(output == "[NAME_1] and [NAME_1] came")
        #expect(mapping.placeholders == ["[NAME_1]": "JOSÉ"])
    }

    @Test func unicodeLabelsAndValues() {
        let (output, mapping) = redact(
            "Grüße an MÜLLER und müller 👋", [KnownValue("Müller", label: "Nachname/Größe")])
        #expect(output == "Grüße an [NACHNAMEGRÖSSE_1] und [NACHNAMEGRÖSSE_1] 👋")
        #expect(mapping.restore(output) == "Grüße an MÜLLER und MÜLLER 👋")
    }
}
