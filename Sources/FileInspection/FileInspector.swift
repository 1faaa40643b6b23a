#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Validates an uploaded file while it streams in, with memory that does not depend on the file's size (for ZIP
/// files, a summary of each entry is kept until the central directory has been checked against it: at most
/// `ArchiveLimits.maxEntries` summaries of at most 1 KiB each).
///
/// Feed the upload chunk by chunk with `update(_:)`, then call `finish()`. Chunks may split anything anywhere
/// (a signature, a PDF name, a ZIP header): the verdict is the same whatever the chunking. (One nuance: when a
/// nested archive exhausts `maxExpandedBytes` and is also broken in another way, which of the two is reported can
/// depend on the chunking; the file is refused either way.) Each call throws an `InspectionError` as soon as a
/// problem is certain, so an upload can be aborted early; after an error every later call throws the same error.
///
/// The first 4 KiB decide the type (see `TypeSniffer`). Then, by type:
/// - PDF: active content, HTML markup outside streams, data after the final `%%EOF` (`PDFScanner`);
/// - images: declared pixel count and HTML markup (`ImageScanner`);
/// - ZIP, DOCX, XLSX, PPTX: decompression bombs, nesting, macros, entry names, and a central directory that must
///   describe exactly the entries inspected: no hidden, renamed or overlapping entries (`ZipInspector`);
/// - text: valid UTF-8 without control characters, over the whole stream;
/// - everything except ZIP: a ZIP archive hidden at the end of the file, and (for binary types) a PDF header
///   within the first 1024 bytes, where PDF readers look for it.
///
/// An inspector is a value: copying one mid-stream gives two independent inspectors.
public struct FileInspector: Sendable {
    /// The rules this inspector applies.
    public let policy: InspectionPolicy
    private var byteCount = 0
    private var head: [UInt8] = []
    private var detected: DetectedType?
    private var budget: ExpansionBudget
    private var tail = TailWindow(capacity: EndOfCentralDirectory.tailCapacity)
    private var text: UTF8Validator?
    private var pdf: PDFScanner?
    private var image: ImageScanner?
    private var zip: ZipInspector?
    private var failure: InspectionError?
    private var report: InspectionReport?

    /// Creates an inspector for one file.
    public init(policy: InspectionPolicy) {
        self.policy = policy
        budget = ExpansionBudget(limit: policy.archive.maxExpandedBytes)
    }

    /// Inspects the next chunk of the file.
    ///
    /// - Precondition: `finish()` has not been called yet.
    /// - Throws: an `InspectionError` as soon as the file is certain to be refused.
    public mutating func update(_ chunk: some DataProtocol) throws {
        precondition(report == nil, "FileInspector.update(_:) called after finish()")
        try recordingFailure { inspector in
            for region in chunk.regions {
                try region.withUnsafeBytes { try $0.isEmpty ? () : inspector.take($0) }
            }
        }
    }

    /// Ends the file and returns what it is.
    ///
    /// - Throws: an `InspectionError` when the file is refused (`.empty` when no byte was seen).
    public mutating func finish() throws -> InspectionReport {
        if let report { return report }
        let report = try recordingFailure { try $0.conclude() }
        self.report = report
        return report
    }

    /// Runs `work`, remembering the first error so that the verdict never changes afterwards.
    private mutating func recordingFailure<T>(_ work: (inout FileInspector) throws -> T) throws -> T {
        if let failure { throw failure }
        do {
            return try work(&self)
        } catch let error as InspectionError {
            failure = error
            throw error
        }
    }

    /// Inspects the bytes that fit within `maxBytes`, then refuses the file if the chunk went past it.
    private mutating func take(_ chunk: Bytes) throws {
        let accepted = Bytes(rebasing: chunk.prefix(max(0, policy.maxBytes - byteCount)))
        byteCount += accepted.count
        try analyze(accepted)
        if accepted.count < chunk.count { throw InspectionError.tooLarge(limit: policy.maxBytes) }
    }

    private mutating func analyze(_ bytes: Bytes) throws {
        var rest = bytes
        if detected == nil {
            let used = min(TypeSniffer.headSize - head.count, rest.count)
            head.append(contentsOf: rest.prefix(used))
            rest = Bytes(rebasing: rest[used...])
            guard head.count == TypeSniffer.headSize else { return }
            try detect()
        }
        try scan(rest)
    }

    /// Decides the type from the head, sets up the matching scanner and runs it over the head.
    private mutating func detect() throws {
        var probe = UTF8Validator()
        let type =
            TypeSniffer.binaryType(of: head)
            ?? (probe.consume(head) ? TypeSniffer.textType(of: head) : .unknown)
        detected = type
        let candidates = type == .zip ? DetectedType.zipFamily : [type]
        guard !policy.allowedTypes.isDisjoint(with: candidates) else { throw InspectionError.typeNotAllowed(type) }
        switch type {
        case .pdf: pdf = PDFScanner(forbidActiveContent: policy.forbidPDFActiveContent)
        case .png, .jpeg, .gif, .webp:
            image = try ImageScanner(type: type, head: head, maxPixels: policy.maxImagePixels)
        case .zip: zip = ZipInspector(limits: policy.archive)
        case .text, .html, .svg, .xml: text = UTF8Validator()
        case .docx, .xlsx, .pptx, .unknown: break
        }
        if text == nil && type != .pdf && head.prefix(1024).containsText("%PDF-") {
            throw InspectionError.polyglot("a PDF header appears in the first 1024 bytes")
        }
        let start = head
        head = []
        try start.withUnsafeBytes { try scan($0) }
    }

    private mutating func scan(_ bytes: Bytes) throws {
        guard !bytes.isEmpty else { return }
        if zip == nil { tail.append(bytes) }
        if text?.consume(bytes) == false { try demoteTextToUnknown() }
        try pdf?.consume(bytes, budget: &budget)
        try image?.consume(bytes)
        try zip?.consume(bytes, budget: &budget)
    }

    /// Text that turns out not to be valid UTF-8 is an unknown binary file.
    private mutating func demoteTextToUnknown() throws {
        text = nil
        detected = .unknown
        guard policy.allowedTypes.contains(.unknown) else { throw InspectionError.typeNotAllowed(.unknown) }
    }

    private mutating func conclude() throws -> InspectionReport {
        guard byteCount > 0 else { throw InspectionError.empty }
        if detected == nil { try detect() }
        if text?.isComplete == false { try demoteTextToUnknown() }
        try pdf?.finish()
        try image?.finish()
        var type = detected ?? .unknown
        if var archive = zip {
            zip = nil  // keeps the archive's zlib stream uniquely referenced
            type = try archive.finish()
            zip = archive
        } else if EndOfCentralDirectory.locate(in: tail.bytes, fileSize: byteCount) != nil {
            throw InspectionError.polyglot("a ZIP archive is hidden at the end of the file")
        }
        guard policy.allowedTypes.contains(type) else { throw InspectionError.typeNotAllowed(type) }
        return InspectionReport(detectedType: type, byteCount: byteCount)
    }
}
