import Foundation
import Testing
@testable import OpenAICompat

@Suite struct ErrorMessageTests {
    @Test func objectShape() {
        let body =
            #"{"error":{"message":"The model `gpt-5` does not exist","type":"invalid_request_error","param":null,"code":"model_not_found"}}"#
        #expect(OpenAIResponse.errorMessage(from: Data(body.utf8)) == "The model `gpt-5` does not exist")
    }

    @Test func stringShape() {
        #expect(
            OpenAIResponse.errorMessage(from: Data(#"{"error":"model 'llama9' not found, try pulling it first"}"#.utf8))
                == "model 'llama9' not found, try pulling it first")
    }

    @Test func fallbackShapesAndTrimming() {
        #expect(
            OpenAIResponse.errorMessage(from: Data(#"{"object":"error","message":"  bad request \n","code":400}"#.utf8))
                == "bad request")
        #expect(OpenAIResponse.errorMessage(from: Data(#"{"detail":"Not Found"}"#.utf8)) == "Not Found")
    }

    @Test func nothingUsableGivesNil() {
        #expect(OpenAIResponse.errorMessage(from: Data("Bad Gateway".utf8)) == nil)
        #expect(OpenAIResponse.errorMessage(from: Data(#"{"error":{"code":500}}"#.utf8)) == nil)
        #expect(OpenAIResponse.errorMessage(from: Data(#"{"error":"   "}"#.utf8)) == nil)
        #expect(OpenAIResponse.errorMessage(from: Data(#"["error"]"#.utf8)) == nil)
        #expect(OpenAIResponse.errorMessage(from: Data()) == nil)
    }

    @Test func cappedAt300Characters() throws {
        let long = String(repeating: "abcdefghij", count: 50)
        let message = try #require(OpenAIResponse.errorMessage(from: Data(#"{"error":{"message":"\#(long)"}}"#.utf8)))
        #expect(message.count == 300)
        #expect(message == String(long.prefix(300)))
        let exact = String(repeating: "x", count: 300)
        #expect(OpenAIResponse.errorMessage(from: Data(#"{"error":"\#(exact)"}"#.utf8)) == exact)
    }

    @Test func capCountsCharactersNotBytes() throws {
        let long = String(repeating: "é🙂", count: 200)
        let message = try #require(OpenAIResponse.errorMessage(from: Data(#"{"error":"\#(long)"}"#.utf8)))
        #expect(message.count == 300)
        #expect(message.unicodeScalars.count == 300)
        #expect(message.hasSuffix("é🙂"))
    }
}
