import { useId } from "react";

export interface Bar {
  key: string;
  label: string;
  /** 0–1, or null when there is nothing to show (then the text says why). */
  rate: number | null;
  note: string;
}

/**
 * Horizontal bars, one per row, each with its label and its value written out beside it:
 * the length repeats what the text says, so nothing depends on seeing the bar or its colour.
 */
export function AttendanceChart({ title, bars }: { title: string; bars: Bar[] }) {
  const id = useId();
  const rowHeight = 28;
  const labelWidth = 150;
  const barWidth = 360;
  const valueWidth = 170;
  const height = bars.length * rowHeight + 24;
  const width = labelWidth + barWidth + valueWidth;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: 8 }}>{title}</figcaption>
      {/* The same figures are in the table below, for screen readers and for copying. */}
      <svg role="img" aria-labelledby={id} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }}>
        <title id={id}>{`${title}: ${bars.map((b) => `${b.label} ${b.note}`).join("; ")}`}</title>
        {[0, 0.5, 1].map((x) => (
          <g key={x}>
            <line x1={labelWidth + x * barWidth} x2={labelWidth + x * barWidth} y1={0} y2={height - 18} stroke="#868e96" strokeDasharray="2 3" />
            <text x={labelWidth + x * barWidth} y={height - 4} fontSize="11" textAnchor="middle" fill="#343a40">
              {Math.round(x * 100)} %
            </text>
          </g>
        ))}
        {bars.map((b, i) => {
          const y = i * rowHeight + 4;
          return (
            <g key={b.key}>
              <text x={labelWidth - 8} y={y + 15} fontSize="12" textAnchor="end" fill="#212529">
                {b.label}
              </text>
              {b.rate !== null && <rect x={labelWidth} y={y + 3} width={Math.max(1, b.rate * barWidth)} height={rowHeight - 10} fill="#1c5d99" />}
              <text x={labelWidth + (b.rate ?? 0) * barWidth + 6} y={y + 15} fontSize="12" fill="#212529">
                {b.note}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
