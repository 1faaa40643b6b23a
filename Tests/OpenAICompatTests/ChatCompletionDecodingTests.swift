import Foundation
import Testing
@testable import OpenAICompat

@Suite struct ChatCompletionDecodingTests {
    @Test func decodesOpenAIAnswerWithExtraFields() throws {
        let body = #"""
            {"id":"chatcmpl-abc","object":"chat.completion","created":1741569952,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there!","refusal":null,"annotations":[]},
                         "logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,
                      "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}},
             "service_tier":"default","system_fingerprint":"fp_06737a9306"}
            """#
        let completion = try OpenAIResponse.chatCompletion(from: Data(body.utf8))
        #expect(
            completion
                == ChatCompletion(
                    content: "Hello there!", finishReason: "stop",
                    usage: TokenUsage(promptTokens: 19, completionTokens: 10), model: "gpt-4o-mini-2024-07-18"))
        #expect(completion.usage?.totalTokens == 29)
        #expect(completion.wasTruncated == false)
    }

    @Test func nullContentBecomesEmptyString() throws {
        let body =
            #"{"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"x"}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":5,"completion_tokens":7}}"#
        let completion = try OpenAIResponse.chatCompletion(from: Data(body.utf8))
        #expect(completion.content == "")
        #expect(completion.finishReason == "tool_calls")
        #expect(completion.usage == TokenUsage(promptTokens: 5, completionTokens: 7))
        #expect(completion.model == nil)
    }

    @Test func missingUsageIsNil() throws {
        let body =
            #"{"model":"qwen2.5","choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"length"}]}"#
        let completion = try OpenAIResponse.chatCompletion(from: Data(body.utf8))
        #expect(completion == ChatCompletion(content: "Hi", finishReason: "length", usage: nil, model: "qwen2.5"))
        #expect(completion.wasTruncated)
        let nullUsage = #"{"choices":[{"message":{"content":"x"},"finish_reason":null}],"usage":null}"#
        let second = try OpenAIResponse.chatCompletion(from: Data(nullUsage.utf8))
        #expect(second == ChatCompletion(content: "x", finishReason: nil, usage: nil, model: nil))
    }

    @Test func picksChoiceWithIndexZero() throws {
        let body =
            #"{"choices":[{"index":1,"message":{"content":"second"}},{"index":0,"message":{"content":"first"}}]}"#
        #expect(try OpenAIResponse.chatCompletion(from: Data(body.utf8)).content == "first")
    }

    @Test func usageOrEstimateFallsBack() throws {
        let completion = ChatCompletion(content: "12345678")
        #expect(completion.usageOrEstimate(prompt: [.user("abcd")]) == TokenUsage(promptTokens: 5, completionTokens: 2))
        let reported = ChatCompletion(content: "x", usage: TokenUsage(promptTokens: 1, completionTokens: 1))
        #expect(reported.usageOrEstimate(prompt: []) == TokenUsage(promptTokens: 1, completionTokens: 1))
    }

    @Test func nonJSONThrowsMalformed() {
        let detail = TestSupport.malformedDetail {
            _ = try OpenAIResponse.chatCompletion(from: Data("<html>502</html>".utf8))
        }
        #expect(detail == "invalid JSON")
        let truncated = TestSupport.malformedDetail {
            _ = try OpenAIResponse.chatCompletion(from: Data(#"{"choices":["#.utf8))
        }
        #expect(truncated == "invalid JSON")
    }

    @Test func wrongTypesThrowMalformedWithPath() {
        let content = TestSupport.malformedDetail {
            _ = try OpenAIResponse.chatCompletion(from: Data(#"{"choices":[{"message":{"content":42}}]}"#.utf8))
        }
        #expect(content == "expected String at choices[0].message.content")
        let choices = TestSupport.malformedDetail {
            _ = try OpenAIResponse.chatCompletion(from: Data(#"{"choices":{"0":{}}}"#.utf8))
        }
        #expect(choices?.hasPrefix("expected Array") == true)
        #expect(choices?.hasSuffix(" at choices") == true)
        let usage = TestSupport.malformedDetail {
            _ = try OpenAIResponse.chatCompletion(
                from: Data(#"{"choices":[{"message":{"content":"a"}}],"usage":{"prompt_tokens":"3"}}"#.utf8))
        }
        #expect(usage == "expected Int at usage.prompt_tokens")
        let negative = TestSupport.malformedDetail {
            _ = try OpenAIResponse.chatCompletion(
                from: Data(#"{"choices":[{"message":{"content":"a"}}],"usage":{"prompt_tokens":-1}}"#.utf8))
        }
        #expect(negative == "invalid value at usage.prompt_tokens")
    }

    @Test func missingOrEmptyChoicesThrow() {
        #expect(
            TestSupport.malformedDetail { _ = try OpenAIResponse.chatCompletion(from: Data("{}".utf8)) }
                == #"missing key "choices" at top level"#)
        #expect(
            TestSupport.malformedDetail { _ = try OpenAIResponse.chatCompletion(from: Data(#"{"choices":[]}"#.utf8)) }
                == #"empty "choices" in chat completion"#)
        #expect(
            TestSupport.malformedDetail { _ = try OpenAIResponse.chatCompletion(from: Data("[1,2]".utf8)) }?
                .hasSuffix("at top level") == true)
    }

    @Test func errorBodyThrowsProviderError() {
        #expect(throws: OpenAICompatError.providerError("Rate limit reached")) {
            try OpenAIResponse.chatCompletion(
                from: Data(#"{"error":{"message":"Rate limit reached","type":"requests","code":429}}"#.utf8))
        }
        #expect(throws: OpenAICompatError.providerError("model \"x\" not found")) {
            try OpenAIResponse.chatCompletion(from: Data(#"{"error":"model \"x\" not found"}"#.utf8))
        }
    }

    @Test func errorDescriptions() {
        #expect(
            OpenAICompatError.malformed("invalid JSON").description == "malformed OpenAI-compatible data: invalid JSON")
        #expect(OpenAICompatError.providerError("boom").description == "provider error: boom")
        #expect(OpenAICompatError.eventTooLarge.description == "server-sent event exceeds the size limit")
        #expect(OpenAICompatError.providerError("x").isProviderError)
        #expect(!OpenAICompatError.eventTooLarge.isProviderError)
        #expect(OpenAICompatError.malformed("bad").message == "bad")
        #expect(OpenAICompatError.providerError("down").message == "down")
    }
}
