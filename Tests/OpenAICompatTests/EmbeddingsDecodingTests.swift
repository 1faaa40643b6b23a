import Foundation
import Testing
@testable import OpenAICompat

@Suite struct EmbeddingsDecodingTests {
    @Test func ordersVectorsByIndexNotArrayOrder() throws {
        let body = #"""
            {"object":"list","model":"text-embedding-3-small",
             "data":[{"object":"embedding","index":2,"embedding":[0.5,0.25]},
                     {"object":"embedding","index":0,"embedding":[-1.0,0.125]},
                     {"object":"embedding","index":1,"embedding":[0.001,3]}],
             "usage":{"prompt_tokens":7,"total_tokens":7}}
            """#
        let result = try OpenAIResponse.embeddings(from: Data(body.utf8))
        #expect(result.vectors == [[-1.0, 0.125], [0.001, 3.0], [0.5, 0.25]])
        #expect(result.usage == TokenUsage(promptTokens: 7, completionTokens: 0))
    }

    @Test func missingUsageAndMissingIndexUseArrayOrder() throws {
        let body = #"{"data":[{"embedding":[1,2,3]},{"embedding":[4,5,6]}]}"#
        let result = try OpenAIResponse.embeddings(from: Data(body.utf8))
        #expect(result.vectors == [[1, 2, 3], [4, 5, 6]])
        #expect(result.usage == nil)
        let empty = try OpenAIResponse.embeddings(from: Data(#"{"data":[],"usage":{"prompt_tokens":0}}"#.utf8))
        #expect(empty.vectors.isEmpty)
        #expect(empty.usage == TokenUsage(promptTokens: 0, completionTokens: 0))
    }

    @Test func duplicateOrOutOfRangeIndexThrows() {
        let duplicate = TestSupport.malformedDetail {
            _ = try OpenAIResponse.embeddings(
                from: Data(#"{"data":[{"index":0,"embedding":[1]},{"index":0,"embedding":[2]}]}"#.utf8))
        }
        #expect(duplicate == "embedding index 0 at data[1] is out of range or duplicated")
        let gap = TestSupport.malformedDetail {
            _ = try OpenAIResponse.embeddings(
                from: Data(#"{"data":[{"index":0,"embedding":[1]},{"index":2,"embedding":[2]}]}"#.utf8))
        }
        #expect(gap == "embedding index 2 at data[1] is out of range or duplicated")
    }

    @Test func wrongShapesThrowMalformed() {
        let base64 = TestSupport.malformedDetail {
            _ = try OpenAIResponse.embeddings(from: Data(#"{"data":[{"index":0,"embedding":"AAAAPw=="}]}"#.utf8))
        }
        #expect(base64?.hasSuffix("at data[0].embedding") == true)
        let missing = TestSupport.malformedDetail {
            _ = try OpenAIResponse.embeddings(from: Data(#"{"data":[{"index":0}]}"#.utf8))
        }
        #expect(missing == #"missing key "embedding" at data[0]"#)
        #expect(
            TestSupport.malformedDetail { _ = try OpenAIResponse.embeddings(from: Data(#"{"object":"list"}"#.utf8)) }
                == #"missing key "data" at top level"#)
        #expect(
            TestSupport.malformedDetail { _ = try OpenAIResponse.embeddings(from: Data("nope".utf8)) } == "invalid JSON"
        )
    }

    @Test func errorBodyThrowsProviderError() {
        #expect(throws: OpenAICompatError.providerError("input too long")) {
            try OpenAIResponse.embeddings(from: Data(#"{"error":{"message":"input too long","code":400}}"#.utf8))
        }
    }
}
