import Foundation
import Testing
@testable import S3Client

@Suite struct XMLTests {
    @Test func initiateMultipartUpload() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Bucket>example-bucket</Bucket>
              <Key>example-object</Key>
              <UploadId>VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId>
            </InitiateMultipartUploadResult>
            """
        let result = try S3XML.initiateMultipartUploadResult(from: Data(xml.utf8))
        #expect(
            result
                == S3InitiateMultipartUploadResult(
                    bucket: "example-bucket", key: "example-object",
                    uploadID: "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA"))
    }

    @Test func listBucketResult() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>bucket</Name>
              <Prefix/>
              <KeyCount>2</KeyCount>
              <MaxKeys>2</MaxKeys>
              <IsTruncated>true</IsTruncated>
              <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
              <Contents>
                <Key>happyface.jpg</Key>
                <LastModified>2014-11-21T19:40:05.000Z</LastModified>
                <ETag>&quot;70ee1738b6b21e2c8a43f3a5ab0eee71&quot;</ETag>
                <Size>11</Size>
                <StorageClass>STANDARD</StorageClass>
              </Contents>
              <Contents>
                <Key>a &amp; b &lt;c&gt; &apos;d&apos;.txt</Key>
                <Size>3221225472</Size>
              </Contents>
            </ListBucketResult>
            """
        let result = try S3XML.listBucketResult(from: Data(xml.utf8))
        #expect(result.name == "bucket")
        #expect(result.keyCount == 2)
        #expect(result.isTruncated)
        #expect(result.nextContinuationToken == "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
        #expect(
            result.objects == [
                S3ObjectSummary(
                    key: "happyface.jpg", size: 11, eTag: "\"70ee1738b6b21e2c8a43f3a5ab0eee71\"",
                    lastModified: "2014-11-21T19:40:05.000Z", storageClass: "STANDARD"),
                S3ObjectSummary(
                    key: "a & b <c> 'd'.txt", size: 3_221_225_472, eTag: nil,
                    lastModified: nil, storageClass: nil),
            ])
        #expect(result.commonPrefixes.isEmpty)
    }

    @Test func listBucketResultURLEncodedLastPage() throws {
        let xml = """
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>bucket</Name><Prefix>photos%2F</Prefix><EncodingType>url</EncodingType>
              <IsTruncated>false</IsTruncated>
              <Contents><Key>photos/a+b%2Bc%C3%A9.jpg</Key><Size>5</Size></Contents>
              <CommonPrefixes><Prefix>photos/2024/</Prefix></CommonPrefixes>
              <CommonPrefixes><Prefix>photos/new+year/</Prefix></CommonPrefixes>
            </ListBucketResult>
            """
        let result = try S3XML.listBucketResult(from: Data(xml.utf8))
        #expect(result.prefix == "photos/")
        #expect(result.objects.map(\.key) == ["photos/a b+cé.jpg"])
        #expect(result.commonPrefixes == ["photos/2024/", "photos/new year/"])
        #expect(!result.isTruncated)
        #expect(result.nextContinuationToken == nil)
    }

    @Test func errorDocument() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error>
              <Code>NoSuchKey</Code>
              <Message>The resource you requested does not exist</Message>
              <Resource>/mybucket/myfoto.jpg</Resource>
              <RequestId>4442587FB7D0A2F9</RequestId>
            </Error>
            """
        let error = try S3XML.errorResponse(from: Data(xml.utf8))
        #expect(
            error
                == S3ErrorResponse(
                    code: "NoSuchKey", message: "The resource you requested does not exist",
                    resource: "/mybucket/myfoto.jpg", requestID: "4442587FB7D0A2F9"))
        #expect(error.description == "S3 error NoSuchKey: The resource you requested does not exist")
    }

    @Test func wrongOrIncompleteDocuments() {
        #expect(throws: S3XMLError.unexpectedRoot(expected: "Error", found: "ListBucketResult")) {
            try S3XML.errorResponse(from: Data("<ListBucketResult/>".utf8))
        }
        #expect(throws: S3XMLError.missingElement("UploadId")) {
            try S3XML.initiateMultipartUploadResult(from: Data("<InitiateMultipartUploadResult/>".utf8))
        }
        #expect(throws: S3XMLError.invalidValue(element: "Size", value: "big")) {
            try S3XML.listBucketResult(
                from: Data(
                    "<ListBucketResult><Contents><Key>k</Key><Size>big</Size></Contents></ListBucketResult>".utf8))
        }
        #expect(throws: S3XMLError.self) {
            try S3XML.errorResponse(from: Data("<Error><Code>x</Error>".utf8))
        }
        #expect(throws: S3XMLError.self) {
            try S3XML.errorResponse(from: Data())
        }
    }

    @Test func predefinedEntitiesAndCharacterReferences() throws {
        let xml =
            "<Error><Code>A&lt;&gt;&amp;&quot;&apos;&#65;&#x42;</Code><Message><![CDATA[<raw & text>]]></Message></Error>"
        let error = try S3XML.errorResponse(from: Data(xml.utf8))
        #expect(error.code == "A<>&\"'AB")
        #expect(error.message == "<raw & text>")
    }

    @Test(arguments: [
        // External entity (XXE).
        """
        <?xml version="1.0"?>
        <!DOCTYPE Error [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <Error><Code>&xxe;</Code></Error>
        """,
        // Entity expansion ("billion laughs").
        """
        <!DOCTYPE Error [
          <!ENTITY a "aaaaaaaaaa">
          <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
          <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
        ]>
        <Error><Code>&c;</Code></Error>
        """,
        // External DTD.
        #"<!DOCTYPE Error SYSTEM "http://attacker.invalid/x.dtd"><Error><Code>x</Code></Error>"#,
    ])
    func hostileDeclarationsAreRefused(xml: String) {
        #expect(throws: S3XMLError.self) {
            try S3XML.errorResponse(from: Data(xml.utf8))
        }
        do {
            _ = try S3XML.errorResponse(from: Data(xml.utf8))
        } catch let error as S3XMLError {
            guard case .forbiddenMarkup = error else {
                Issue.record("expected forbiddenMarkup, got \(error)")
                return
            }
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// Found by scripts/fuzz (s3-xml): Foundation's XMLParser, used before `XMLReader`, read a NULL pointer on a
    /// processing instruction without data, which crashed the process. Every processing instruction is refused.
    @Test(arguments: [
        "<Error><?x?></Error>", "<?xmlfoo?><Error/>", "<?xml?><Error/>",
        "<?xml version=\"1.0\"?><Error><?pi data?><Code>a</Code></Error>",
        "\u{FEFF}<?xml version=\"1.0\"?>\n<?x?><Error/>",
        // A declaration that never ends must not hide an instruction after it.
        "<?xml version=\"1.0\" encoding=\"UTF-8\"/><Error><?xml?></Error>",
    ])
    func processingInstructionsAreRefused(_ xml: String) {
        #expect(throws: S3XMLError.forbiddenMarkup("processing instruction")) {
            try S3XML.errorResponse(from: Data(xml.utf8))
        }
    }

    @Test func theXMLDeclarationIsNotAnInstruction() throws {
        let xml = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Error><Code>NoSuchKey</Code></Error>"
        #expect(try S3XML.errorResponse(from: Data(xml.utf8)).code == "NoSuchKey")
    }

    /// What `XMLReader` accepts: the shapes real S3 servers write.
    @Test func readerAcceptsWhatServersWrite() throws {
        let xml =
            "\u{FEFF}<?xml version='1.0' encoding='UTF-8' standalone=\"yes\"?>\r\n<!-- hi -->\n"
            + "<s3:Error xmlns:s3=\"http://s3.amazonaws.com/doc/2006-03-01/\" a = 'x>y'>"
            + "<s3:Code >Slow<!-- c -->Down</s3:Code\t><Message>line\r\nbreak\rand &#x1F600;&#233;</Message>"
            + "<Resource/><RequestId></RequestId ></s3:Error>\n<!-- trailing -->\n"
        let error = try S3XML.errorResponse(from: Data(xml.utf8))
        #expect(error == S3ErrorResponse(code: "SlowDown", message: "line\nbreak\nand 😀é", resource: "", requestID: ""))
    }

    @Test(arguments: [
        "<Error><Code>x</Code>", "<Error><Code>x</code></Error>", "<Error></Error><Error/>", "<Error>&bogus;</Error>",
        "<Error>&#0;</Error>", "<Error>&#xD800;</Error>", "<Error>&#99999999999;</Error>", "<Error>&amp</Error>",
        "<Error>\u{1}</Error>", "<Error a=x/>", "<Error a='<'/>", "<Error a='x'b='y'/>", "<1Error/>", "text",
        "<Error><![CDATA[open</Error>", "<Error><!-- open</Error>", "<Error", "</Error>", "<Error/>junk",
    ])
    func readerRefusesMalformedDocuments(_ xml: String) {
        #expect(throws: S3XMLError.self) { try S3XML.errorResponse(from: Data(xml.utf8)) }
    }

    @Test func otherHostileInputs() {
        // An undeclared entity is an error, never expanded.
        #expect(throws: S3XMLError.self) {
            try S3XML.errorResponse(from: Data("<Error><Code>&xxe;</Code></Error>".utf8))
        }
        // Another encoding could hide a declaration from the pre-check.
        #expect(throws: S3XMLError.forbiddenMarkup("encoding utf-7")) {
            try S3XML.errorResponse(from: Data(#"<?xml version="1.0" encoding="UTF-7"?><Error/>"#.utf8))
        }
        let utf16 = Data([0xFF, 0xFE]) + "<Error><Code>x</Code></Error>".data(using: .utf16LittleEndian)!
        #expect(throws: S3XMLError.self) { try S3XML.errorResponse(from: utf16) }
        // Deep nesting.
        let deep = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        #expect(throws: S3XMLError.tooLarge) { try S3XML.errorResponse(from: Data(deep.utf8)) }
        // Oversized document.
        let huge = Data(count: S3XML.maxDocumentSize + 1)
        #expect(throws: S3XMLError.tooLarge) { try S3XML.errorResponse(from: huge) }
    }

    @Test func escaping() {
        #expect(
            S3XML.escape(#"<a href="x">Tom & 'Jerry'</a>"#)
                == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;")
    }
}
