import Foundation
import Testing
@testable import OpenAICompat

@Suite struct RequestBodyTests {
    let messages: [ChatMessage] = [.system("Be terse."), .user("Hi / there")]

    @Test func nonStreamingChatBodyIsExact() throws {
        let request = ChatCompletionRequest(model: "gpt-4o-mini", messages: messages, maxTokens: 64)
        let body = try request.jsonBody()
        let expected =
            #"{"max_tokens":64,"messages":[{"content":"Be terse.","role":"system"},"#
            + #"{"content":"Hi / there","role":"user"}],"model":"gpt-4o-mini","stream":false}"#
        #expect(String(decoding: body, as: UTF8.self) == expected)

        let json = try TestSupport.jsonObject(body)
        #expect(Set(json.keys) == ["model", "messages", "max_tokens", "stream"])
        #expect(json["model"] as? String == "gpt-4o-mini")
        #expect(json["max_tokens"] as? Int == 64)
        #expect(json["stream"] as? Bool == false)
        #expect(json["temperature"] == nil)
        #expect(json["stream_options"] == nil)
        let sent = try #require(json["messages"] as? [[String: String]])
        #expect(sent == [["role": "system", "content": "Be terse."], ["role": "user", "content": "Hi / there"]])
    }

    @Test func streamingChatBodyAsksForUsage() throws {
        let request = ChatCompletionRequest(
            model: "llama3.2", messages: [.user("Hello")], maxTokens: 256, temperature: 0.2, stream: true)
        let json = try TestSupport.jsonObject(try request.jsonBody())
        #expect(Set(json.keys) == ["model", "messages", "max_tokens", "temperature", "stream", "stream_options"])
        #expect(json["model"] as? String == "llama3.2")
        #expect(json["max_tokens"] as? Int == 256)
        #expect(json["temperature"] as? Double == 0.2)
        #expect(json["stream"] as? Bool == true)
        let options = try #require(json["stream_options"] as? [String: Any])
        #expect(options.count == 1)
        #expect(options["include_usage"] as? Bool == true)
        #expect(
            String(decoding: try request.jsonBody(), as: UTF8.self)
                .contains(#""stream_options":{"include_usage":true}"#))
    }

    @Test func temperatureWithoutStreamingHasNoStreamOptions() throws {
        let request = ChatCompletionRequest(
            model: "m", messages: [.assistant("ok")], maxTokens: 1, temperature: 0, stream: false)
        let json = try TestSupport.jsonObject(try request.jsonBody())
        #expect(Set(json.keys) == ["model", "messages", "max_tokens", "temperature", "stream"])
        #expect(json["temperature"] as? Double == 0)
        #expect(json["stream"] as? Bool == false)
    }

    @Test func embeddingBodyIsExact() throws {
        let request = EmbeddingRequest(model: "nomic-embed-text", input: ["first", "zweite ü"])
        let body = try request.jsonBody()
        #expect(String(decoding: body, as: UTF8.self) == #"{"input":["first","zweite ü"],"model":"nomic-embed-text"}"#)
        let json = try TestSupport.jsonObject(body)
        #expect(Set(json.keys) == ["model", "input"])
        #expect(json["input"] as? [String] == ["first", "zweite ü"])
        #expect(EmbeddingRequest(model: "e", text: "solo").input == ["solo"])
    }

    @Test func chatMessageDecodesNullContentAsEmpty() throws {
        let data = Data(#"{"role":"assistant","content":null,"tool_calls":[]}"#.utf8)
        let message = try JSONDecoder().decode(ChatMessage.self, from: data)
        #expect(message == ChatMessage(role: .assistant, content: ""))
        let missing = try JSONDecoder().decode(ChatMessage.self, from: Data(#"{"role":"user"}"#.utf8))
        #expect(missing == .user(""))
    }

    @Test func chatMessageRoundTrips() throws {
        let original = ChatMessage.system("line1\nline2")
        let data = try JSONEncoder().encode(original)
        #expect(try JSONDecoder().decode(ChatMessage.self, from: data) == original)
        #expect(ChatMessage.Role(rawValue: "assistant") == .assistant)
        #expect(ChatMessage.Role(rawValue: "tool") == nil)
    }
}
