import Crypto
import Foundation

/// Encrypts a stream: feed plaintext in chunks of any size, then `finish()`. Each call returns the ciphertext
/// bytes that are ready (whole sealed segments), so a caller can write them straight to storage.
public struct SegmentEncryptor {
    private let parameters: SegmentedAEAD.Parameters
    private var segmentSize: Int { parameters.segmentSize }
    private var pending = Data()
    private var index: UInt64 = 0
    private var finished = false

    /// `key` must be 32 bytes and `noncePrefix` 7 random bytes, both unique to the object.
    public init(
        key: SymmetricKey, noncePrefix: [UInt8], associatedData: Data,
        segmentSize: Int = SegmentedAEAD.defaultSegmentSize
    ) throws {
        parameters = try SegmentedAEAD.Parameters(
            key: key, noncePrefix: noncePrefix, associatedData: associatedData, segmentSize: segmentSize)
    }

    /// The sealed size of `plaintextSize` bytes.
    public static func sealedSize(of plaintextSize: Int, segmentSize: Int = SegmentedAEAD.defaultSegmentSize) -> Int {
        let segments = max(1, (plaintextSize + segmentSize - 1) / segmentSize)
        return plaintextSize + segments * SegmentedAEAD.tagSize
    }

    /// Takes more plaintext; returns the segments it completed. A full segment is held back until more input
    /// shows it is not the last.
    public mutating func update(_ plaintext: Data) throws -> Data {
        precondition(!finished, "update after finish")
        pending.append(plaintext)
        var out = Data()
        out.reserveCapacity((pending.count / segmentSize + 1) * (segmentSize + SegmentedAEAD.tagSize))
        var start = pending.startIndex
        while pending.endIndex - start > segmentSize {
            try seal(pending[start..<(start + segmentSize)], last: false, into: &out)
            start += segmentSize
        }
        // Only what is left (at most one segment) is copied, whatever the chunk size.
        if start != pending.startIndex { pending = Data(pending[start...]) }
        return out
    }

    /// Seals what is left as the final segment (possibly empty).
    public mutating func finish() throws -> Data {
        precondition(!finished, "finish twice")
        finished = true
        var last = Data()
        try seal(pending, last: true, into: &last)
        pending = Data()
        return last
    }

    private mutating func seal(_ plaintext: Data, last: Bool, into out: inout Data) throws {
        let box = try AES.GCM.seal(
            plaintext, using: parameters.key, nonce: try parameters.nonce(index, last: last),
            authenticating: parameters.associatedData)
        index += 1
        out.append(box.ciphertext)
        out.append(box.tag)
    }
}
