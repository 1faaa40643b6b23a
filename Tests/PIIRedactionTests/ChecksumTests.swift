import Testing
@testable import PIIRedaction

@Suite struct ChecksumTests {
    @Test(arguments: [
        "4111111111111111", "5555555555554444", "378282246310005", "6011111111111117",
        "4222222222222", "30569309025904", "79927398713",
    ])
    func luhnAccepts(_ number: String) {
        #expect(Checksum.passesLuhn(number.compactMap(\.wholeNumberValue)))
    }

    @Test(arguments: ["4111111111111112", "5555555555554443", "79927398710", ""])
    func luhnRejects(_ number: String) {
        #expect(!Checksum.passesLuhn(number.compactMap(\.wholeNumberValue)))
    }

    @Test(arguments: [
        "DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606",
        "NL91ABNA0417164300", "ES9121000418450200051332", "IT60X0542811101000000123456",
        "BE68539007547034", "AT611904300234573201", "CH9300762011623852957",
        "IE29AIBK93115212345678", "PL61109010140000071219812874", "SE4550000000058398257466",
        "NO9386011117947", "se4550000000058398257466",
    ])
    func ibanMod97AndLengthAccept(_ iban: String) {
        let country = String(iban.prefix(2)).uppercased()
        #expect(Checksum.passesIBANMod97(Array(iban)))
        #expect(IBANRegistry.isValidLength(iban.count, forCountry: country))
        var redactor = Redactor()
        #expect(redactor.redact("acct \(iban).") == "acct [IBAN_1].")
    }

    @Test func ibanRejectsBadChecksumAndLength() {
        #expect(!Checksum.passesIBANMod97(Array("DE89370400440532013001")))
        #expect(!Checksum.passesIBANMod97(Array("DE8937040044053201300!")))
        #expect(!IBANRegistry.isValidLength(21, forCountry: "DE"))
        #expect(IBANRegistry.isValidLength(20, forCountry: "ZZ"))
        #expect(!IBANRegistry.isValidLength(14, forCountry: "ZZ"))
    }

    @Test func registryCoversSEPALengths() {
        let sepa: [String: Int] = [
            "DE": 22, "FR": 27, "GB": 22, "NL": 18, "ES": 24, "IT": 27, "BE": 16, "AT": 20,
            "CH": 21, "IE": 22, "PL": 28, "SE": 24, "DK": 18, "FI": 18, "NO": 15, "PT": 25,
            "LU": 20, "CZ": 24, "SK": 24, "HU": 28, "RO": 24, "BG": 22, "GR": 27, "HR": 21,
            "SI": 19, "EE": 20, "LV": 21, "LT": 20, "CY": 28, "MT": 31, "IS": 26, "LI": 21,
            "MC": 27, "SM": 27, "VA": 22, "AD": 24, "GI": 23,
        ]
        for (country, length) in sepa {
            #expect(IBANRegistry.length(forCountry: country) == length, "\(country)")
        }
    }
}
