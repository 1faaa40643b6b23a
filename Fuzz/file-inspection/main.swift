// libFuzzer entry point for FileInspection, compiled by scripts/fuzz together with Sources/FileInspection.
//
// The whole input is the uploaded file, so real files work as seeds. Each input is inspected:
// - with every upload purpose of the Files module (its allowed types, nesting depth 2, PDF active content
//   forbidden), then checked against a declared MIME type chosen by the input's last byte, as `UploadInspector`
//   does;
// - with a permissive policy, whole and in small chunks: the verdict must not depend on the chunking (documented by
//   `FileInspector`), or the target stops with a fatal error, which libFuzzer reports like a crash;
// - with the same policy, copied halfway: the copy and the original, each given the rest, must agree with the
//   whole file (an inspector is a value).
// Expansion limits are smaller than in production so that a bomb costs milliseconds, not seconds.

let limits = ArchiveLimits(maxEntries: 200, maxExpandedBytes: 8 << 20, ratioThreshold: 256 << 10, maxDepth: 2)

let purposes: [Set<DetectedType>] = [
    [.pdf, .docx, .text],  // knowledge
    [.png, .jpeg, .gif, .webp],  // image
    [.png, .jpeg],  // signature
    [.pdf, .docx, .xlsx, .pptx, .png, .jpeg, .text],  // attachment
]

let declarations: [String] = DetectedType.allCases.flatMap { $0.compatibleDeclarations.sorted() }
    + ["application/octet-stream", "", " Application/PDF ; charset=binary", "text/html", "image/svg+xml"]

enum Outcome: Equatable {
    case accepted(DetectedType, Int)
    case refused(InspectionError)
}

func inspect(_ bytes: UnsafeRawBufferPointer, policy: InspectionPolicy, chunkSize: Int) -> Outcome {
    var inspector = FileInspector(policy: policy)
    do {
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            try inspector.update(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            start = end
        }
        let report = try inspector.finish()
        // A finished inspector answers the same again.
        guard (try? inspector.finish()) == report else { fatalError("finish() changed its answer") }
        return .accepted(report.detectedType, report.byteCount)
    } catch let error as InspectionError {
        _ = error.description
        return .refused(error)
    } catch {
        fatalError("FileInspector threw a foreign error: \(error)")
    }
}

/// Feeds the first half, copies the inspector, and finishes the copy and the original with the second half.
func inspectForked(_ bytes: UnsafeRawBufferPointer, policy: InspectionPolicy) -> (Outcome, Outcome) {
    let half = bytes.count / 2
    var original = FileInspector(policy: policy)
    let head = UnsafeRawBufferPointer(rebasing: bytes[..<half])
    let rest = UnsafeRawBufferPointer(rebasing: bytes[half...])
    func finish(_ inspector: inout FileInspector) -> Outcome {
        do {
            try inspector.update(rest)
            let report = try inspector.finish()
            return .accepted(report.detectedType, report.byteCount)
        } catch let error as InspectionError {
            return .refused(error)
        } catch {
            fatalError("FileInspector threw a foreign error: \(error)")
        }
    }
    do {
        try original.update(head)
    } catch let error as InspectionError {
        return (.refused(error), .refused(error))
    } catch {
        fatalError("FileInspector threw a foreign error: \(error)")
    }
    var copy = original
    let fromCopy = finish(&copy)
    return (finish(&original), fromCopy)
}

/// Which of two refusals is reported may depend on the chunking when one of them is the expansion limit.
func agree(_ first: Outcome, _ second: Outcome) -> Bool {
    if first == second { return true }
    if case .refused(let a) = first, case .refused(let b) = second {
        return a == .archiveTooLarge(limit: limits.maxExpandedBytes) || b == .archiveTooLarge(limit: limits.maxExpandedBytes)
    }
    return false
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFileInspection(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let selector = Int(bytes.last ?? 0)
    for allowed in purposes {
        let policy = InspectionPolicy(allowedTypes: allowed, maxBytes: 1 << 20, archive: limits)
        if case .accepted(let type, _) = inspect(bytes, policy: policy, chunkSize: max(size, 1)) {
            let declared = declarations[selector % declarations.count]
            let report = InspectionReport(detectedType: type, byteCount: size)
            if (try? report.requireDeclaredType(declared)) != nil, !type.accepts(declared: declared) {
                fatalError("a declared type was accepted that the detected type does not accept")
            }
        }
    }
    let permissive = InspectionPolicy(allowedTypes: Set(DetectedType.allCases), maxBytes: 1 << 20, archive: limits,
                                      maxImagePixels: 1 << 20)
    let whole = inspect(bytes, policy: permissive, chunkSize: max(size, 1))
    let chunked = inspect(bytes, policy: permissive, chunkSize: 1 + selector % 13)
    guard agree(whole, chunked) else {
        fatalError("the verdict depends on the chunking: \(whole) whole, \(chunked) in \(1 + selector % 13)-byte chunks")
    }
    let (original, copy) = inspectForked(bytes, policy: permissive)
    guard agree(whole, original), agree(whole, copy) else {
        fatalError("copying the inspector halfway changed a verdict: \(whole) whole, \(original) and \(copy) forked")
    }
    return 0
}
