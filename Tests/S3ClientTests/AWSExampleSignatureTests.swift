import Foundation
import Testing
@testable import S3Client

/// The worked examples of the Amazon S3 API reference, "Signature
/// Calculations for the Authorization Header: Transferring Payload in a
/// Single Chunk", and of "Authenticating Requests: Using Query Parameters".
@Suite struct AWSExampleSignatureTests {
    static let credentials = S3Credentials(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    )
    /// 20130524T000000Z.
    static let date = Date(timeIntervalSince1970: 1_369_353_600)
    static let endpoint = S3Endpoint(
        host: "s3.amazonaws.com", region: "us-east-1",
        bucket: "examplebucket", addressingStyle: .virtualHosted)
    let signer = SigV4Signer(credentials: credentials, region: "us-east-1")

    @Test func dateFormatting() {
        #expect(AmzDate(Self.date).timestamp == "20130524T000000Z")
        #expect(AmzDate(Self.date).day == "20130524")
        #expect(AmzDate(Date(timeIntervalSince1970: 951_827_696.9)).timestamp == "20000229T123456Z")
        #expect(AmzDate(Date(timeIntervalSince1970: -1)).timestamp == "19691231T235959Z")
    }

    @Test func signingKeyDerivation() {
        let key = signer.signingKey(day: "20130524")
        let bytes = key.withUnsafeBytes { Array($0) }
        #expect(Hashing.hex(bytes) == "dbb893acc010964918f1fd433add87c70e8b0db6be30c1fbeafefa5ec6ba8378")
    }

    @Test func getObjectWithRange() throws {
        let request = try S3Request.getObject(Self.endpoint, key: "test.txt", range: 0...9)
        #expect(request.url.absoluteString == "https://examplebucket.s3.amazonaws.com/test.txt")
        let result = signer.sign(
            method: request.method, url: request.url, headers: request.headers,
            payloadHash: request.payloadHash, date: Self.date)
        #expect(
            result.canonicalRequest == """
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """)
        #expect(
            result.stringToSign == """
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
                """)
        #expect(result.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(
            result.headers["Authorization"] == "AWS4-HMAC-SHA256 "
                + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(result.headers["x-amz-date"] == "20130524T000000Z")
        #expect(result.headers["x-amz-content-sha256"] == S3PayloadHash.empty)
        #expect(result.headers["x-amz-security-token"] == nil)
        #expect(result.headers.count == 3)
    }

    @Test func putObjectWithStorageClass() throws {
        let body = Data("Welcome to Amazon S3.".utf8)
        let request = try S3Request.putObject(
            Self.endpoint, key: "test$file.text", body: body,
            headers: ["x-amz-storage-class": "REDUCED_REDUNDANCY", "Date": "Fri, 24 May 2013 00:00:00 GMT"]
        )
        #expect(request.url.absoluteString == "https://examplebucket.s3.amazonaws.com/test%24file.text")
        #expect(request.payloadHash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let signed = signer.sign(request, date: Self.date)
        let result = signer.sign(
            method: request.method, url: request.url, headers: request.headers,
            payloadHash: request.payloadHash, date: Self.date)
        #expect(
            result.canonicalRequest == """
                PUT
                /test%24file.text

                date:Fri, 24 May 2013 00:00:00 GMT
                host:examplebucket.s3.amazonaws.com
                x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072
                x-amz-date:20130524T000000Z
                x-amz-storage-class:REDUCED_REDUNDANCY

                date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class
                44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072
                """)
        #expect(result.signature == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
        #expect(
            signed.headers["Authorization"]?.hasSuffix(
                "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd") == true)
        #expect(signed.headers["x-amz-storage-class"] == "REDUCED_REDUNDANCY")
    }

    @Test func unencodedDollarSignsAlike() throws {
        let url = try #require(URL(string: "https://examplebucket.s3.amazonaws.com/test$file.text"))
        let result = signer.sign(
            method: "PUT", url: url,
            headers: ["x-amz-storage-class": "REDUCED_REDUNDANCY", "Date": "Fri, 24 May 2013 00:00:00 GMT"],
            payloadHash: S3PayloadHash.sha256(Data("Welcome to Amazon S3.".utf8)), date: Self.date)
        #expect(result.signature == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    @Test func getBucketLifecycle() throws {
        let url = try #require(URL(string: "https://examplebucket.s3.amazonaws.com/?lifecycle"))
        let result = signer.sign(method: "GET", url: url, payloadHash: S3PayloadHash.empty, date: Self.date)
        #expect(
            result.canonicalRequest == """
                GET
                /
                lifecycle=
                host:examplebucket.s3.amazonaws.com
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """)
        #expect(result.signature == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    @Test func getBucketListObjects() throws {
        // Given in reverse order to check the sort.
        let url = try #require(URL(string: "https://examplebucket.s3.amazonaws.com/?prefix=J&max-keys=2"))
        let result = signer.sign(method: "GET", url: url, payloadHash: S3PayloadHash.empty, date: Self.date)
        #expect(
            result.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[2]
                == "max-keys=2&prefix=J")
        #expect(result.signature == "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    @Test func presignedGetObject() throws {
        let url = try Self.endpoint.url(forKey: "test.txt")
        let presigned = try signer.presignedURL(url: url, expires: 86_400, date: Self.date)
        #expect(
            presigned.absoluteString == "https://examplebucket.s3.amazonaws.com/test.txt"
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    @Test func presignRejectsBadExpiry() throws {
        let url = try Self.endpoint.url(forKey: "test.txt")
        #expect(throws: S3ClientError.invalidExpiry(0)) {
            try signer.presignedURL(url: url, expires: 0, date: Self.date)
        }
        #expect(throws: S3ClientError.invalidExpiry(604_801)) {
            try signer.presignedURL(url: url, expires: 604_801, date: Self.date)
        }
    }
}
