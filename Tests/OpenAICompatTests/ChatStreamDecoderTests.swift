import Foundation
import Testing
@testable import OpenAICompat

@Suite struct ChatStreamDecoderTests {
    static let openAIStream = TestSupport.sse([
        #"{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}"#,
        #"{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":"Hel"},"logprobs":null,"finish_reason":null}],"usage":null}"#,
        #"{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":"lo, "},"logprobs":null,"finish_reason":null}],"usage":null}"#,
        #"{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":"wörld 🙂"},"logprobs":null,"finish_reason":null}],"usage":null}"#,
        #"{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}"#,
        #"{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[],"usage":{"prompt_tokens":11,"completion_tokens":6,"total_tokens":17,"prompt_tokens_details":{"cached_tokens":0}}}"#,
        "[DONE]",
    ])

    static let openAIExpected: [ChatStreamEvent] = [
        .content("Hel"), .content("lo, "), .content("wörld 🙂"), .finished("stop"),
        .usage(TokenUsage(promptTokens: 11, completionTokens: 6)), .done,
    ]

    @Test func decodesRealisticOpenAIStream() throws {
        #expect(try TestSupport.decodeStream(Self.openAIStream) == Self.openAIExpected)
    }

    @Test func decoderStateAfterOpenAIStream() throws {
        var decoder = ChatStreamDecoder()
        let events = try decoder.decode(TestSupport.parse(Self.openAIStream))
        #expect(events.compactMap(\.text).joined() == "Hello, wörld 🙂")
        #expect(decoder.isDone)
        #expect(decoder.finishReason == "stop")
        #expect(decoder.usage == TokenUsage(promptTokens: 11, completionTokens: 6))
        #expect(decoder.model == "gpt-4o-mini-2024-07-18")
        #expect(try decoder.decode(ServerSentEvent(data: #"{"choices":[{"delta":{"content":"late"}}]}"#)) == [])
    }

    @Test func openAIStreamFedByteByByteGivesSameEvents() throws {
        var parser = ServerSentEventParser()
        var decoder = ChatStreamDecoder()
        var events: [ChatStreamEvent] = []
        for byte in Self.openAIStream.utf8 {
            events += try decoder.decode(parser.feed(CollectionOfOne(byte)))
        }
        #expect(events == Self.openAIExpected)
    }

