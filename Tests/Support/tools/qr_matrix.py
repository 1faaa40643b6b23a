#!/usr/bin/env python3
"""Print QR Code matrices made by segno, an independent encoder, for comparison.

    python3 qr_matrix.py VERSION ERROR MASK HEX [VERSION ERROR MASK HEX ...]

Each group of four arguments makes one symbol holding the bytes HEX (hexadecimal)
in byte mode, without ECI and without raising the error correction level:
VERSION 1-40 or "auto" (the smallest that fits), ERROR one of L M Q H,
MASK 0-7 or "auto" (segno's penalty evaluation).

For each symbol, prints a line "version V mask M", then one line of 0 (light)
and 1 (dark) per row without quiet zone, then an empty line.

segno up to at least 1.6.6 appends 8 zero bits after the terminator when the bit
stream already ends on a codeword boundary (https://github.com/heuer/segno/issues/148),
which in byte mode is always the case; ISO/IEC 18004 7.4.10 pads only to the next
boundary. That one step is replaced here; everything else is segno's own.
"""
import sys

import segno
import segno.encoder


def _pad_to_codeword_boundary(buff, version, length):
    if version not in (segno.consts.VERSION_M1, segno.consts.VERSION_M3):
        buff.extend([0] * (-length % 8))


segno.encoder.write_padding_bits = _pad_to_codeword_boundary


def main(args):
    if not args or len(args) % 4:
        sys.exit(__doc__)
    for i in range(0, len(args), 4):
        version, error, mask, data = args[i:i + 4]
        qr = segno.make_qr(bytes.fromhex(data), error=error, mode='byte', boost_error=False,
                           version=None if version == 'auto' else int(version),
                           mask=None if mask == 'auto' else int(mask))
        lines = ['version %d mask %d' % (qr.version, qr.mask)]
        lines += [''.join(str(bit) for bit in row) for row in qr.matrix]
        sys.stdout.write('\n'.join(lines) + '\n\n')


if __name__ == '__main__':
    main(sys.argv[1:])
