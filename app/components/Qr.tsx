import { useEffect, useState } from 'react';

/**
 * A QR code of `text`, drawn as one SVG path from the matrix of `uqr` (a small, dependency-free
 * encoder), which loads on demand with the screen that shows it: not in the first-load bundle.
 * `data-qr-text` carries what it encodes (tests read it; a scanner reads the picture).
 */
export function Qr({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [matrix, setMatrix] = useState<boolean[][] | null>(null);
  useEffect(() => {
    let live = true;
    void import('uqr').then(({ encode }) => {
      if (live) setMatrix(encode(text, { ecc: 'M', border: 2 }).data);
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!matrix) return null;
  const size = matrix.length;
  let d = '';
  matrix.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return (
    <svg
      className="qr"
      role="img"
      aria-label={label}
      data-testid={testId}
      data-qr-text={text}
      viewBox={`0 0 ${size} ${size}`}
      width={Math.max(160, size * 4)}
      height={Math.max(160, size * 4)}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
