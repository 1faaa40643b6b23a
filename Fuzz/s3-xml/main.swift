// libFuzzer entry point for the S3 XML reader, compiled by scripts/fuzz together with the XML files of
// Sources/S3Client (the signing code needs swift-crypto and takes no outside bytes). The input is an answer from
// the storage server, read as each of the documents Parley expects. Any failure other than the reader's own
// `S3XMLError` stops the target with a fatal error.
import Foundation

func expectOwnErrors(_ work: () throws -> Void) {
    do {
        try work()
    } catch is S3XMLError {
    } catch {
        fatalError("S3XML threw a foreign error: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzS3XML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Data(bytes: data, count: size)
    expectOwnErrors { _ = try S3XML.initiateMultipartUploadResult(from: body) }
    expectOwnErrors { _ = try S3XML.listBucketResult(from: body) }
    expectOwnErrors { _ = try S3XML.errorResponse(from: body) }
    let text = String(decoding: body, as: UTF8.self)
    _ = PercentEncoding.decode(text)
    guard PercentEncoding.decode(PercentEncoding.query(text)) == text else {
        fatalError("percent-encoding does not round-trip")
    }
    return 0
}