    @Test func decodesLlamaCppStream() throws {
        let stream = TestSupport.sse([
            #"{"choices":[{"finish_reason":null,"index":0,"delta":{"role":"assistant","content":null}}],"created":1,"id":"chatcmpl-x","model":"qwen2.5-7b","system_fingerprint":"b5000","object":"chat.completion.chunk"}"#,
            #"{"choices":[{"finish_reason":null,"index":0,"delta":{"content":"Bonjour"}}],"created":1,"id":"chatcmpl-x","model":"qwen2.5-7b","object":"chat.completion.chunk"}"#,
            #"{"choices":[{"finish_reason":null,"index":0,"delta":{"content":" !"}}],"created":1,"id":"chatcmpl-x","model":"qwen2.5-7b","object":"chat.completion.chunk"}"#,
            #"{"choices":[{"finish_reason":"length","index":0,"delta":{}}],"created":1,"id":"chatcmpl-x","model":"qwen2.5-7b","object":"chat.completion.chunk","usage":{"completion_tokens":2,"prompt_tokens":9,"total_tokens":11},"timings":{"prompt_n":9,"predicted_n":2,"predicted_per_second":40.1}}"#,
            "[DONE]",
        ])
        #expect(
            try TestSupport.decodeStream(stream) == [
                .content("Bonjour"), .content(" !"), .finished("length"),
                .usage(TokenUsage(promptTokens: 9, completionTokens: 2)), .done,
            ])
    }

    @Test func decodesOllamaStreamWithoutDone() throws {
        let stream = TestSupport.sse([
            #"{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1,"model":"llama3.2","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}"#,
            #"{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1,"model":"llama3.2","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"stop"}]}"#,
        ])
        #expect(try TestSupport.decodeStream(stream) == [.content("Hi"), .finished("stop")])
    }

    @Test func combinedContentFinishAndUsageChunkLosesNothing() throws {
        var decoder = ChatStreamDecoder()
        let chunk =
            #"{"choices":[{"index":0,"delta":{"content":"end."},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":4}}"#
        #expect(
            try decoder.decode(ServerSentEvent(data: chunk)) == [
                .content("end."), .finished("stop"), .usage(TokenUsage(promptTokens: 3, completionTokens: 4)),
            ])
        let repeated =
            #"{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":4}}"#
        #expect(try decoder.decode(ServerSentEvent(data: repeated)) == [])
        #expect(try decoder.decode(ServerSentEvent(data: "[DONE]")) == [.done])
    }

    @Test func keepAlivesAndOtherChoicesAreIgnored() throws {
        var decoder = ChatStreamDecoder()
        #expect(try decoder.decode(ServerSentEvent(data: "")) == [])
        #expect(try decoder.decode(ServerSentEvent(data: " \n ")) == [])
        #expect(
            try decoder.decode(ServerSentEvent(data: #"{"choices":[{"index":1,"delta":{"content":"other"}}]}"#)) == [])
        #expect(
            try decoder.decode(ServerSentEvent(data: #"{"choices":[{"index":0,"delta":{"content":"\n"}}]}"#)) == [
                .content("\n")
            ])
        #expect(try decoder.decode(ServerSentEvent(data: " [DONE] ")) == [.done])
    }

    @Test func errorChunkThrowsProviderError() throws {
        let stream = TestSupport.sse([
            #"{"choices":[{"index":0,"delta":{"content":"par"}}]}"#,
            #"{"id":"x","object":"chat.completion.chunk","error":{"message":"Upstream overloaded","code":502},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}"#,
        ])
        let events = try TestSupport.parse(stream)
        var decoder = ChatStreamDecoder()
        #expect(try decoder.decode(events[0]) == [.content("par")])
        #expect(throws: OpenAICompatError.providerError("Upstream overloaded")) { try decoder.decode(events[1]) }
        #expect(throws: OpenAICompatError.providerError("boom")) {
            try decoder.decode(ServerSentEvent(data: #"{"error":"boom"}"#))
        }
        #expect(throws: OpenAICompatError.providerError("quota exceeded")) {
            try decoder.decode(ServerSentEvent(event: "error", data: #"{"error":{"message":"quota exceeded"}}"#))
        }
        #expect(throws: OpenAICompatError.providerError("plain text failure")) {
            try decoder.decode(ServerSentEvent(event: "error", data: "plain text failure"))
        }
    }

    @Test func nonJSONAndWrongTypesThrowMalformed() {
        var decoder = ChatStreamDecoder()
        #expect(
            TestSupport.malformedDetail { _ = try decoder.decode(ServerSentEvent(data: "hello")) } == "invalid JSON")
        #expect(TestSupport.malformedDetail { _ = try decoder.decode(ServerSentEvent(data: "DONE")) } == "invalid JSON")
        #expect(
            TestSupport.malformedDetail {
                _ = try decoder.decode(ServerSentEvent(data: #"{"choices":[{"index":0,"delta":{"content":7}}]}"#))
            } == "expected String at choices[0].delta.content")
        #expect(
            TestSupport.malformedDetail {
                _ = try decoder.decode(ServerSentEvent(data: #"{"choices":[],"usage":{"prompt_tokens":1.5}}"#))
            } != nil)
        #expect(TestSupport.malformedDetail { _ = try decoder.decode(ServerSentEvent(data: "[1]")) } != nil)
    }

    @Test func streamEventAccessors() {
        #expect(ChatStreamEvent.content("a").text == "a")
        #expect(ChatStreamEvent.done.text == nil)
        #expect(ChatStreamEvent.finished("stop").finishReason == "stop")
        #expect(ChatStreamEvent.usage(TokenUsage(promptTokens: 1, completionTokens: 2)).tokenUsage?.totalTokens == 3)
        #expect(ChatStreamEvent.done.isDone)
        #expect(ServerSentEvent(data: "[DONE]").isDoneSentinel)
    }
}
