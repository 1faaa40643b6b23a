@testable import Accounts
import Foundation
import ParleyTestSupport
import Testing

@Suite struct TOTPTests {
    /// RFC 6238 Appendix B, SHA-1 seed "12345678901234567890", 8 digits.
    @Test(arguments: [
        (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ])
    func rfc6238Vectors(_ time: Int64, _ code: String) {
        let totp = TOTPGenerator(secret: Array("12345678901234567890".utf8), digits: 8)
        #expect(totp.code(at: Date(timeIntervalSince1970: TimeInterval(time))) == code)
        // Six digits are the last six.
        #expect(
            TOTPGenerator(secret: Array("12345678901234567890".utf8)).code(
                at: Date(timeIntervalSince1970: TimeInterval(time))) == String(code.suffix(6)))
    }

    @Test func acceptsOneStepEitherSideAndNoMore() {
        let totp = TOTPGenerator(secret: Array("12345678901234567890".utf8))
        let now = Date(timeIntervalSince1970: 1_800_000_015)
        let step = totp.step(at: now)
        for offset in [-1, 0, 1] as [Int64] {
            #expect(totp.matchingStep(totp.code(forStep: step + offset), at: now) == step + offset)
        }
        for offset in [-2, 2] as [Int64] {
            #expect(totp.matchingStep(totp.code(forStep: step + offset), at: now) == nil)
        }
        #expect(totp.matchingStep("12345", at: now) == nil)
    }

    @Test func base32MatchesRFC4648() {
        #expect(Base32.encode(Array("12345678901234567890".utf8)) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.decode("mzxw6ytboi======") == Array("foobar".utf8))
        #expect(Base32.decode("not base32!") == nil)
    }

    @Test func provisioningURIForAuthenticatorApps() throws {
        let uri = TOTPGenerator(secret: Array("12345678901234567890".utf8)).provisioningURI(
            account: "ada@example.com", issuer: "Parley")
        #expect(uri.hasPrefix("otpauth://totp/Parley:ada@example.com?"))
        let query = try #require(URLComponents(string: uri)?.queryItems)
        #expect(query.first { $0.name == "secret" }?.value == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(query.first { $0.name == "issuer" }?.value == "Parley")
        #expect(query.first { $0.name == "period" }?.value == "30")
    }

    static let oathtool = "/usr/bin/oathtool"

    /// Debian's oathtool, an independent implementation, computes the same codes (required in CI).
    @Test(.enabled(if: TestEnvironment.requireAll || FileManager.default.isExecutableFile(atPath: oathtool)))
    func independentGeneratorAgrees() async throws {
        let result = try await ChildProcess.run(
            Self.oathtool, ["--totp", "-b", "-d", "8", "-N", "@1234567890", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"])
        let output = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(output == "89005924")
    }
}
