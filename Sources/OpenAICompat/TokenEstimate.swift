import Foundation

/// Rough token estimate when a provider reports no usage: ceil(utf8 bytes / 4),
/// at least 1 for non-empty text; for messages add 4 per message.
///
/// Four UTF-8 bytes per token is the usual rule of thumb for English text
/// with BPE tokenizers; it over-counts for most non-Latin scripts, which errs
/// on the safe side for budgeting. The estimate is deterministic and cheap
/// (it only reads the UTF-8 byte count).
public enum TokenEstimate {
    /// Tokens added per chat message for role and formatting overhead.
    public static let perMessageOverhead = 4

    /// `ceil(text.utf8.count / 4)`: 0 for `""`, at least 1 otherwise.
    public static func tokens(in text: String) -> Int {
        let bytes = text.utf8.count
        return (bytes + 3) / 4
    }

    /// The sum over all messages of `tokens(in: content) + 4`; 0 for `[]`.
    public static func tokens(in messages: [ChatMessage]) -> Int {
        messages.reduce(0) { total, message in
            total + tokens(in: message.content) + perMessageOverhead
        }
    }

    /// Tokens a chat template may add per message, at most: role markers, separators, the end-of-turn token.
    public static let perMessageOverheadBound = 8

    /// The most tokens `messages` can take under any tokenizer in use: byte-level BPE and SentencePiece with byte
    /// fallback never make more than one token of a UTF-8 byte. Budgets reserve this, not the estimate, so a
    /// prompt in a script the estimate under-counts (emoji, CJK, a crafted string) cannot spend past them.
    public static func upperBound(in messages: [ChatMessage]) -> Int {
        messages.reduce(0) { total, message in
            total + message.content.utf8.count + perMessageOverheadBound
        }
    }

    /// An estimated usage record for a prompt and the text generated for it.
    public static func usage(prompt: [ChatMessage], completion: String) -> TokenUsage {
        TokenUsage(
            promptTokens: tokens(in: prompt),
            completionTokens: tokens(in: completion)
        )
    }

    /// An estimated usage record for embedding `inputs` (no completion tokens).
    public static func usage(embedding inputs: [String]) -> TokenUsage {
        TokenUsage(
            promptTokens: inputs.reduce(0) { $0 + tokens(in: $1) },
            completionTokens: 0
        )
    }
}
