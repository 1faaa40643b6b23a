import FileInspection
import Testing

@Suite struct PDFActiveContentTests {
    static let hostile: [Sample] = [
        Sample(
            name: "OpenAction JavaScript",
            bytes: PDFBuilder.document(catalogExtras: "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
            expected: .pdf),
        Sample(
            name: "hex-escaped name",
            bytes: PDFBuilder.document(catalogExtras: "/OpenAction << /S /Java#53cript >>"), expected: .pdf),
        Sample(
            name: "Launch", bytes: PDFBuilder.document(catalogExtras: "/OpenAction << /S /Launch /F (calc.exe) >>"),
            expected: .pdf),
        Sample(
            name: "EmbeddedFiles",
            bytes: PDFBuilder.document(catalogExtras: "/Names << /EmbeddedFiles << /Names [] >> >>"),
            expected: .pdf),
        Sample(
            name: "XFA form", bytes: PDFBuilder.document(catalogExtras: "/AcroForm << /XFA 9 0 R >>"),
            expected: .pdf),
        Sample(
            name: "name right before a delimiter",
            bytes: PDFBuilder.document(catalogExtras: "/AA<</O<</S/SubmitForm>>>>"), expected: .pdf),
        Sample(name: "object stream", bytes: PDFBuilder.hiddenInObjectStream(), expected: .pdf),
        Sample(
            name: "object stream without /Type",
            bytes: PDFBuilder.hiddenInObjectStream(dictionary: "/N 1 /First 4 /Filter [/FlateDecode]"),
            expected: .pdf),
        Sample(
            name: "uncompressed object stream",
            bytes: PDFBuilder.hiddenInObjectStream(dictionary: "/Type /ObjStm /N 1 /First 4", compress: false),
            expected: .pdf),
        Sample(
            name: "stream keyword inside a string",
            bytes: PDFBuilder.document(catalogExtras: "/X (>> stream) /AA << /JS (x) >>"), expected: .pdf),
        Sample(
            name: "stream keyword inside a string with escapes",
            bytes: PDFBuilder.document(catalogExtras: "/X (a\\) (b) >> stream) /AA << /JS (x) >>"),
            expected: .pdf),
        Sample(
            name: "stream keyword inside a comment",
            bytes: PDFBuilder.document(catalogExtras: "% >> stream\n /AA << /JS (x) >>"), expected: .pdf),
        Sample(name: "object hidden in stream data", bytes: objectHiddenInStreamData(), expected: .pdf),
    ]

    static func objectHiddenInStreamData() -> [UInt8] {
        PDFBuilder.document { pdf in
            pdf.addStream("/Filter /FlateDecode", [UInt8]("7 0 obj << /S /JavaScript /JS (x) >> endobj"))
        }
    }

    static func activeReason(_ verdict: Verdict) -> String? {
        if case .refused(.activeContent(let reason)) = verdict { reason } else { nil }
    }

    @Test(arguments: hostile)
    func hostilePDFIsRefused(_ sample: Sample) {
        #expect(Self.activeReason(verdict(sample.bytes)) != nil)
    }

    @Test(arguments: hostile)
    func hostilePDFIsAcceptedWhenActiveContentIsAllowed(_ sample: Sample) {
        let lenient = InspectionPolicy.only(.pdf).with { $0.forbidPDFActiveContent = false }
        #expect(verdict(sample.bytes, policy: lenient) == .accepted(.pdf))
    }

    @Test func refusalNamesTheFeature() {
        let openAction = PDFBuilder.document(catalogExtras: "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")
        #expect(verdict(openAction) == .refused(.activeContent("the PDF uses /JavaScript")))
        let escaped = PDFBuilder.document(catalogExtras: "/OpenAction << /S /Java#53cript >>")
        #expect(verdict(escaped) == .refused(.activeContent("the PDF uses /JavaScript")))
        let launch = PDFBuilder.document(catalogExtras: "/OpenAction << /S /Launch >>")
        #expect(verdict(launch) == .refused(.activeContent("the PDF uses /Launch")))
        let attachments = PDFBuilder.document(catalogExtras: "/Names << /EmbeddedFiles 8 0 R >>")
        #expect(verdict(attachments) == .refused(.activeContent("the PDF uses /EmbeddedFiles")))
        #expect(verdict(PDFBuilder.hiddenInObjectStream()) == .refused(.activeContent("the PDF uses /JavaScript")))
    }

    @Test func cleanPDFWithLookalikeNamesIsAccepted() {
        let pdf = PDFBuilder.document(catalogExtras: "/Metadata << /JSON true /JSX 1 /Launcher (x) /JavaScripts [] >>")
        #expect(verdict(pdf, policy: .only(.pdf)) == .accepted(.pdf))
    }

    @Test func cleanObjectStreamIsAccepted() {
        let pdf = PDFBuilder.document { pdf in
            pdf.addStream(
                "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
                Deflate.compress([UInt8]("6 0 << /S /URI /URI (https://example.com) >>"), raw: false))
        }
        #expect(verdict(pdf) == .accepted(.pdf))
    }

    @Test func objectStreamWithUnsupportedFilterIsRefused() {
        let pdf = PDFBuilder.hiddenInObjectStream(dictionary: "/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode")
        #expect(verdict(pdf) == .refused(.activeContent("an object stream with filter LZWDecode cannot be checked")))
        let chained = PDFBuilder.hiddenInObjectStream(
            dictionary: "/Type /ObjStm /N 1 /First 4 /Filter [/ASCIIHexDecode /FlateDecode]")
        #expect(Self.activeReason(verdict(chained))?.contains("cannot be checked") == true)
        let indirect = PDFBuilder.hiddenInObjectStream(dictionary: "/Type /ObjStm /N 1 /First 4 /Filter 9 0 R")
        #expect(Self.activeReason(verdict(indirect))?.contains("indirect filter") == true)
    }

    @Test func truncatedObjectStreamIsRefused() {
        let objects = Deflate.compress([UInt8](String(repeating: "6 0 << /S /URI >> ", count: 100)), raw: false)
        let pdf = PDFBuilder.document { pdf in
            pdf.addStream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", Array(objects.prefix(objects.count / 2)))
        }
        #expect(verdict(pdf) == .refused(.activeContent("an object stream ends before its compressed data does")))
    }

    @Test func objectStreamBombIsRefused() {
        let bomb = Deflate.compress([UInt8](repeating: 0x20, count: 3 << 20), raw: false)
        let pdf = PDFBuilder.document { pdf in
            pdf.addStream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", bomb)
        }
        let policy = InspectionPolicy.only(.pdf).with { $0.archive.maxExpandedBytes = 1 << 20 }
        #expect(inspect(pdf, policy: policy, chunkSize: 4096) == .refused(.archiveTooLarge(limit: 1 << 20)))
    }

    @Test func unterminatedStreamIsMalformed() {
        var pdf = [UInt8]("%PDF-1.7\n1 0 obj << /Length 5 >> stream\nabc /JS def\n%%EOF\n")
        #expect(verdict(pdf) == .refused(.malformed("the PDF ends inside a stream")))
        pdf = [UInt8]("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
        #expect(verdict(pdf) == .refused(.malformed("the PDF has no %%EOF end marker")))
    }
}
