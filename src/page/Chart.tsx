/** The 汇总 page's score-distribution chart: two bar charts as inline SVG (no chart library, nothing to load). */
import { tokens } from "@fluentui/react-components";
import type { Policy, RosterGroup } from "../consolidate/types";
import { TIER_LABELS } from "../scoring/tiers";
import type { Locale } from "../i18n";
import { groupBands, tierCounts } from "./chart-data";
import { p } from "./strings";

const H = 160;
const BAR = 34;
const GAP = 10;
const PAD = { top: 18, bottom: 36, left: 8 };

function Bars({ title, bars, color, testId }: { title: string; bars: { label: string; units: number }[]; color: string; testId: string }) {
  const max = Math.max(1, ...bars.map((b) => b.units));
  const width = PAD.left * 2 + bars.length * (BAR + GAP);
  const plot = H - PAD.top - PAD.bottom;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, fontSize: 13, marginBottom: 4 }}>{title}</figcaption>
      <svg role="img" aria-label={title} width={width} height={H} viewBox={`0 0 ${width} ${H}`} data-testid={testId}>
        <line x1={PAD.left} x2={width - PAD.left} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke="#8a8886" />
        {bars.map((b, k) => {
          const h = Math.round((b.units / max) * plot);
          const x = PAD.left + k * (BAR + GAP) + GAP / 2;
          const y = H - PAD.bottom - h;
          return (
            <g key={b.label} data-label={b.label} data-units={b.units}>
              <rect x={x} y={y} width={BAR} height={h} fill={color} />
              <text x={x + BAR / 2} y={y - 4} textAnchor="middle" fontSize="11">
                {b.units}
              </text>
              <text x={x + BAR / 2} y={H - PAD.bottom + 14} textAnchor="middle" fontSize="11">
                {b.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function ScoreCharts({ group, policy, locale }: { group: RosterGroup; policy: Policy; locale: Locale }) {
  const { width, bands } = groupBands(group, policy);
  const zh = locale === "zh-CN";
  return (
    <div style={{ display: "flex", gap: 32, flexWrap: "wrap", alignItems: "flex-end" }}>
      {bands.length ? (
        <Bars
          title={p("chartBands", locale, { w: width })}
          testId="chart-bands"
          color={tokens.colorBrandBackground}
          bars={bands.map((b) => ({ label: `${b.from}–${b.to}`, units: b.units }))}
        />
      ) : null}
      <Bars
        title={p("chartTiers", locale)}
        testId="chart-tiers"
        color={tokens.colorPaletteGreenBackground3}
        bars={tierCounts(group).map((c) => ({ label: TIER_LABELS[c.tier][zh ? "zh" : "en"], units: c.units }))}
      />
    </div>
  );
}
