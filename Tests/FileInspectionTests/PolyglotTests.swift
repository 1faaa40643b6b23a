import FileInspection
import Testing

@Suite struct PolyglotTests {
    static func smallZip() -> [UInt8] {
        var writer = ZipWriter()
        writer.stored("x.html", "<b>hi</b>")
        return writer.build()
    }

    static func reason(_ verdict: Verdict) -> String? {
        if case .refused(.polyglot(let reason)) = verdict { reason } else { nil }
    }

    @Test func pngWithScriptAppended() {
        let result = verdict(ImageBuilder.png() + [UInt8]("<script>alert(document.cookie)</script>"))
        #expect(Self.reason(result)?.contains("<script") == true)
    }

    @Test func gifWithUppercaseSVGInside() {
        let result = verdict(ImageBuilder.gif() + [UInt8]("<SvG/OnLoad=alert(1)>"))
        #expect(Self.reason(result)?.contains("<svg") == true)
    }

    @Test func jpegWithJavascriptURL() {
        let result = verdict(ImageBuilder.jpeg(metadataSize: 100) + [UInt8]("JavaScript:alert(1)"))
        #expect(Self.reason(result) != nil)
    }

    @Test func jpegWithZipAppended() {
        let result = verdict(ImageBuilder.jpeg() + Self.smallZip())
        #expect(Self.reason(result)?.contains("ZIP") == true)
    }

    @Test func unknownBinaryWithZipAppended() {
        let result = verdict([UInt8].pseudoRandom(count: 300) + Self.smallZip())
        #expect(Self.reason(result)?.contains("ZIP") == true)
    }

    /// Zip readers ignore the "entries on this disk" field, so a mismatch there must not hide the archive.
    @Test func appendedZipWithOddDiskFields() {
        var zip = Self.smallZip()
        zip[zip.count - 22 + 8] &+= 1
        let result = verdict([UInt8].pseudoRandom(count: 300) + zip)
        #expect(Self.reason(result)?.contains("ZIP") == true)
    }

    @Test func pdfWithZipAppended() {
        let result = verdict(PDFBuilder.document() + Self.smallZip())
        #expect(Self.reason(result)?.contains("ZIP") == true)
    }

    @Test func zipWithPDFHeaderInFirstKilobyte() {
        var writer = ZipWriter()
        writer.stored("a.txt", "padding")
        writer.stored("doc.pdf", PDFBuilder.document())
        let result = verdict(writer.build())
        #expect(Self.reason(result)?.contains("PDF header") == true)
    }

    @Test func zipWithPDFHeaderLaterIsFine() {
        var writer = ZipWriter()
        writer.stored("padding.txt", [UInt8](repeating: 0x20, count: 2000))
        writer.stored("doc.pdf", PDFBuilder.document())
        #expect(verdict(writer.build()) == .accepted(.zip))
    }

    @Test func pngWithPDFHeaderInFirstKilobyte() {
        #expect(Self.reason(verdict(ImageBuilder.png() + [UInt8]("%PDF-1.4\n"))) != nil)
    }

    @Test func pdfWithDataAfterEndOfFile() {
        let pdf = PDFBuilder().build(trailing: [UInt8](repeating: 0x41, count: 2048))
        #expect(verdict(pdf) == .refused(.polyglot("there is data after the end of the PDF")))
    }

    @Test func pdfWithLittleDataAfterEndOfFileIsFine() {
        let pdf = PDFBuilder().build(trailing: [UInt8]("\n\n  junk  \n") + [UInt8](repeating: 0x20, count: 5000))
        #expect(verdict(pdf) == .accepted(.pdf))
    }

    @Test func pdfWithHTMLInAComment() {
        var pdf = PDFBuilder()
        pdf.add("<< /Type /Catalog >> % <html><body onload=alert(1)>")
        #expect(Self.reason(verdict(pdf.build())) != nil)
    }

    @Test func markupInsideAPDFStreamBodyIsIgnored() {
        var pdf = PDFBuilder()
        pdf.add("<< /Type /Catalog >>")
        pdf.addStream("/Subtype /Text", [UInt8]("<script>not markup here, just stream data</script>"))
        #expect(verdict(pdf.build()) == .accepted(.pdf))
    }
}
