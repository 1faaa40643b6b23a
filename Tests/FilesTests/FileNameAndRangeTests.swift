import Foundation
import Testing
@testable import Files

@Suite struct FileNameAndRangeTests {
    @Test func namesAreForDisplayOnly() {
        #expect(FileName.sanitized("../../etc/passwd") == "passwd")
        #expect(FileName.sanitized("C:\\Users\\ada\\report.pdf") == "report.pdf")
        #expect(FileName.sanitized("invoice\u{202E}fdp.exe") == "invoicefdp.exe", "bidirectional override removed")
        #expect(FileName.sanitized("a\u{0}b\u{7}c\n.txt") == "abc.txt")
        #expect(FileName.sanitized("\"quoted\" <name>.txt") == "quoted name.txt")
        #expect(FileName.sanitized("  ...  ") == "file")
        #expect(FileName.sanitized(nil) == "file")
        let long = String(repeating: "x", count: 500) + ".pdf"
        #expect(FileName.sanitized(long).count == FileName.maxLength)
        #expect(FileName.sanitized(long).hasSuffix(".pdf"))
        #expect(FileName.sanitized("Angebot für Müller.pdf") == "Angebot für Müller.pdf")
    }

    @Test func contentDispositionCarriesBothForms() {
        #expect(
            FileName.contentDisposition(.attachment, name: "Angebot für Müller.pdf")
                == "attachment; filename=\"Angebot f_r M_ller.pdf\"; filename*=UTF-8''Angebot%20f%C3%BCr%20M%C3%BCller.pdf"
        )
        #expect(
            FileName.contentDisposition(.inline, name: "100%.png")
                == "inline; filename=\"100_.png\"; filename*=UTF-8''100%25.png")
    }

    @Test func rangesParseAsRFC9110Says() {
        #expect(ByteRange.parse(nil, size: 100) == .whole)
        #expect(ByteRange.parse("bytes=0-9", size: 100) == .partial(0..<10))
        #expect(ByteRange.parse("bytes=90-", size: 100) == .partial(90..<100))
        #expect(ByteRange.parse("bytes=-5", size: 100) == .partial(95..<100))
        #expect(ByteRange.parse("bytes=-500", size: 100) == .partial(0..<100))
        #expect(ByteRange.parse("bytes=50-5000", size: 100) == .partial(50..<100))
        #expect(ByteRange.parse("bytes=100-", size: 100) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=0-0", size: 0) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=-0", size: 100) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=18446744073709551616-", size: 100) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=0-18446744073709551616", size: 100) == .partial(0..<100))
        #expect(ByteRange.parse("bytes=0-1,3-4", size: 100) == .whole)
        #expect(ByteRange.parse("bytes=5-1", size: 100) == .whole)
        #expect(ByteRange.parse("bytes=a-b", size: 100) == .whole)
        #expect(ByteRange.parse("bytes=-", size: 100) == .whole)
        #expect(ByteRange.parse("lines=0-9", size: 100) == .whole)
        #expect(
            ByteRange.parse("bytes=" + String(repeating: "0", count: 300) + "-1", size: 100) == .whole,
            "an oversized header is ignored")
    }
}
