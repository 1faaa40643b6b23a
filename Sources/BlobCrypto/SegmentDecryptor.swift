import Crypto
import Foundation

/// Decrypts a stream sealed by `SegmentEncryptor`: feed ciphertext in chunks of any size, then `finish()`.
/// Plaintext is released only segment by segment, after that segment authenticated, and `finish()` fails unless
/// the final segment arrived, so a truncated object never reads as complete.
public struct SegmentDecryptor {
    private let parameters: SegmentedAEAD.Parameters
    private let sealedSegmentSize: Int
    private var pending = Data()
    private var index: UInt64 = 0
    private var sawLast = false

    /// `firstSegment` lets a reader start in the middle of an object (a byte range): feed the ciphertext from
    /// that segment's sealed offset, `firstSegment * (segmentSize + tagSize)`.
    public init(
        key: SymmetricKey, noncePrefix: [UInt8], associatedData: Data,
        segmentSize: Int = SegmentedAEAD.defaultSegmentSize,
        firstSegment: UInt64 = 0
    ) throws {
        parameters = try SegmentedAEAD.Parameters(
            key: key, noncePrefix: noncePrefix, associatedData: associatedData, segmentSize: segmentSize)
        sealedSegmentSize = segmentSize + SegmentedAEAD.tagSize
        index = firstSegment
    }

    /// Takes more ciphertext; returns the plaintext of the segments it completed. A full-size segment is held
    /// until more input arrives, since only then is it known whether it is the last.
    public mutating func update(_ ciphertext: Data) throws -> Data {
        guard !sawLast else { if ciphertext.isEmpty { return Data() }; throw SegmentedAEADError.trailingData }
        pending.append(ciphertext)
        var out = Data()
        out.reserveCapacity(pending.count)
        var start = pending.startIndex
        while pending.endIndex - start > sealedSegmentSize {
            out.append(try open(pending[start..<(start + sealedSegmentSize)], last: false))
            start += sealedSegmentSize
        }
        // Only what is left (at most one sealed segment) is copied, whatever the chunk size.
        if start != pending.startIndex { pending = Data(pending[start...]) }
        return out
    }

    /// Opens the final segment; fails if the stream stopped early.
    public mutating func finish() throws -> Data {
        try finish(atObjectEnd: true)
    }

    /// Opens the segment still held. With `atObjectEnd` false (a range that stops before the object's end) it must
    /// be a whole middle segment; otherwise it must be the object's final one.
    public mutating func finish(atObjectEnd: Bool) throws -> Data {
        guard !sawLast else { return Data() }
        if !atObjectEnd {
            guard pending.count == sealedSegmentSize else { throw SegmentedAEADError.truncated }
            let plaintext = try open(pending, last: false)
            pending = Data()
            sawLast = true
            return plaintext
        }
        guard pending.count >= SegmentedAEAD.tagSize else { throw SegmentedAEADError.truncated }
        let plaintext: Data
        do {
            plaintext = try open(pending, last: true)
        } catch SegmentedAEADError.authenticationFailed {
            // A full segment that does not open as the last one is a middle segment: the tail is missing.
            if pending.count == sealedSegmentSize, (try? open(pending, last: false, counting: false)) != nil {
                throw SegmentedAEADError.truncated
            }
            throw SegmentedAEADError.authenticationFailed(segment: index)
        }
        pending = Data()
        sawLast = true
        return plaintext
    }

    private mutating func open(_ sealed: Data, last: Bool, counting: Bool = true) throws -> Data {
        let nonce = try parameters.nonce(index, last: last)
        do {
            let box = try AES.GCM.SealedBox(
                nonce: nonce, ciphertext: sealed.dropLast(SegmentedAEAD.tagSize),
                tag: sealed.suffix(SegmentedAEAD.tagSize))
            let plaintext = try AES.GCM.open(box, using: parameters.key, authenticating: parameters.associatedData)
            if counting { index += 1 }
            return plaintext
        } catch {
            throw SegmentedAEADError.authenticationFailed(segment: index)
        }
    }
}
