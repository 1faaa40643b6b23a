import Foundation
import Testing
@testable import S3Client

@Suite struct EndpointTests {
    @Test func keyEncoding() {
        #expect(S3Endpoint.encodeKey("photos/a b.jpg") == "photos/a%20b.jpg")
        #expect(S3Endpoint.encodeKey("a+b=c~d_e-f.g") == "a%2Bb%3Dc~d_e-f.g")
        #expect(S3Endpoint.encodeKey("café/☃.txt") == "caf%C3%A9/%E2%98%83.txt")
        #expect(S3Endpoint.encodeKey("😀") == "%F0%9F%98%80")
        #expect(S3Endpoint.encodeKey("q?x&y#z%") == "q%3Fx%26y%23z%25")
        #expect(S3Endpoint.encodeKey("AZaz09") == "AZaz09")
        #expect(S3Endpoint.encodeKey("$@:,;'!*()") == "%24%40%3A%2C%3B%27%21%2A%28%29")
    }

    @Test func pathStyleURLs() throws {
        let endpoint = try S3Endpoint(
            url: #require(URL(string: "http://localhost:9000")),
            region: "us-east-1", bucket: "my-bucket")
        #expect(endpoint.addressingStyle == .path)
        #expect(
            try endpoint.url(forKey: "dir/a b+c.txt").absoluteString
                == "http://localhost:9000/my-bucket/dir/a%20b%2Bc.txt")
        #expect(try endpoint.bucketURL().absoluteString == "http://localhost:9000/my-bucket")
        #expect(
            try endpoint.url(forKey: "k", query: [("uploads", nil)]).absoluteString
                == "http://localhost:9000/my-bucket/k?uploads")
        let ipv6 = try S3Endpoint(
            url: #require(URL(string: "http://[::1]:9000")),
            region: "us-east-1", bucket: "b")
        #expect(try ipv6.url(forKey: "k").absoluteString == "http://[::1]:9000/b/k")
    }

    @Test func virtualHostedURLs() throws {
        let endpoint = S3Endpoint(
            host: "s3.us-west-2.amazonaws.com", region: "us-west-2",
            bucket: "media", addressingStyle: .virtualHosted)
        #expect(endpoint.requestHost == "media.s3.us-west-2.amazonaws.com")
        #expect(
            try endpoint.url(forKey: "2024/año nuevo.png").absoluteString
                == "https://media.s3.us-west-2.amazonaws.com/2024/a%C3%B1o%20nuevo.png")
        #expect(
            try endpoint.bucketURL(query: [("list-type", "2"), ("prefix", "a/b c")]).absoluteString
                == "https://media.s3.us-west-2.amazonaws.com/?list-type=2&prefix=a%2Fb%20c")
    }

    @Test func rejectsBadInput() throws {
        let endpoint = S3Endpoint(host: "s3.amazonaws.com", region: "us-east-1", bucket: "b")
        #expect(throws: S3ClientError.emptyKey) { try endpoint.url(forKey: "") }
        for bad in ["ftp://example.com", "https://example.com/prefix", "https://example.com/?a=b", "/relative"] {
            let url = try #require(URL(string: bad))
            #expect(throws: S3ClientError.self) {
                try S3Endpoint(url: url, region: "us-east-1", bucket: "b")
            }
        }
    }

    @Test func hostHeader() throws {
        #expect(SigV4Signer.hostHeader(for: try #require(URL(string: "http://localhost:9000/b/k"))) == "localhost:9000")
        #expect(SigV4Signer.hostHeader(for: try #require(URL(string: "https://h.example:443/k"))) == "h.example")
        #expect(SigV4Signer.hostHeader(for: try #require(URL(string: "http://h.example:80/k"))) == "h.example")
        #expect(SigV4Signer.hostHeader(for: try #require(URL(string: "http://h.example:443/k"))) == "h.example:443")
        #expect(SigV4Signer.hostHeader(for: try #require(URL(string: "http://[::1]:9000/k"))) == "[::1]:9000")
    }
}

/// Signatures checked against an independent SigV4 implementation
/// (botocore's S3SigV4Auth and S3SigV4QueryAuth) for the same inputs.
@Suite struct SigningTests {
    static let credentials = S3Credentials(
        accessKeyID: "AKIDEXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN//+="
    )
    /// 2024-03-01T12:34:56Z.
    static let date = Date(timeIntervalSince1970: 1_709_296_496)
    static let endpoint = S3Endpoint(
        scheme: "http", host: "localhost", port: 9000,
        region: "eu-central-1", bucket: "my-bucket")
    let signer = SigV4Signer(credentials: credentials, endpoint: endpoint)

