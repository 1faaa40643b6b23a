import FileInspection
import Testing

/// A named test file, so parameterised test output stays readable.
struct Sample: CustomTestStringConvertible, Sendable {
    let name: String
    let bytes: [UInt8]
    let expected: DetectedType
    var testDescription: String { name }
}

@Suite struct DetectionTests {
    static let samples: [Sample] = [
        Sample(name: "pdf", bytes: PDFBuilder.document(), expected: .pdf),
        Sample(name: "png", bytes: ImageBuilder.png(), expected: .png),
        Sample(name: "jpeg", bytes: ImageBuilder.jpeg(), expected: .jpeg),
        Sample(name: "jpeg with 6 KiB of metadata", bytes: ImageBuilder.jpeg(metadataSize: 6000), expected: .jpeg),
        Sample(name: "gif", bytes: ImageBuilder.gif(), expected: .gif),
        Sample(name: "webp lossy", bytes: ImageBuilder.webp(.lossy), expected: .webp),
        Sample(name: "webp lossless", bytes: ImageBuilder.webp(.lossless), expected: .webp),
        Sample(name: "webp extended", bytes: ImageBuilder.webp(.extended), expected: .webp),
        Sample(name: "docx", bytes: ZipWriter.office(mainPart: "word/document.xml"), expected: .docx),
        Sample(name: "xlsx", bytes: ZipWriter.office(mainPart: "xl/workbook.xml"), expected: .xlsx),
        Sample(name: "pptx", bytes: ZipWriter.office(mainPart: "ppt/presentation.xml"), expected: .pptx),
        Sample(name: "zip", bytes: plainZip(), expected: .zip),
        Sample(name: "docx parts without content types", bytes: partsWithoutContentTypes(), expected: .zip),
        Sample(name: "empty zip", bytes: ZipWriter().build(), expected: .zip),
        Sample(name: "text", bytes: [UInt8]("Hello, world!\nLine two\tend\r\n"), expected: .text),
        Sample(
            name: "text with BOM and accents", bytes: [0xEF, 0xBB, 0xBF] + [UInt8]("Grüße, 日本 🎉"),
            expected: .text),
        Sample(
            name: "html doctype", bytes: [UInt8]("<!DOCTYPE html>\n<html><body>Hi</body></html>"),
            expected: .html),
        Sample(name: "html after whitespace", bytes: [UInt8]("\n\t  <HTML lang=en>"), expected: .html),
        Sample(name: "html comment", bytes: [UInt8]("<!-- x --><p>hi</p>"), expected: .html),
        Sample(name: "html paragraph", bytes: [UInt8]("<p>hello</p>"), expected: .html),
        Sample(
            name: "html script after BOM", bytes: [0xEF, 0xBB, 0xBF] + [UInt8]("<script>alert(1)</script>"),
            expected: .html),
        Sample(name: "not html: <pre>", bytes: [UInt8]("<pre>code</pre>"), expected: .text),
        Sample(name: "svg", bytes: [UInt8]("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), expected: .svg),
        Sample(name: "svg with prologue", bytes: svgWithPrologue(), expected: .svg),
        Sample(name: "xml", bytes: [UInt8]("<?xml version=\"1.0\"?>\n<note><to>Tove</to></note>"), expected: .xml),
        Sample(name: "binary", bytes: [0x00, 0x01, 0x02, 0xFE, 0xFF] + .pseudoRandom(count: 5000), expected: .unknown),
        Sample(name: "text with ESC", bytes: [UInt8]("colour \u{1B}[31mred"), expected: .unknown),
    ]

    static func plainZip() -> [UInt8] {
        var writer = ZipWriter()
        writer.stored("readme.txt", "hello")
        writer.deflated("data/numbers.csv", [UInt8](String(repeating: "1,2,3\n", count: 200)))
        return writer.build()
    }

    static func partsWithoutContentTypes() -> [UInt8] {
        var writer = ZipWriter()
        writer.stored("word/document.xml", "<w:document/>")
        return writer.build()
    }

    static func svgWithPrologue() -> [UInt8] {
        [UInt8](
            """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <!-- Created with a drawing tool -->
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <svg width="10" height="10"><rect width="10" height="10"/></svg>
            """)
    }

    @Test(arguments: samples)
    func detectsType(_ sample: Sample) {
        #expect(verdict(sample.bytes) == .accepted(sample.expected))
    }

    @Test func reportCarriesTypeAndSize() throws {
        let bytes = ImageBuilder.png()
        var inspector = FileInspector(policy: .only(.png))
        try inspector.update(bytes)
        let report = try inspector.finish()
        #expect(report == InspectionReport(detectedType: .png, byteCount: bytes.count))
        #expect(report.mimeType == "image/png")
    }

    @Test func htmlAndSVGAreRefusedWhereImagesAreExpected() {
        let images = InspectionPolicy.only(.png, .jpeg, .gif, .webp)
        #expect(verdict([UInt8]("<html><body>hi</body></html>"), policy: images) == .refused(.typeNotAllowed(.html)))
        #expect(verdict(Self.svgWithPrologue(), policy: images) == .refused(.typeNotAllowed(.svg)))
        #expect(verdict([UInt8]("<svg onload=alert(1)>"), policy: images) == .refused(.typeNotAllowed(.svg)))
    }

    @Test func typeOutsideAllowlistIsRefused() {
        #expect(verdict(ImageBuilder.gif(), policy: .only(.png)) == .refused(.typeNotAllowed(.gif)))
        #expect(verdict(PDFBuilder.document(), policy: .only(.png)) == .refused(.typeNotAllowed(.pdf)))
    }

    @Test func officeSubtypeMustBeAllowedItself() {
        let docx = ZipWriter.office(mainPart: "word/document.xml")
        #expect(verdict(docx, policy: .only(.zip)) == .refused(.typeNotAllowed(.docx)))
        #expect(verdict(docx, policy: .only(.png)) == .refused(.typeNotAllowed(.zip)))
        #expect(verdict(Self.plainZip(), policy: .only(.docx)) == .refused(.typeNotAllowed(.zip)))
    }

    @Test func emptyFileIsRefused() throws {
        var inspector = FileInspector(policy: .permissive)
        try inspector.update([UInt8]())
        #expect(throws: InspectionError.empty) { try inspector.finish() }
    }
}
