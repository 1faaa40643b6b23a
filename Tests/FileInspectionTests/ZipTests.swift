import FileInspection
import Testing

@Suite struct ZipTests {
    static func malformedReason(_ verdict: Verdict) -> String? {
        if case .refused(.archiveMalformed(let reason)) = verdict { reason } else { nil }
    }

    /// Inspects a large archive in 64 KiB chunks (1-byte chunks would only make the test slow).
    static func inspectLarge(_ bytes: [UInt8], policy: InspectionPolicy = .permissive) -> Verdict {
        inspect(bytes, policy: policy, chunkSize: 64 * 1024)
    }

    static func zerosEntry(_ name: String, count: Int) -> ZipWriter.Entry {
        let (compressed, crc) = Deflate.compressZeros(count: count)
        return ZipWriter.Entry(name: name, crc: crc, compressed: compressed, uncompressedSize: count)
    }

    @Test(.timeLimit(.minutes(1)))
    func bombOf300MiBOfZerosIsRefused() {
        var writer = ZipWriter()
        writer.entries.append(Self.zerosEntry("zeros.bin", count: 300 << 20))
        let bytes = writer.build()
        #expect(bytes.count < 1 << 20)
        #expect(Self.inspectLarge(bytes) == .refused(.archiveTooLarge(limit: 256 << 20)))
    }

    @Test func highlyCompressedEntryIsRefusedByRatio() {
        var writer = ZipWriter()
        writer.entries.append(Self.zerosEntry("zeros.bin", count: 4 << 20))
        let result = Self.inspectLarge(writer.build())
        guard case .refused(.archiveRatio(let entry, let ratio)) = result else {
            Issue.record("expected a ratio refusal, got \(result)")
            return
        }
        #expect(entry == "zeros.bin")
        #expect(ratio > 100)
    }

    @Test func smallHighlyCompressedEntryIsFine() {
        var writer = ZipWriter()
        writer.deflated("spaces.xml", [UInt8](repeating: 0x20, count: 500_000))
        #expect(verdict(writer.build()) == .accepted(.zip))
    }

    @Test func bombSplitOverManyEntriesHitsTheTotal() {
        var writer = ZipWriter()
        for index in 0..<5 { writer.deflated("part\(index).txt", .pseudoRandom(count: 30_000, seed: UInt64(index))) }
        let policy = InspectionPolicy.permissive.with { $0.archive.maxExpandedBytes = 100_000 }
        #expect(verdict(writer.build(), policy: policy) == .refused(.archiveTooLarge(limit: 100_000)))
    }

    @Test func docxWithBombIsRefused() {
        let docx = ZipWriter.office(mainPart: "word/document.xml") { writer in
            writer.entries.append(Self.zerosEntry("word/media/image1.bin", count: 8 << 20))
        }
        let result = Self.inspectLarge(docx, policy: .only(.docx))
        guard case .refused(.archiveRatio(let entry, _)) = result else {
            Issue.record("expected a ratio refusal, got \(result)")
            return
        }
        #expect(entry == "word/media/image1.bin")
    }

    @Test func tooManyEntries() {
        var writer = ZipWriter()
        for index in 0..<11 { writer.stored("f\(index).txt", "x") }
        let policy = InspectionPolicy.permissive.with { $0.archive.maxEntries = 10 }
        #expect(verdict(writer.build(), policy: policy) == .refused(.archiveTooManyEntries(limit: 10)))
    }

    @Test func defaultEntryLimit() {
        var writer = ZipWriter()
        for index in 0..<5_001 { writer.stored("\(index)", "") }
        #expect(
            inspect(writer.build(), policy: .permissive, chunkSize: 1000)
                == .refused(.archiveTooManyEntries(limit: 5_000)))
    }

    static func nested(deflated: Bool) -> [UInt8] {
        var inner = ZipWriter()
        inner.stored("inner.txt", "hello")
        var outer = ZipWriter()
        if deflated { outer.deflated("inner.zip", inner.build()) } else { outer.stored("inner.zip", inner.build()) }
        return outer.build()
    }

    @Test(arguments: [false, true])
    func nestedArchiveIsTooDeep(deflated: Bool) {
        #expect(verdict(Self.nested(deflated: deflated)) == .refused(.archiveTooDeep(limit: 1)))
    }

    @Test(arguments: [false, true])
    func nestedArchiveIsInspectedWhenAllowed(deflated: Bool) {
        let policy = InspectionPolicy.permissive.with { $0.archive.maxDepth = 2 }
        #expect(verdict(Self.nested(deflated: deflated), policy: policy) == .accepted(.zip))
    }

    @Test func problemInsideNestedArchiveIsFound() {
        var inner = ZipWriter()
        inner.stored("../../etc/cron.d/evil", "x")
        var outer = ZipWriter()
        outer.deflated("inner.zip", inner.build())
        let policy = InspectionPolicy.permissive.with { $0.archive.maxDepth = 2 }
        #expect(Self.malformedReason(verdict(outer.build(), policy: policy))?.contains("..") == true)
    }
}
