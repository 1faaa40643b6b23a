import FileInspection
import Testing

@Suite struct MarkupTests {
    @Test(arguments: [
        "<script>", "<SCRIPT src=x>", "<svg/onload=alert(1)>", "<svg\nonload=x>", "<iframe src=x>",
        "<body onload=x>", "<html>", "javascript:alert(1)", "JAVASCRIPT:",
    ])
    func markupInImageIsRefused(_ markup: String) {
        #expect(PolyglotTests.reason(verdict(ImageBuilder.gif() + [UInt8](markup))) != nil)
    }

    @Test(arguments: ["<svgs", "<scripture", "<bodyguard", "<htmlx", "javascript", "<svg"])
    func lookalikesAreNotMarkup(_ text: String) {
        #expect(verdict(ImageBuilder.gif() + [UInt8](text)) == .accepted(.gif))
    }

    @Test func markupSplitAcrossChunksIsFound() {
        let bytes = ImageBuilder.gif() + [UInt8]("<sc") + [UInt8]("ript>")
        for split in 0..<bytes.count {
            let verdict = inspect(chunks: [bytes[..<split], bytes[split...]], policy: .permissive)
            #expect(PolyglotTests.reason(verdict) != nil, "split at \(split)")
        }
    }
}
