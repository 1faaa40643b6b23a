import FileInspection
import Testing

/// Archives that are broken, lie about themselves, or carry dangerous content.
@Suite struct ZipStructureTests {
    @Test func cleanDocx() {
        #expect(verdict(ZipWriter.office(mainPart: "word/document.xml"), policy: .only(.docx)) == .accepted(.docx))
    }

    @Test func centralDirectoryListingHiddenEntries() {
        var writer = ZipWriter()
        writer.stored("a.txt", "visible")
        let reason = ZipTests.malformedReason(verdict(writer.build(hiddenEntries: 1)))
        #expect(reason == "the central directory lists the entry at offset 0 more than once")
    }

    @Test func encryptedEntry() {
        var writer = ZipWriter()
        writer.stored("secret.txt", [UInt8]("ciphertext"), flags: 0x1)
        #expect(ZipTests.malformedReason(verdict(writer.build()))?.contains("encrypted") == true)
    }

    @Test(arguments: ["../evil.sh", "docs/../../evil.sh", "/etc/passwd", "C:\\Windows\\evil.dll", "a\\..\\b"])
    func hostileEntryName(_ name: String) {
        var writer = ZipWriter()
        writer.stored(name, "x")
        #expect(ZipTests.malformedReason(verdict(writer.build())) != nil)
    }

    @Test func dotsInsideANameAreFine() {
        var writer = ZipWriter()
        writer.stored("notes..txt", "x")
        writer.stored("..hidden/file", "y")
        #expect(verdict(writer.build()) == .accepted(.zip))
    }

    @Test(arguments: ["word/vbaProject.bin", "xl/vbaProject.bin", "ppt/VBAPROJECT.BIN"])
    func macroProject(_ part: String) {
        let document = ZipWriter.office(mainPart: "word/document.xml") { $0.stored(part, [0xCC, 0x61]) }
        #expect(verdict(document) == .refused(.activeContent("macros (\(part))")))
    }

    @Test func macrosDeclaredInContentTypes() {
        var writer = ZipWriter()
        writer.deflated(
            "[Content_Types].xml",
            [UInt8](
                """
                <Types><Override PartName="/word/document.xml" \
                ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>
                """))
        writer.stored("word/document.xml", "<w:document/>")
        #expect(verdict(writer.build()) == .refused(.activeContent("macros ([content_types].xml declares them)")))
    }

    @Test func storedEntryWithDataDescriptor() {
        var writer = ZipWriter()
        writer.stored("a.txt", [UInt8]("abc"), dataDescriptor: true)
        #expect(ZipTests.malformedReason(verdict(writer.build()))?.contains("does not declare its size") == true)
    }

    @Test func unsupportedCompressionMethod() {
        var writer = ZipWriter()
        writer.entries.append(
            ZipWriter.Entry(
                name: "a.bz2", method: 12, crc: 0, compressed: [1, 2, 3],
                uncompressedSize: 3))
        #expect(ZipTests.malformedReason(verdict(writer.build()))?.contains("compression method 12") == true)
    }

    @Test(arguments: [true, false])
    func deflatedEntriesWithDataDescriptors(signature: Bool) {
        var writer = ZipWriter()
        writer.deflated(
            "a.txt", [UInt8](String(repeating: "abc ", count: 300)), dataDescriptor: true,
            descriptorSignature: signature)
        writer.deflated("b.txt", .pseudoRandom(count: 700), dataDescriptor: true, descriptorSignature: signature)
        #expect(verdict(writer.build()) == .accepted(.zip))
    }

    @Test(arguments: [true, false])
    func zip64Entries(dataDescriptor: Bool) {
        var writer = ZipWriter()
        writer.deflated(
            "big.txt", [UInt8](String(repeating: "zip64 ", count: 100)), dataDescriptor: dataDescriptor,
            zip64: true)
        writer.stored("small.txt", "ok")
        #expect(verdict(writer.build()) == .accepted(.zip))
    }

    @Test func lyingSizes() {
        var writer = ZipWriter()
        writer.deflated("a.txt", [UInt8](String(repeating: "abc ", count: 300)))
        writer.entries[0].declaredUncompressedSize = 10
        #expect(ZipTests.malformedReason(verdict(writer.build()))?.contains("sizes") == true)
    }

    @Test func corruptCompressedData() {
        var writer = ZipWriter()
        writer.entries.append(
            ZipWriter.Entry(
                name: "a.txt", crc: 0, compressed: [0xFF, 0xFF, 0xFF, 0xFF],
                uncompressedSize: 10))
        #expect(ZipTests.malformedReason(verdict(writer.build()))?.contains("corrupt") == true)
    }

    @Test func truncatedArchive() {
        let bytes = DetectionTests.plainZip()
        #expect(ZipTests.malformedReason(verdict(Array(bytes.prefix(bytes.count - 30)))) != nil)
        #expect(ZipTests.malformedReason(verdict(Array(bytes.prefix(60)))) != nil)
    }

    @Test func dataAfterTheArchive() {
        #expect(ZipTests.malformedReason(verdict(DetectionTests.plainZip() + [UInt8]("trailing"))) != nil)
    }

    @Test func twoArchivesConcatenated() {
        let result = verdict(DetectionTests.plainZip() + DetectionTests.plainZip())
        #expect(ZipTests.malformedReason(result) != nil)
    }
}
