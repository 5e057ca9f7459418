// Minimal, dependency-free SVG line charts for the simulation report (deterministic output).
export interface Series {
  name: string;
  color: string;
  values: number[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function lineChart(title: string, xLabels: string[], series: Series[], unit: string): string {
  const W = 720;
  const H = 320;
  const pad = { l: 64, r: 16, t: 36, b: 64 };
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const n = Math.max(1, xLabels.length - 1);
  const x = (i: number) => pad.l + ((W - pad.l - pad.r) * i) / n;
  const y = (v: number) => H - pad.b - ((H - pad.t - pad.b) * v) / max;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => max * f);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${pad.l}" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`,
    ...ticks.map(
      (t) =>
        `<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#ddd"/>` +
        `<text x="${pad.l - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${Math.round(t).toLocaleString('pt-BR')}</text>`,
    ),
    `<text x="12" y="${pad.t - 8}">${esc(unit)}</text>`,
    ...xLabels.map((l, i) => `<text x="${x(i).toFixed(1)}" y="${H - pad.b + 16}" text-anchor="middle">${esc(l)}</text>`),
    ...series.map(
      (s) =>
        `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>`,
    ),
    ...series.map(
      (s, i) =>
        `<rect x="${pad.l + i * 200}" y="${H - 24}" width="12" height="12" fill="${s.color}"/>` +
        `<text x="${pad.l + i * 200 + 18}" y="${H - 14}">${esc(s.name)}</text>`,
    ),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}
