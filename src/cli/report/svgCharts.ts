/** Inline SVG charts for the self-contained HTML report (no scripts, no network). */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function short(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `${(x / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (a >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  if (a > 0 && a < 0.01) return x.toExponential(1);
  return x.toFixed(2);
}

/** Horizontal bars, one per label. */
export function barChart(labels: readonly string[], values: readonly number[], format: (v: number) => string = short, width = 640): string {
  const row = 22;
  const left = 190;
  const max = Math.max(1e-300, ...values);
  const h = labels.length * row + 10;
  const bars = labels.map((l, i) => {
    const v = values[i] ?? 0;
    const w = ((width - left - 90) * v) / max;
    const y = 5 + i * row;
    return `<text x="${left - 6}" y="${y + 15}" text-anchor="end">${esc(l.length > 28 ? `${l.slice(0, 27)}…` : l)}</text><rect x="${left}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 6}" fill="#3b82f6"/><text x="${left + w + 4}" y="${y + 15}">${esc(format(v))}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" font-size="12" font-family="sans-serif">${bars.join('')}</svg>`;
}

/** Vertical histogram with log-scaled counts and marker lines (e.g. VaR, ES). */
export function histogramChart(
  edges: readonly number[],
  counts: readonly number[],
  markers: readonly { label: string; x: number; color: string }[],
  width = 640,
  height = 220,
): string {
  const n = counts.length;
  const pad = 40;
  const maxLog = Math.max(1, ...counts.map((c) => Math.log10(1 + c)));
  const x0 = edges[0] ?? 0;
  const x1 = edges[n] ?? 1;
  const sx = (x: number) => pad + ((width - 2 * pad) * (x - x0)) / (x1 - x0 || 1);
  const bw = (width - 2 * pad) / Math.max(1, n);
  const bars = counts.map((c, i) => {
    const bh = ((height - 2 * pad) * Math.log10(1 + c)) / maxLog;
    return `<rect x="${(pad + i * bw).toFixed(1)}" y="${(height - pad - bh).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${bh.toFixed(1)}" fill="#64748b"><title>${esc(`${short(edges[i] ?? 0)}–${short(edges[i + 1] ?? 0)}: ${c}`)}</title></rect>`;
  });
  const marks = markers
    .filter((m) => m.x >= x0 && m.x <= x1)
    .map(
      (m, i) =>
        `<line x1="${sx(m.x).toFixed(1)}" x2="${sx(m.x).toFixed(1)}" y1="${pad - 10}" y2="${height - pad}" stroke="${m.color}" stroke-width="2"/><text x="${(sx(m.x) + 4).toFixed(1)}" y="${pad - 12 + 12 * i}" fill="${m.color}">${esc(m.label)}</text>`,
    );
  const axis = `<line x1="${pad}" x2="${width - pad}" y1="${height - pad}" y2="${height - pad}" stroke="#111"/><text x="${pad}" y="${height - pad + 16}">${esc(short(x0))}</text><text x="${width - pad}" y="${height - pad + 16}" text-anchor="end">${esc(short(x1))}</text><text x="${width / 2}" y="${height - 6}" text-anchor="middle">loss (count on log scale)</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-size="11" font-family="sans-serif">${bars.join('')}${axis}${marks.join('')}</svg>`;
}

/** Heat map of a square matrix (rows: cause, columns: effect). */
export function heatmap(
  labels: readonly string[],
  m: readonly (readonly (number | null)[])[],
  format: (v: number) => string = short,
): string {
  const cell = 22;
  const left = 170;
  const top = 150;
  const n = labels.length;
  const vals = m.flat().filter((v): v is number => v !== null && v !== undefined);
  const max = Math.max(1e-300, ...vals);
  const min = Math.min(max, ...vals);
  const cells: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = m[i]?.[j];
      const a = v === null || v === undefined ? 0 : 0.08 + 0.92 * (max > min ? (v - min) / (max - min) : 1);
      const fill = v === null || v === undefined ? '#f1f5f9' : `rgba(220,38,38,${a.toFixed(3)})`;
      cells.push(
        `<rect x="${left + j * cell}" y="${top + i * cell}" width="${cell - 1}" height="${cell - 1}" fill="${fill}"><title>${esc(`fault in ${labels[i]} → stake of ${labels[j]}: ${v === null || v === undefined ? 'no fault observed' : format(v)}`)}</title></rect>`,
      );
    }
  }
  const rows = labels.map((l, i) => `<text x="${left - 6}" y="${top + i * cell + 15}" text-anchor="end">${esc(l.slice(0, 24))}</text>`);
  const cols = labels.map(
    (l, j) => `<text transform="translate(${left + j * cell + 15},${top - 6}) rotate(-60)">${esc(l.slice(0, 24))}</text>`,
  );
  const legend = `<text x="${left}" y="${top + n * cell + 16}">colour scale: ${esc(format(min))} (light) … ${esc(format(max))} (dark)</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${left + n * cell + 20}" height="${top + n * cell + 26}" font-size="11" font-family="sans-serif">${rows.join('')}${cols.join('')}${cells.join('')}${legend}</svg>`;
}
