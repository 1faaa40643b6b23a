@testable import Accounts
import Foundation
import NIOPosix
import ParleyCore
import Testing

@Suite struct PasswordTests {
    @Test func lengthsAreTwelveToOneHundredTwentyEightCharactersOfAnyScript() throws {
        #expect(throws: CoreError.self) { try PasswordPolicy.check("elevenchars", email: "ada@example.com") }
        try PasswordPolicy.check("twelve chars", email: "ada@example.com")
        try PasswordPolicy.check(String(repeating: "é", count: 128), email: "ada@example.com")
        #expect(throws: CoreError.self) {
            try PasswordPolicy.check(String(repeating: "x", count: 129), email: "ada@example.com")
        }
        // Twelve characters of another script (each several UTF-8 bytes) count as twelve.
        try PasswordPolicy.check("パスワードはとても長いです", email: "ada@example.com")
        try PasswordPolicy.check("🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊", email: "ada@example.com")
    }

    @Test func commonPasswordsAndTheEmailLocalPartAreRefused() throws {
        #expect(CommonPasswords.contains("password"))
        #expect(throws: CoreError.self) { try PasswordPolicy.check("1qaz2wsx3edc", email: "ada@example.com") }
        #expect(throws: CoreError.self) { try PasswordPolicy.check("Q1W2E3R4T5Y6", email: "ada@example.com") }
        #expect(throws: CoreError.self) {
            try PasswordPolicy.check("my name is lovelace!", email: "Lovelace@example.com")
        }
        try PasswordPolicy.check("an unusual phrase", email: "lovelace@example.com")
    }

    @Test func bcryptAtTheDefaultCostWithItsParameters() async throws {
        let hasher = PasswordHasher(cost: 12, threadPool: .singleton)
        let hash = try await hasher.hash(strongPasswordForHashing)
        #expect(hash.hasPrefix("$2b$12$"))
        #expect(await hasher.verify(strongPasswordForHashing, against: hash))
    }

    /// bcrypt reads 72 bytes; the pre-hash makes every later byte count.
    @Test func passwordsLongerThanSeventyTwoBytesAreNotTruncated() async throws {
        let hasher = PasswordHasher(cost: 4, threadPool: .singleton)
        let prefix = String(repeating: "a", count: 72)
        let hash = try await hasher.hash(prefix + "-first ending")
        #expect(await hasher.verify(prefix + "-first ending", against: hash))
        #expect(await !hasher.verify(prefix + "-other ending", against: hash))
        #expect(await !hasher.verify(prefix, against: hash))
        // Unicode is normalised first: the composed and decomposed forms of é are one password.
        let composed = try await hasher.hash("caf\u{E9} au lait, s'il vous plaît")
        #expect(await hasher.verify("cafe\u{301} au lait, s'il vous plaît", against: composed))
    }
}

private let strongPasswordForHashing = "correct horse battery staple"
