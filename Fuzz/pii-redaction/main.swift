// libFuzzer entry point for PIIRedaction, compiled by scripts/fuzz together with Sources/PIIRedaction.
//
// The input (decoded as UTF-8, invalid bytes replaced) is split at NUL characters: the first part lists known
// values, one per line as `label=value` (or just `value`), and every further part is one message of a
// conversation. Each message is redacted by one `Redactor`, then the documented promises are checked:
// - `mapping.restore(redact(x)) == x`; when a value occurs in two spellings (`Anna` and `ANNA`, two ways to write
//   one phone number) both get one placeholder, which restores to the spelling seen first, so the check is then
//   that redacting the restored text again gives the same redacted text;
// - a later message never changes how an earlier one restores;
// - a `StreamingRestorer` fed the redacted text in small pieces gives the same as `restore`.
// A broken promise stops the target with a fatal error, which libFuzzer reports like a crash.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPIIRedaction(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = text.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
    let known = (parts.first ?? "").split(separator: "\n").prefix(16).map { line -> KnownValue in
        let fields = line.split(separator: "=", maxSplits: 1)
        return fields.count == 2 ? KnownValue(String(fields[1]), label: String(fields[0]))
            : KnownValue(String(line), label: "NAME")
    }
    var redactor = Redactor(known: known)
    var conversation: [(restored: String, redacted: String)] = []
    for message in parts.dropFirst().prefix(8) {
        let redacted = redactor.redact(message)
        let restored = redactor.mapping.restore(redacted)
        if restored != message {
            var again = redactor
            let redactedAgain = again.redact(restored)
            guard redactedAgain == redacted else {
                fatalError("restore(redact(x)) is neither x nor redacted to the same text: \(message.debugDescription) → "
                    + "\(redacted.debugDescription) → \(restored.debugDescription) → \(redactedAgain.debugDescription)")
            }
        }
        conversation.append((restored, redacted))
        let characters = Array(redacted)
        let pieceSize = 1 + size % 5
        var restorer = StreamingRestorer(mapping: redactor.mapping)
        var streamed = ""
        var start = 0
        while start < characters.count {
            let end = min(characters.count, start + pieceSize)
            streamed += restorer.feed(String(characters[start..<end]))
            start = end
        }
        streamed += restorer.finish()
        guard streamed == redactor.mapping.restore(redacted) else {
            fatalError("streamed restore differs for \(redacted.debugDescription): \(streamed.debugDescription)")
        }
    }
    for (restored, redacted) in conversation where redactor.mapping.restore(redacted) != restored {
        fatalError("a later message changed how \(redacted.debugDescription) restores")
    }
    _ = redactor.mapping.totalCount
    return 0
}
