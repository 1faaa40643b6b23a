import Foundation
import Testing
@testable import S3Client

@Suite struct RequestBuilderTests {
    static let endpoint = S3Endpoint(
        scheme: "http", host: "localhost", port: 9000,
        region: "us-east-1", bucket: "bkt")

    @Test func completeMultipartUploadBody() throws {
        let parts = [
            S3CompletedPart(partNumber: 3, eTag: "\"acbd18db4cc2f85cedef654fccc4a4d8\""),
            S3CompletedPart(partNumber: 1, eTag: "\"a54357aff0632cce46d942af68356b38\""),
            S3CompletedPart(partNumber: 2, eTag: "\"0c78aef83f66abc1fa1e8477f296d394\""),
        ]
        let body = try S3Request.completeMultipartUploadBody(parts: parts)
        #expect(
            body == """
                <?xml version="1.0" encoding="UTF-8"?>
                <CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\
                <Part><PartNumber>1</PartNumber><ETag>&quot;a54357aff0632cce46d942af68356b38&quot;</ETag></Part>\
                <Part><PartNumber>2</PartNumber><ETag>&quot;0c78aef83f66abc1fa1e8477f296d394&quot;</ETag></Part>\
                <Part><PartNumber>3</PartNumber><ETag>&quot;acbd18db4cc2f85cedef654fccc4a4d8&quot;</ETag></Part>\
                </CompleteMultipartUpload>
                """)

        let request = try S3Request.completeMultipartUpload(
            Self.endpoint, key: "big.bin", uploadID: "up+id/1",
            parts: parts)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "http://localhost:9000/bkt/big.bin?uploadId=up%2Bid%2F1")
        #expect(request.body == Data(body.utf8))
        #expect(request.payloadHash == S3PayloadHash.sha256(Data(body.utf8)))
        #expect(request.headers == ["Content-Type": "application/xml"])
    }

    @Test func completeMultipartUploadRejectsBadParts() {
        #expect(throws: S3ClientError.noParts) { try S3Request.completeMultipartUploadBody(parts: []) }
        #expect(throws: S3ClientError.invalidPartNumber(2)) {
            try S3Request.completeMultipartUploadBody(parts: [
                S3CompletedPart(partNumber: 2, eTag: "a"), S3CompletedPart(partNumber: 2, eTag: "b"),
            ])
        }
        #expect(throws: S3ClientError.invalidPartNumber(10_001)) {
            try S3Request.completeMultipartUploadBody(parts: [S3CompletedPart(partNumber: 10_001, eTag: "a")])
        }
    }

    @Test func objectRequests() throws {
        let put = try S3Request.putObject(Self.endpoint, key: "a b", body: Data("hi".utf8), contentType: "text/plain")
        #expect(put.method == "PUT")
        #expect(put.url.absoluteString == "http://localhost:9000/bkt/a%20b")
        #expect(put.headers == ["Content-Type": "text/plain"])
        #expect(put.payloadHash == "8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4")

        let unsigned = try S3Request.putObject(Self.endpoint, key: "k", body: Data("hi".utf8), signPayload: false)
        #expect(unsigned.payloadHash == "UNSIGNED-PAYLOAD")

        let get = try S3Request.getObject(Self.endpoint, key: "k", range: 100...199)
        #expect(get.method == "GET")
        #expect(get.headers == ["Range": "bytes=100-199"])
        #expect(get.payloadHash == S3PayloadHash.empty)
        #expect(try S3Request.getObject(Self.endpoint, key: "k").headers.isEmpty)

        let head = try S3Request.headObject(Self.endpoint, key: "k")
        #expect(head.method == "HEAD")
        #expect(head.url.absoluteString == "http://localhost:9000/bkt/k")

        let delete = try S3Request.deleteObject(Self.endpoint, key: "k")
        #expect(delete.method == "DELETE")
        #expect(delete.url.absoluteString == "http://localhost:9000/bkt/k")
    }

    @Test func multipartRequests() throws {
        let create = try S3Request.createMultipartUpload(Self.endpoint, key: "big.bin")
        #expect(create.method == "POST")
        #expect(create.url.absoluteString == "http://localhost:9000/bkt/big.bin?uploads")

        let part = try S3Request.uploadPart(
            Self.endpoint, key: "big.bin", uploadID: "ID~1",
            partNumber: 7, body: Data())
        #expect(part.method == "PUT")
        #expect(part.url.absoluteString == "http://localhost:9000/bkt/big.bin?partNumber=7&uploadId=ID~1")
        #expect(part.payloadHash == S3PayloadHash.empty)
        #expect(throws: S3ClientError.invalidPartNumber(0)) {
            try S3Request.uploadPart(Self.endpoint, key: "k", uploadID: "x", partNumber: 0, body: Data())
        }

        let abort = try S3Request.abortMultipartUpload(Self.endpoint, key: "big.bin", uploadID: "ID 1")
        #expect(abort.method == "DELETE")
        #expect(abort.url.absoluteString == "http://localhost:9000/bkt/big.bin?uploadId=ID%201")
    }

    @Test func listObjectsV2() throws {
        let first = try S3Request.listObjectsV2(Self.endpoint, prefix: "photos/2024 ", maxKeys: 100)
        #expect(first.method == "GET")
        #expect(
            first.url.absoluteString
                == "http://localhost:9000/bkt?encoding-type=url&list-type=2&max-keys=100&prefix=photos%2F2024%20")

        let next = try S3Request.listObjectsV2(
            Self.endpoint, delimiter: "/",
            continuationToken: "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
        #expect(
            next.url.absoluteString == "http://localhost:9000/bkt"
                + "?continuation-token=1ueGcxLPRx1Tr%2FXYExHnhbYLgveDs2J%2Fwm36Hy4vbOwM%3D"
                + "&delimiter=%2F&encoding-type=url&list-type=2")

        // The URL the builder makes is already in canonical query order.
        let signer = SigV4Signer(
            credentials: S3Credentials(accessKeyID: "a", secretAccessKey: "s"), region: "us-east-1")
        let signed = signer.sign(method: next.method, url: next.url, payloadHash: next.payloadHash, date: Date())
        #expect(
            signed.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[2]
                == next.url.query(percentEncoded: true).map { Substring($0) })
    }
}
