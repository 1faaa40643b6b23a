import Testing
@testable import PIIRedaction

@Suite struct RestoreTests {
    @Test(arguments: Samples.roundTrip)
    func roundTrip(_ text: String) {
        var redactor = Redactor(known: Samples.known)
        let redacted = redactor.redact(text)
        #expect(redactor.mapping.restore(redacted) == text)
    }

    @Test func roundTripAcrossMessagesWithOneMapping() {
        var redactor = Redactor(known: Samples.known)
        let redacted = Samples.roundTrip.map { redactor.redact($0) }
        #expect(redacted.map(redactor.mapping.restore) == Samples.roundTrip)
    }

    @Test func unknownPlaceholderLookalikesAreLeftAlone() {
        let mapping = RedactionMapping(placeholders: ["[EMAIL_1]": "a@x.com"], countsByKind: [.email: 1])
        let answer = "[EMAIL_1] [EMAIL_2] [PHONE_1] [EMAIL_1 [email_1] [[EMAIL_1]] [EMAIL_10]"
        #expect(mapping.restore(answer) == "a@x.com [EMAIL_2] [PHONE_1] [EMAIL_1 [email_1] [a@x.com] [EMAIL_10]")
    }

    @Test func restoreIsSinglePass() {
        let mapping = RedactionMapping(placeholders: ["[NAME_1]": "[EMAIL_1]", "[EMAIL_1]": "a@x.com"])
        #expect(mapping.restore("[NAME_1] / [EMAIL_1]") == "[EMAIL_1] / a@x.com")
    }

    @Test func emptyMappingReturnsInput() {
        #expect(RedactionMapping().restore("[EMAIL_1] stays") == "[EMAIL_1] stays")
    }

    @Test func restoresAdjacentPlaceholdersAndUnicode() {
        let mapping = RedactionMapping(placeholders: ["[NAME_1]": "Zoë", "[PHONE_1]": "+49 30 1234567"])
        #expect(mapping.restore("👋[NAME_1][PHONE_1]é") == "👋Zoë+49 30 1234567é")
    }
}
