// A QR code drawn as SVG from qrcode's module matrix: crisp on a thermal printer at any size,
// and nothing inline or remote for the CSP to refuse.
import { create } from 'qrcode';
import { useMemo } from 'react';

/** One path of 1×1 squares, one per dark module. */
function modulePath(value: string): { size: number; path: string } {
  const { modules } = create(value, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col)) parts.push(`M${col} ${row}h1v1h-1z`);
    }
  }
  return { size: modules.size, path: parts.join('') };
}

export function QrCode({ value, label }: { readonly value: string; readonly label: string }) {
  const { size, path } = useMemo(() => modulePath(value), [value]);
  // Four modules of quiet zone, as readers expect.
  const box = size + 8;
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      data-value={value}
      viewBox={`-4 -4 ${box} ${box}`}
      shapeRendering="crispEdges"
    >
      <rect x={-4} y={-4} width={box} height={box} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
