import Foundation
import Testing
@testable import OpenAICompat

@Suite struct TokenEstimateTests {
    @Test func textEstimates() {
        #expect(TokenEstimate.tokens(in: "") == 0)
        #expect(TokenEstimate.tokens(in: "a") == 1)
        #expect(TokenEstimate.tokens(in: "abcd") == 1)
        #expect(TokenEstimate.tokens(in: "abcde") == 2)
        #expect(TokenEstimate.tokens(in: "héllo") == 2)
        #expect(TokenEstimate.tokens(in: "🙂") == 1)
        #expect(TokenEstimate.tokens(in: "🙂!") == 2)
        #expect(TokenEstimate.tokens(in: String(repeating: "x", count: 1000)) == 250)
        #expect(TokenEstimate.tokens(in: String(repeating: "x", count: 1001)) == 251)
    }

    @Test func messageEstimates() {
        #expect(TokenEstimate.tokens(in: [ChatMessage]()) == 0)
        #expect(TokenEstimate.tokens(in: [.user("")]) == 4)
        #expect(TokenEstimate.tokens(in: [.system("You are terse."), .user("Hi")]) == 13)
    }

    @Test func usageEstimates() {
        #expect(
            TokenEstimate.usage(prompt: [.user("abcdefgh")], completion: "abc")
                == TokenUsage(promptTokens: 6, completionTokens: 1))
        #expect(
            TokenEstimate.usage(embedding: ["abcd", "abcde", ""]) == TokenUsage(promptTokens: 3, completionTokens: 0))
        #expect(
            TokenUsage(promptTokens: 1, completionTokens: 2) + TokenUsage(promptTokens: 10, completionTokens: 20)
                == TokenUsage(promptTokens: 11, completionTokens: 22))
    }
}
