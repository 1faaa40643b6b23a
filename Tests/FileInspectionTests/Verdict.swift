import FileInspection
import Testing

/// The outcome of inspecting one file, comparable across chunkings.
enum Verdict: Equatable, CustomStringConvertible {
    case accepted(DetectedType)
    case refused(InspectionError)

    var description: String {
        switch self {
        case .accepted(let type): "accepted(\(type))"
        case .refused(let error): "refused(\(error))"
        }
    }

    /// The refusal, if any.
    var error: InspectionError? {
        if case .refused(let error) = self { error } else { nil }
    }
}

extension InspectionPolicy {
    /// Accepts every type, with generous limits: tests then check one rule at a time.
    static var permissive: InspectionPolicy {
        InspectionPolicy(allowedTypes: Set(DetectedType.allCases), maxBytes: 1 << 30)
    }

    static func only(_ types: DetectedType...) -> InspectionPolicy {
        InspectionPolicy(allowedTypes: Set(types), maxBytes: 1 << 30)
    }

    func with(_ change: (inout InspectionPolicy) -> Void) -> InspectionPolicy {
        var policy = self
        change(&policy)
        return policy
    }
}

/// Feeds `chunks` in order and returns the verdict.
func inspect(chunks: [ArraySlice<UInt8>], policy: InspectionPolicy) -> Verdict {
    var inspector = FileInspector(policy: policy)
    do {
        for chunk in chunks { try inspector.update(chunk) }
        return .accepted(try inspector.finish().detectedType)
    } catch let error as InspectionError {
        return .refused(error)
    } catch {
        Issue.record("unexpected error type: \(error)")
        return .refused(.malformed("unexpected"))
    }
}

/// Feeds `bytes` in chunks of `size` bytes.
func inspect(_ bytes: [UInt8], policy: InspectionPolicy, chunkSize size: Int) -> Verdict {
    let chunks = stride(from: 0, to: bytes.count, by: max(size, 1)).map { bytes[$0..<min($0 + size, bytes.count)] }
    return inspect(chunks: chunks, policy: policy)
}

/// Inspects `bytes` whole, in 7-byte chunks and in 1-byte chunks, records an issue unless all three verdicts
/// agree, and returns the verdict.
func verdict(
    _ bytes: [UInt8], policy: InspectionPolicy = .permissive,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Verdict {
    let whole = inspect(bytes, policy: policy, chunkSize: max(bytes.count, 1))
    let sevens = inspect(bytes, policy: policy, chunkSize: 7)
    let ones = inspect(bytes, policy: policy, chunkSize: 1)
    #expect(sevens == whole, "7-byte chunks disagree with the whole file", sourceLocation: sourceLocation)
    #expect(ones == whole, "1-byte chunks disagree with the whole file", sourceLocation: sourceLocation)
    return whole
}
