import BlobCrypto
import Crypto
import Foundation
import Testing

@Suite struct SegmentedAEADTests {
    static let segment = 16
    static let objectID = Data("object-1".utf8)

    static func seal(_ plaintext: Data, key: SymmetricKey, prefix: [UInt8], aad: Data = objectID, chunk: Int = 5) throws
        -> Data
    {
        var encryptor = try SegmentEncryptor(key: key, noncePrefix: prefix, associatedData: aad, segmentSize: segment)
        var out = Data()
        var offset = 0
        while offset < plaintext.count {
            out.append(try encryptor.update(plaintext[offset..<min(plaintext.count, offset + chunk)]))
            offset += chunk
        }
        out.append(try encryptor.finish())
        return out
    }

    static func open(_ sealed: Data, key: SymmetricKey, prefix: [UInt8], aad: Data = objectID, chunk: Int = 7) throws
        -> Data
    {
        let sealed = Data(sealed)  // slices joined with + keep their first index; start from 0
        var decryptor = try SegmentDecryptor(key: key, noncePrefix: prefix, associatedData: aad, segmentSize: segment)
        var out = Data()
        var offset = 0
        while offset < sealed.count {
            out.append(try decryptor.update(sealed[offset..<min(sealed.count, offset + chunk)]))
            offset += chunk
        }
        out.append(try decryptor.finish())
        return out
    }

    static let key = SymmetricKey(size: .bits256)
    static let prefix: [UInt8] = [1, 2, 3, 4, 5, 6, 7]

    @Test(arguments: [0, 1, 15, 16, 17, 32, 33, 100])
    func roundTripsAnySizeInAnyChunking(_ size: Int) throws {
        let plaintext = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        for chunk in [1, 3, 16, 50] {
            let sealed = try Self.seal(plaintext, key: Self.key, prefix: Self.prefix, chunk: chunk)
            #expect(sealed.count == SegmentEncryptor.sealedSize(of: size, segmentSize: Self.segment))
            #expect(try Self.open(sealed, key: Self.key, prefix: Self.prefix, chunk: chunk + 2) == plaintext)
        }
    }

    @Test func truncationAtASegmentBoundaryOrInsideOneFails() throws {
        let plaintext = Data(repeating: 0x41, count: 40)  // segments of 16, 16 and 8 bytes
        let sealed = try Self.seal(plaintext, key: Self.key, prefix: Self.prefix)
        let whole = Self.segment + 16
        #expect(throws: SegmentedAEADError.truncated) {
            try Self.open(sealed.prefix(2 * whole), key: Self.key, prefix: Self.prefix)
        }
        #expect(throws: SegmentedAEADError.truncated) {
            try Self.open(sealed.prefix(whole), key: Self.key, prefix: Self.prefix)
        }
        #expect(throws: (any Error).self) { try Self.open(sealed.dropLast(3), key: Self.key, prefix: Self.prefix) }
        #expect(throws: SegmentedAEADError.truncated) { try Self.open(Data(), key: Self.key, prefix: Self.prefix) }
    }

    @Test func reorderedSwappedOrAlteredSegmentsFail() throws {
        let plaintext = Data(repeating: 0x42, count: 40)
        let sealed = try Self.seal(plaintext, key: Self.key, prefix: Self.prefix)
        let whole = Self.segment + 16
        let first = sealed.prefix(whole), second = sealed.dropFirst(whole).prefix(whole),
            last = sealed.dropFirst(2 * whole)
        #expect(throws: SegmentedAEADError.authenticationFailed(segment: 0)) {
            try Self.open(second + first + last, key: Self.key, prefix: Self.prefix)
        }
        // A segment from another object (its own key and prefix), in the same place.
        let other = try Self.seal(plaintext, key: SymmetricKey(size: .bits256), prefix: [9, 9, 9, 9, 9, 9, 9])
        #expect(throws: SegmentedAEADError.authenticationFailed(segment: 1)) {
            try Self.open(first + other.dropFirst(whole).prefix(whole) + last, key: Self.key, prefix: Self.prefix)
        }
        var flipped = sealed
        flipped[5] ^= 0x01
        #expect(throws: SegmentedAEADError.authenticationFailed(segment: 0)) {
            try Self.open(flipped, key: Self.key, prefix: Self.prefix)
        }
        #expect(throws: SegmentedAEADError.trailingData) {
            var decryptor = try SegmentDecryptor(
                key: Self.key, noncePrefix: Self.prefix, associatedData: Self.objectID, segmentSize: Self.segment)
            _ = try decryptor.update(sealed)
            _ = try decryptor.finish()
            _ = try decryptor.update(Data([0]))
        }
        // Data after the final segment fails too, because the final segment no longer ends the stream.
        #expect(throws: (any Error).self) { try Self.open(sealed + Data([0]), key: Self.key, prefix: Self.prefix) }
    }

    @Test func aWholeObjectPresentedAsAnotherFails() throws {
        let sealed = try Self.seal(Data("contract".utf8), key: Self.key, prefix: Self.prefix)
        #expect(throws: SegmentedAEADError.authenticationFailed(segment: 0)) {
            try Self.open(sealed, key: Self.key, prefix: Self.prefix, aad: Data("object-2".utf8))
        }
    }

    @Test func badParametersAreRefused() {
        #expect(throws: SegmentedAEADError.self) {
            try SegmentEncryptor(key: SymmetricKey(size: .bits128), noncePrefix: Self.prefix, associatedData: Data())
        }
        #expect(throws: SegmentedAEADError.self) {
            try SegmentDecryptor(key: Self.key, noncePrefix: [1, 2], associatedData: Data())
        }
    }
}
