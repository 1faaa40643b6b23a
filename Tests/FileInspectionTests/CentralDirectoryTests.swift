import FileInspection
import Testing

/// The central directory is what extracting tools and Office read: it must describe exactly the entries that were
/// inspected, and its end records must never make the inspector trap.
@Suite struct CentralDirectoryTests {
    static func malformed(_ verdict: Verdict) -> String? { ZipTests.malformedReason(verdict) }

    static func docx(_ change: (inout ZipWriter) -> Void = { _ in }) -> [UInt8] {
        var writer = ZipWriter()
        writer.stored(
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/\
            content-types"><Default Extension="xml" ContentType="application/xml"/></Types>
            """)
        writer.deflated("_rels/.rels", [UInt8]("<Relationships/>"))
        writer.deflated("word/document.xml", [UInt8](String(repeating: "<w:p>Hello</w:p>", count: 50)))
        change(&writer)
        return writer.build()
    }

    // MARK: Finding 1: ZIP64 end records with saturated fields

    /// An empty stored entry, then a ZIP64 end record, its locator and a classic end record with every field
    /// saturated: 129 bytes that used to trap on `offset + size` while checking the end record.
    static func saturatedZip64(
        entries: Int = 1, size: Int = -1, offset: Int = 31, recordOffset: Int = 31,
        recordSize: Int = 44
    ) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.littleEndian(0x0403_4B50, size: 4)
        bytes.littleEndian(20, size: 2)
        bytes += [UInt8](repeating: 0, count: 20)  // flags, method, time, date, CRC-32, sizes
        bytes.littleEndian(1, size: 2)  // name length
        bytes.littleEndian(0, size: 2)
        bytes.append("a")
        bytes.littleEndian(0x0606_4B50, size: 4)
        bytes.littleEndian(recordSize, size: 8)
        bytes.littleEndian(45, size: 2)
        bytes.littleEndian(45, size: 2)
        bytes.littleEndian(0, size: 8)
        bytes.littleEndian(entries, size: 8)
        bytes.littleEndian(entries, size: 8)
        bytes.littleEndian(size, size: 8)  // -1 writes 0xFFFF_FFFF_FFFF_FFFF
        bytes.littleEndian(offset, size: 8)
        bytes.littleEndian(0x0706_4B50, size: 4)
        bytes.littleEndian(0, size: 4)
        bytes.littleEndian(recordOffset, size: 8)
        bytes.littleEndian(1, size: 4)
        bytes.littleEndian(0x0605_4B50, size: 4)
        bytes.littleEndian(0, size: 4)
        bytes.littleEndian(0xFFFF, size: 2)
        bytes.littleEndian(0xFFFF, size: 2)
        bytes.littleEndian(0xFFFF_FFFF, size: 4)
        bytes.littleEndian(0xFFFF_FFFF, size: 4)
        bytes.littleEndian(0, size: 2)
        return bytes
    }

    @Test func saturatedZip64EndRecordIsRefusedNotATrap() {
        let bytes = Self.saturatedZip64()
        #expect(bytes.count == 129)
        #expect(Self.malformed(verdict(bytes)) != nil)
        #expect(Self.malformed(verdict(bytes, policy: .only(.docx))) != nil)
    }

    @Test(arguments: [
        (1, -1, 31, -1, 44), (-1, -1, -1, 31, 44), (1, 0, -1, 31, 44), (1, 0, 31, 31, -1), (-1, 0, 31, 31, 44),
        (1, -1, -1, -1, -1), (1, 0, 31, 0x7FFF_FFFF_FFFF_FFF0, 44),
    ])
    func saturatedZip64Variants(entries: Int, size: Int, offset: Int, recordOffset: Int, recordSize: Int) {
        let bytes = Self.saturatedZip64(
            entries: entries, size: size, offset: offset, recordOffset: recordOffset,
            recordSize: recordSize)
        #expect(Self.malformed(verdict(bytes)) != nil)
    }

    @Test func zip64EndRecordsOfAValidArchiveAreAccepted() {
        var writer = ZipWriter()
        writer.stored("a.txt", "hello")
        writer.deflated("b.txt", [UInt8](String(repeating: "zip64 ", count: 100)))
        writer.zip64End = true
        #expect(verdict(writer.build()) == .accepted(.zip))
    }

    // MARK: Finding 9: names

    @Test(arguments: ["../evil.sh", "/etc/passwd", "C:/Windows/evil.dll", "docs\\evil.sh", "a/../../b", "x\ny"])
    func hostileNameInTheCentralDirectoryOnly(_ name: String) {
        let bytes = Self.docx { $0.entries[2].central.name = name }
        #expect(Self.malformed(verdict(bytes, policy: .only(.docx))) != nil)
    }

    @Test func differentNameInTheCentralDirectory() {
        let bytes = Self.docx { $0.entries[2].central.name = "word/other.xml" }
        #expect(
            Self.malformed(verdict(bytes, policy: .only(.docx)))
                == "the central directory calls entry \"word/document.xml\" \"word/other.xml\"")
    }

    @Test(arguments: [true, false])
    func hostileUnicodePathField(inCentralDirectory: Bool) {
        let bytes = Self.docx { writer in
            let field = ZipWriter.unicodePathField("../../.bashrc")
            if inCentralDirectory {
                writer.entries[1].central.extra = field
            } else {
                writer.entries[1].localExtra = field
            }
        }
        #expect(Self.malformed(verdict(bytes, policy: .only(.docx)))?.contains("..") == true)
    }

    @Test func unicodePathFieldNamingAMacroProject() {
        let bytes = Self.docx { $0.entries[1].central.extra = ZipWriter.unicodePathField("word/vbaProject.bin") }
        #expect(verdict(bytes) == .refused(.activeContent("macros (word/vbaProject.bin)")))
    }

    @Test func unicodePathFieldOnlyInTheCentralDirectory() {
        let bytes = Self.docx { $0.entries[2].central.extra = ZipWriter.unicodePathField("word/document.xml") }
        #expect(
            Self.malformed(verdict(bytes))
                == "the central directory gives entry \"word/document.xml\" another Unicode path than its local header")
    }

    @Test func unicodePathFieldNamingTheContentTypesPartIsScannedForMacros() {
        var writer = ZipWriter()
        writer.deflated(
            "types.xml",
            [UInt8]("<Types><Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>"))
        writer.entries[0].localExtra = ZipWriter.unicodePathField("[Content_Types].xml")
        writer.entries[0].central.extra = writer.entries[0].localExtra
        #expect(verdict(writer.build()) == .refused(.activeContent("macros (types.xml declares them)")))
    }

    @Test func overlongUnicodePathField() {
        var writer = ZipWriter()
        writer.stored("a.txt", "x")
        writer.entries[0].localExtra = ZipWriter.unicodePathField(String(repeating: "n", count: 2000))
        #expect(Self.malformed(verdict(writer.build())) == "an entry name is longer than 1024 bytes")
    }

    @Test func backslashesAreRefused() {
        var writer = ZipWriter()
        writer.stored("folder\\file.txt", "x")
        #expect(Self.malformed(verdict(writer.build())) == "entry name \"folder\\file.txt\" contains a backslash")
    }

    @Test func duplicateNamesAreRefused() {
        let bytes = Self.docx { $0.stored("WORD/Document.xml", "<w:document/>") }
        #expect(Self.malformed(verdict(bytes)) == "the archive contains entry \"WORD/Document.xml\" twice")
    }

    // MARK: Finding 9: hidden macro parts

    /// A DOCX whose `word/media/blob.bin` stores, a few bytes in, a complete local entry that only the central
    /// directory points to: a streaming reader sees blob data, Word sees a part called `hidden`.
    static func docxWithEntryHiddenInData(hidden: String) -> [UInt8] {
        var inner = ZipWriter()
        inner.stored(hidden, [0xCC, 0x61, 0x88])
        let hiddenLocal = Array(inner.build().prefix(30 + hidden.utf8.count + 3))
        let padding = [UInt8]("blob")
        return docx { writer in
            writer.stored("word/media/blob.bin", padding + hiddenLocal)
            let blobData = writer.localOffsets()[3] + 30 + "word/media/blob.bin".utf8.count
            writer.extraRecords.append((inner.entries[0], blobData + padding.count))
        }
    }

    @Test func hiddenMacroProjectPointedToByTheCentralDirectory() {
        let bytes = Self.docxWithEntryHiddenInData(hidden: "word/vbaProject.bin")
        #expect(verdict(bytes, policy: .only(.docx)) == .refused(.activeContent("macros (word/vbaProject.bin)")))
    }

    @Test func hiddenRenamedPartPointedToByTheCentralDirectory() {
        let bytes = Self.docxWithEntryHiddenInData(hidden: "word/settings.bin")
        #expect(Self.malformed(verdict(bytes, policy: .only(.docx)))?.contains("where no entry starts") == true)
    }

    @Test(arguments: [
        "application/vnd.ms-word.document.macro&#69;nabled.main+xml",
        "application/vnd.ms-word.document.macro&#x45;nabled.main+xml",
        "application/vnd.ms-office.vba&#x50;roject",
        "application/vnd.ms-word.document.macro&amp;&#69;nabled.main+xml&#69;",
    ])
    func macroContentTypeSpelledWithCharacterReferences(_ contentType: String) {
        var writer = ZipWriter()
        writer.deflated(
            "[Content_Types].xml",
            [UInt8](
                "<Types><Override PartName=\"/word/document.xml\" "
                    + "ContentType=\"\(contentType)\"/></Types>"))
        writer.stored("word/document.xml", "<w:document/>")
        let result = verdict(writer.build())
        if contentType.contains("&amp;") {
            #expect(result == .accepted(.docx))  // "macro&E" is not "macroE": no marker
        } else {
            #expect(result == .refused(.activeContent("macros ([content_types].xml declares them)")))
        }
    }

    @Test func macroContentTypeInUTF16() {
        let xml =
            "\u{FEFF}<Types><Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>"
        var writer = ZipWriter()
        writer.deflated("[Content_Types].xml", xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        writer.stored("word/document.xml", "<w:document/>")
        #expect(verdict(writer.build()) == .refused(.activeContent("macros ([content_types].xml declares them)")))
    }

    @Test func macroRelationshipInARelationshipPart() {
        let bytes = Self.docx { writer in
            writer.deflated(
                "word/_rels/document.xml.rels",
                [UInt8](
                    """
                    <Relationships><Relationship Id="rId9" Target="x.bin" \
                    Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"/></Relationships>
                    """))
        }
        #expect(verdict(bytes) == .refused(.activeContent("macros (word/_rels/document.xml.rels declares them)")))
    }

    // MARK: Finding 9: overlapping entries and declared totals

    /// David Fifield's overlap idea: one real entry, and many central records that all point at it. Each record
    /// claims the entry's full expanded size, so a small file describes far more data than it holds.
    static func overlapBomb(records: Int, expandedSize: Int) -> [UInt8] {
        var writer = ZipWriter()
        writer.entries.append(ZipTests.zerosEntry("kernel", count: expandedSize))
        for index in 0..<records {
            var alias = writer.entries[0]
            alias.name = "file\(index)"
            writer.extraRecords.append((alias, 0))
        }
        writer.entries[0].central.listed = false
        return writer.build()
    }

    @Test func overlappingEntriesAreRefused() {
        let bytes = Self.overlapBomb(records: 3, expandedSize: 1000)
        #expect(Self.malformed(verdict(bytes)) == "the central directory calls entry \"kernel\" \"file0\"")
        var writer = ZipWriter()
        writer.stored("a.txt", "same data")
        writer.extraRecords.append((writer.entries[0], 0))
        #expect(
            Self.malformed(verdict(writer.build()))
                == "the central directory lists the entry at offset 0 more than once")
    }

    @Test func overlapBombDescribingFarMoreThanTheLimitIsRefused() {
        // 1,000 records × 1 MiB each: about 1 GiB described by a few KiB of compressed zeros and records.
        let bytes = Self.overlapBomb(records: 1_000, expandedSize: 1 << 20)
        #expect(bytes.count < 64 * 1024)
        let policy = InspectionPolicy.permissive.with { $0.archive.maxExpandedBytes = 100 << 20 }
        // The first record already fails the comparison; the point is that the file is refused quickly.
        #expect(inspect(bytes, policy: policy, chunkSize: 4096).error != nil)
    }

    @Test func declaredTotalAboveTheLimitIsRefused() {
        var writer = ZipWriter()
        writer.stored("a.txt", "small")
        writer.entries[0].central.uncompressedSize = 300 << 20
        #expect(verdict(writer.build()) == .refused(.archiveTooLarge(limit: 256 << 20)))
    }

    @Test func moreCentralRecordsThanTheEntryLimit() {
        var writer = ZipWriter()
        writer.stored("a.txt", "a")
        writer.stored("b.txt", "b")
        writer.extraRecords.append((writer.entries[0], 0))
        let policy = InspectionPolicy.permissive.with { $0.archive.maxEntries = 2 }
        #expect(verdict(writer.build(), policy: policy) == .refused(.archiveTooManyEntries(limit: 2)))
    }

    // MARK: Finding 9: entries missing on either side

    @Test func localEntryMissingFromTheCentralDirectory() {
        let bytes = Self.docx {
            $0.stored("word/vbaData.xml", "<x/>"); $0.entries[3].central.listed = false
        }
        #expect(Self.malformed(verdict(bytes)) == "entry \"word/vbaData.xml\" is missing from the central directory")
    }

    @Test func centralRecordPointingNowhere() {
        let bytes = Self.docx { $0.entries[1].central.offsetShift = 2 }
        #expect(Self.malformed(verdict(bytes))?.contains("where no entry starts") == true)
    }

    @Test(arguments: ["crc", "method", "size"])
    func centralRecordDisagreesWithItsLocalHeader(_ field: String) {
        let bytes = Self.docx { writer in
            switch field {
            case "crc": writer.entries[2].central.crc = 1234
            case "method": writer.entries[2].central.method = 0
            default: writer.entries[2].central.uncompressedSize = 7
            }
        }
        #expect(
            Self.malformed(verdict(bytes))
                == "the central directory describes entry \"word/document.xml\" differently from its local header")
    }

    // MARK: What surrounds the central directory

    @Test func commentsOnCentralRecordsAreFine() {
        let bytes = Self.docx { $0.entries[0].central.comment = String(repeating: "c", count: 300) }
        #expect(verdict(bytes, policy: .only(.docx)) == .accepted(.docx))
    }

    @Test func dataBetweenTheCentralDirectoryAndTheEndRecord() {
        let bytes = Self.docx { $0.afterCentralDirectory = [UInt8]("junk") }
        #expect(Self.malformed(verdict(bytes))?.hasPrefix("unexpected data in the central directory") == true)
    }

    @Test func muchDataAfterTheEndRecordIsRefusedAsItStreams() {
        let bytes = Self.docx() + [UInt8](repeating: 0x41, count: 70_000)
        #expect(
            Self.malformed(inspect(bytes, policy: .permissive, chunkSize: 1000))
                == "there is data after the central directory")
    }

    @Test func splitArchivesAreRefused() {
        let bytes = Self.docx { $0.diskNumber = 1 }
        #expect(Self.malformed(verdict(bytes)) != nil)
    }

    @Test func truncatedInsideTheCentralDirectory() {
        let bytes = Self.docx()
        #expect(
            Self.malformed(verdict(Array(bytes.prefix(bytes.count - 30))))
                == "the archive ends inside its central directory")
    }
}
