import FileInspection
import Testing

@Suite struct ImageTests {
    @Test func pngPixelBomb() {
        #expect(
            verdict(ImageBuilder.png(width: 100_000, height: 100_000))
                == .refused(.imageTooLarge(pixels: 10_000_000_000, limit: 50_000_000)))
    }

    @Test func jpegPixelBombAfterLargeMetadata() {
        // The frame header sits beyond the 4 KiB head, after an APP1 segment.
        let jpeg = ImageBuilder.jpeg(width: 20_000, height: 20_000, metadataSize: 70_000)
        #expect(
            inspect(jpeg, policy: .permissive, chunkSize: 7)
                == .refused(.imageTooLarge(pixels: 400_000_000, limit: 50_000_000)))
        #expect(
            verdict(ImageBuilder.jpeg(width: 20_000, height: 20_000, metadataSize: 5000))
                == .refused(.imageTooLarge(pixels: 400_000_000, limit: 50_000_000)))
    }

    @Test func gifPixelBomb() {
        #expect(
            verdict(ImageBuilder.gif(width: 65_535, height: 65_535))
                == .refused(.imageTooLarge(pixels: 65_535 * 65_535, limit: 50_000_000)))
    }

    @Test(arguments: [ImageBuilder.WebPKind.lossy, .lossless, .extended])
    func webpPixelBomb(_ kind: ImageBuilder.WebPKind) {
        let webp = ImageBuilder.webp(kind, width: 16_000, height: 16_000)
        #expect(verdict(webp) == .refused(.imageTooLarge(pixels: 256_000_000, limit: 50_000_000)))
    }

    @Test func policyPixelLimitApplies() {
        let small = InspectionPolicy.only(.png).with { $0.maxImagePixels = 10_000 }
        #expect(verdict(ImageBuilder.png(width: 100, height: 100), policy: small) == .accepted(.png))
        #expect(
            verdict(ImageBuilder.png(width: 101, height: 100), policy: small)
                == .refused(.imageTooLarge(pixels: 10_100, limit: 10_000)))
    }

    @Test func largeButReasonableImagesAreFine() {
        #expect(verdict(ImageBuilder.png(width: 6000, height: 4000)) == .accepted(.png))
        #expect(verdict(ImageBuilder.jpeg(width: 6000, height: 4000, metadataSize: 10_000)) == .accepted(.jpeg))
    }

    @Test func truncatedPNGHeader() {
        let png = Array(ImageBuilder.png().prefix(20))
        #expect(verdict(png) == .refused(.malformed("the PNG does not start with an IHDR header")))
    }

    @Test func jpegWithoutFrameHeader() {
        let scanFirst: [UInt8] = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 0xFF, 0xD9]
        #expect(verdict(scanFirst) == .refused(.malformed("the JPEG has no frame header before its image data")))
        let cut = Array(ImageBuilder.jpeg(metadataSize: 100).prefix(150))
        #expect(verdict(cut) == .refused(.malformed("the JPEG has no frame header")))
    }

    @Test func webpWithUnknownChunk() {
        var webp = ImageBuilder.webp(.lossy)
        webp.replaceSubrange(12..<16, with: [UInt8]("ABCD"))
        #expect(verdict(webp) == .refused(.malformed("the WEBP file has no VP8, VP8L or VP8X chunk")))
    }
}
