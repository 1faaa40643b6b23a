import FileInspection
import Testing

@Suite struct StreamingTests {
    @Test func tooLargeIsThrownDuringUpdate() throws {
        var inspector = FileInspector(policy: InspectionPolicy.permissive.with { $0.maxBytes = 100 })
        try inspector.update([UInt8](repeating: 0x61, count: 60))
        #expect(throws: InspectionError.tooLarge(limit: 100)) {
            try inspector.update([UInt8](repeating: 0x61, count: 60))
        }
        // The verdict sticks.
        #expect(throws: InspectionError.tooLarge(limit: 100)) { try inspector.finish() }
    }

    @Test func exactlyMaxBytesIsFine() {
        let policy = InspectionPolicy.permissive.with { $0.maxBytes = 100 }
        #expect(verdict([UInt8](repeating: 0x61, count: 100), policy: policy) == .accepted(.text))
        #expect(verdict([UInt8](repeating: 0x61, count: 101), policy: policy) == .refused(.tooLarge(limit: 100)))
    }

    @Test func errorIsThrownAsSoonAsCertain() throws {
        var inspector = FileInspector(policy: .permissive)
        // Past the 4 KiB head, the type is known and every byte is checked as it arrives.
        try inspector.update(ImageBuilder.png() + .pseudoRandom(count: 5000))
        let error = InspectionError.polyglot("it contains HTML or script markup (\"<iframe\")")
        #expect(throws: error) { try inspector.update([UInt8]("<iframe src=x>")) }
        #expect(throws: error) { try inspector.update([UInt8]("more")) }
        #expect(throws: error) { try inspector.finish() }
    }

    @Test func smallFilesAreDecidedAtFinish() throws {
        var inspector = FileInspector(policy: .permissive)
        try inspector.update(ImageBuilder.png())
        try inspector.update([UInt8]("<iframe src=x>"))
        #expect(throws: InspectionError.self) { try inspector.finish() }
    }

    static let samples: [Sample] = [
        Sample(
            name: "hex-escaped PDF name", bytes: PDFBuilder.document(catalogExtras: "/AA << /S /Java#53cript >>"),
            expected: .pdf),
        Sample(name: "PDF object stream", bytes: PDFBuilder.hiddenInObjectStream(), expected: .pdf),
        Sample(name: "clean PDF", bytes: PDFBuilder.document(), expected: .pdf),
        Sample(name: "docx", bytes: ZipWriter.office(mainPart: "word/document.xml"), expected: .docx),
        Sample(name: "nested zip", bytes: ZipTests.nested(deflated: true), expected: .zip),
        Sample(name: "jpeg", bytes: ImageBuilder.jpeg(width: 9000, height: 9000, metadataSize: 6000), expected: .jpeg),
        Sample(name: "jpeg + zip", bytes: ImageBuilder.jpeg() + PolyglotTests.smallZip(), expected: .jpeg),
        Sample(name: "svg", bytes: DetectionTests.svgWithPrologue(), expected: .svg),
        Sample(name: "long text", bytes: [UInt8](String(repeating: "Zürich ", count: 1000)), expected: .text),
    ]

    @Test(arguments: samples)
    func verdictDoesNotDependOnChunking(_ sample: Sample) {
        let whole = inspect(sample.bytes, policy: .permissive, chunkSize: sample.bytes.count)
        for size in [1, 2, 3, 7, 64, 1000, 4095, 4096, 4097, 65_536] {
            #expect(inspect(sample.bytes, policy: .permissive, chunkSize: size) == whole, "chunk size \(size)")
        }
    }

    @Test func copiesAreIndependent() throws {
        let docx = ZipWriter.office(mainPart: "word/document.xml") { writer in
            writer.deflated("word/media/data.bin", .pseudoRandom(count: 200_000))
        }
        let half = docx.count / 2
        var first = FileInspector(policy: .permissive)
        try first.update(docx[..<half])
        var second = first
        try first.update(docx[half...])
        try second.update(docx[half...])
        #expect(try first.finish().detectedType == .docx)
        #expect(try second.finish().detectedType == .docx)
    }

    @Test func inspectorCanBeSentAcrossTasks() async throws {
        var inspector = FileInspector(policy: .only(.png))
        try inspector.update(ImageBuilder.png())
        let report = try await Task { [inspector] in
            var local = inspector
            return try local.finish()
        }.value
        #expect(report.detectedType == .png)
    }
}
