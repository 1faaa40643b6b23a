/// Whether Parley may connect to an address on a user's behalf.
public enum AddressPolicy {
    public enum Verdict: Equatable, Sendable {
        case allowed
        /// Not globally reachable (or a metadata endpoint); the reason names the registry entry.
        case refused(String)
    }

    public static func verdict(for address: IPAddress) -> Verdict {
        switch address {
        case .v4(let bytes): return verdictV4(bytes)
        case .v6(let bytes): return verdictV6(bytes)
        }
    }

    private static func verdictV4(_ bytes: [UInt8]) -> Verdict {
        if SpecialPurposeAddresses.allowedV4.contains(where: { $0.contains(bytes) }) { return .allowed }
        if let block = SpecialPurposeAddresses.blockedV4.first(where: { $0.contains(bytes) }) {
            return .refused(block.name)
        }
        return .allowed
    }

    private static func verdictV6(_ bytes: [UInt8]) -> Verdict {
        for (block, offset) in SpecialPurposeAddresses.embeddingV4 where block.contains(bytes) {
            let embedded = Array(bytes[offset..<(offset + 4)])
            if case .refused(let reason) = verdictV4(embedded) {
                return .refused("\(block.name) \(IPAddress.v4(embedded)): \(reason)")
            }
            return .allowed
        }
        if SpecialPurposeAddresses.allowedV6.contains(where: { $0.contains(bytes) }) { return .allowed }
        if let block = SpecialPurposeAddresses.blockedV6.first(where: { $0.contains(bytes) }) {
            return .refused(block.name)
        }
        return .allowed
    }
}