    @Test func portAndSessionToken() throws {
        let request = try S3Request.putObject(
            Self.endpoint, key: "dir/a b+c.txt", body: Data("hello".utf8), contentType: "text/plain",
            headers: ["x-amz-meta-note": "  two   spaces  "])
        let result = signer.sign(
            method: request.method, url: request.url, headers: request.headers,
            payloadHash: request.payloadHash, date: Self.date)
        #expect(
            result.canonicalRequest == """
                PUT
                /my-bucket/dir/a%20b%2Bc.txt

                content-type:text/plain
                host:localhost:9000
                x-amz-content-sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
                x-amz-date:20240301T123456Z
                x-amz-meta-note:two spaces
                x-amz-security-token:FQoGZXIvYXdzEXAMPLETOKEN//+=

                content-type;host;x-amz-content-sha256;x-amz-date;x-amz-meta-note;x-amz-security-token
                2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
                """)
        #expect(result.signature == "179d29e296f117df377f7f4d0c3e820c2f8e58a2af3e5295d8c6b8722a8d83b1")
        #expect(result.headers["x-amz-security-token"] == "FQoGZXIvYXdzEXAMPLETOKEN//+=")
        #expect(
            result.headers.keys.sorted()
                == ["Authorization", "x-amz-content-sha256", "x-amz-date", "x-amz-security-token"])
    }

    @Test func presignedWithSessionToken() throws {
        let url = try Self.endpoint.url(forKey: "dir/a b+c.txt")
        let presigned = try signer.presignedURL(url: url, expires: 3600, date: Self.date)
        #expect(
            presigned.absoluteString == "http://localhost:9000/my-bucket/dir/a%20b%2Bc.txt"
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIDEXAMPLE%2F20240301%2Feu-central-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20240301T123456Z&X-Amz-Expires=3600"
                + "&X-Amz-Security-Token=FQoGZXIvYXdzEXAMPLETOKEN%2F%2F%2B%3D"
                + "&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=d5fd059195f6fa72867da95e1a13e3e78500e983ccc931256a3f4eeb053466d8")
    }

    @Test func presignedPutWithQueryAndSignedHeader() throws {
        let endpoint = S3Endpoint(
            host: "s3.eu-central-1.amazonaws.com", region: "eu-central-1",
            bucket: "media", addressingStyle: .virtualHosted)
        let url = try endpoint.url(forKey: "été.txt", query: [("versionId", "3/x")])
        let signer = SigV4Signer(
            credentials: S3Credentials(
                accessKeyID: "AKIDEXAMPLE",
                secretAccessKey: Self.credentials.secretAccessKey),
            endpoint: endpoint)
        let presigned = try signer.presignedURL(
            method: "PUT", url: url, expires: 600,
            headers: ["Content-Type": "image/png"], date: Self.date)
        #expect(
            presigned.absoluteString == "https://media.s3.eu-central-1.amazonaws.com/%C3%A9t%C3%A9.txt"
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIDEXAMPLE%2F20240301%2Feu-central-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20240301T123456Z&X-Amz-Expires=600"
                + "&X-Amz-SignedHeaders=content-type%3Bhost&versionId=3%2Fx"
                + "&X-Amz-Signature=b8d6e929da54ee92c16decce25365a8744ea5e0ec01dddc8713b8284d0aa47ca")
    }

    @Test func signedRequestReplacesStaleHeaders() throws {
        var request = try S3Request.headObject(Self.endpoint, key: "k")
        request.headers = ["X-Amz-Date": "19990101T000000Z", "authorization": "old", "User-Agent": "x/1"]
        let signed = signer.sign(request, date: Self.date)
        #expect(signed.headers["X-Amz-Date"] == nil)
        #expect(signed.headers["authorization"] == nil)
        #expect(signed.headers["x-amz-date"] == "20240301T123456Z")
        #expect(signed.headers["User-Agent"] == "x/1")
        let authorization = try #require(signed.headers["Authorization"])
        #expect(authorization.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"))
    }

    @Test func canonicalQueryRules() throws {
        let url = try #require(URL(string: "https://h/?b=2&a=z&a=y&empty&sp=a%20b&plus=a+b&slash=a/b"))
        let items = SigV4Signer.queryItems(of: url)
        #expect(
            SigV4Signer.canonicalQuery(items)
                == "a=y&a=z&b=2&empty=&plus=a%2Bb&slash=a%2Fb&sp=a%20b")
    }

    @Test func headerValueTrimming() {
        #expect(SigV4Signer.trimAll("  a   b \t c  ") == "a b c")
        let (canonical, signed) = SigV4Signer.canonicalHeaders([
            (name: "x-amz-meta-b", value: "2"), (name: "host", value: "h"), (name: "x-amz-meta-b", value: "1"),
        ])
        #expect(canonical == "host:h\nx-amz-meta-b:1,2\n")
        #expect(signed == "host;x-amz-meta-b")
    }

    @Test func credentialsDescriptionHidesSecrets() {
        let text = Self.credentials.description
        #expect(text.contains("AKIDEXAMPLE"))
        #expect(!text.contains("wJalrXUtnFEMI"))
        #expect(!text.contains("FQoGZXIvYXdz"))
    }
}
