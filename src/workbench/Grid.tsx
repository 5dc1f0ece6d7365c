/**
 * The in-memory workbook drawn as a grid a person can use: tick checkboxes, type into unlocked cells,
 * switch sheets, see the selection the pane makes. Edits go through the host as a user's would.
 */
import { useEffect, useMemo, useReducer, useRef, useState, type CSSProperties } from "react";
import type { Host } from "../host";
import type { ChartData, ChartModel, SheetModel } from "../host";
import { colLetters, formatBox } from "../host/address";
import { t, type Locale } from "../i18n";

function parseTyped(text: string): string | number | boolean | null {
  const t = text.trim();
  if (t === "") return null;
  if (/^(true|false)$/i.test(t)) return t.toUpperCase() === "TRUE";
  return text;
}

export function Grid({ host, onDownload, locale }: { host: Host; onDownload: () => Promise<void>; locale: Locale }) {
  const wb = host.workbook;
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  const [sheetName, setSheetName] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ address: string; text: string } | null>(null);
  const [message, setMessage] = useState("");
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let frame = 0;
    return wb.onModelChanged(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(refresh);
    });
  }, [wb]);

  const visible = wb.sheets.filter((s) => s.visibility === "Visible");
  const sel = wb.selection;
  // Follow the sheet the add-in activates or selects on.
  const sheet: SheetModel = visible.find((s) => s.name === (sel?.sheet ?? sheetName)) ?? visible.find((s) => s.name === sheetName) ?? wb.activeSheet;

  useEffect(() => {
    const el = scroller.current?.querySelector(`[data-address="${sel?.address?.split(":")[0]}"]`);
    el?.scrollIntoView({ block: "center", inline: "nearest" });
  }, [sel?.address, sel?.sheet]);

  const box = sheet.usedBox(false);
  const merged = useMemo(() => {
    const owner = new Map<string, { rows: number; cols: number } | null>();
    for (const m of sheet.merges) {
      for (let r = m.r0; r <= m.r1; r++) for (let c = m.c0; c <= m.c1; c++) owner.set(`${r},${c}`, null);
      owner.set(`${m.r0},${m.c0}`, { rows: m.r1 - m.r0 + 1, cols: m.c1 - m.c0 + 1 });
    }
    return owner;
  }, [sheet, sheet.merges.length, box?.r1]);

  const commit = (address: string, text: string) => {
    const r = wb.userEdit(sheet.name, address, parseTyped(text));
    setMessage(r.ok ? (r.warning ?? "") : `${r.title}${t("wb.colon", locale)}${r.message}`);
    setEditing(null);
  };

  const rows: JSX.Element[] = [];
  if (box) {
    for (let r = 0; r <= box.r1; r++) {
      const cells: JSX.Element[] = [<th key="h" style={styles.rowHead}>{r + 1}</th>];
      for (let c = 0; c <= box.c1; c++) {
        if (sheet.hiddenColumns.has(c)) continue;
        const span = merged.get(`${r},${c}`);
        if (span === null) continue;
        const address = `${colLetters(c)}${r + 1}`;
        const snap = wb.get(sheet.name, address);
        const f = snap.format;
        const selected = sel?.sheet === sheet.name && sel.address.split(":")[0] === address;
        const editable = !snap.locked || !sheet.protection.protected;
        const style: CSSProperties = {
          ...styles.cell,
          width: (sheet.columnWidths.get(c) ?? 48) * 1.2,
          maxWidth: (sheet.columnWidths.get(c) ?? 48) * 1.2 * (span?.cols ?? 1),
          background: f.fill ?? undefined,
          fontWeight: f.font.bold ? 600 : undefined,
          fontSize: f.font.size > 12 ? 16 : 12,
          color: f.font.color !== "#000000" ? f.font.color : undefined,
          whiteSpace: f.wrapText ? "pre-wrap" : "nowrap",
          textAlign: f.horizontalAlignment === "Center" ? "center" : f.horizontalAlignment === "Right" ? "right" : "left",
          outline: selected ? "2px solid #0f6cbd" : undefined,
          cursor: editable ? "text" : "default",
        };
        let content: JSX.Element | string = snap.text;
        if (snap.control?.type === "Checkbox") {
          content = (
            <input
              type="checkbox"
              aria-label={`勾选 ${address}`}
              checked={snap.value === true}
              disabled={!editable}
              onChange={() => {
                const res = wb.toggleCheckbox(sheet.name, address);
                if (!res.ok) setMessage(res.message);
                // A controlled checkbox must show its new state in this render, not the next frame.
                refresh();
              }}
            />
          );
        } else if (editing?.address === address) {
          content = (
            <input
              autoFocus
              aria-label={`编辑 ${address}`}
              style={styles.input}
              value={editing.text}
              onChange={(e) => setEditing({ address, text: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === "Enter") commit(address, editing.text);
                if (e.key === "Escape") setEditing(null);
              }}
              onBlur={() => commit(address, editing.text)}
            />
          );
        }
        cells.push(
          <td
            key={c}
            data-address={address}
            rowSpan={span?.rows}
            colSpan={span?.cols}
            style={style}
            tabIndex={editable ? 0 : -1}
            onClick={() => {
              wb.select(sheet.name, span ? formatBox({ r0: r, c0: c, r1: r + span.rows - 1, c1: c + span.cols - 1 }) : address);
              // Excel refuses an edit of a locked cell with a message; a click here is the attempt, so say why.
              setMessage(editable ? "" : t("wb.locked", locale));
              if (editable && snap.control === null && editing?.address !== address) setEditing({ address, text: snap.formula ? "" : snap.value === null ? "" : String(snap.value) });
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter" && editable && !editing) setEditing({ address, text: snap.value === null ? "" : String(snap.value) });
            }}
          >
            {content}
          </td>,
        );
      }
      rows.push(
        <tr key={r} style={{ height: sheet.rowHeights.get(r) ? Math.min(sheet.rowHeights.get(r)!, 200) : undefined }}>
          {cells}
        </tr>,
      );
    }
  }

  return (
    <>
      <div style={styles.toolbar}>
        <strong style={styles.nowrap}>{t("wb.title", locale)}</strong>
        <span style={{ ...styles.nowrap, color: "#605e5c" }}>{t("wb.subtitle", locale)}</span>
        <button type="button" style={styles.nowrap} onClick={() => void onDownload()}>
          {t("wb.download", locale)}
        </button>
        {/* A long alert wraps in its own space instead of squeezing the title and the button. */}
        <span role="status" data-testid="grid-message" style={{ flex: "1 1 320px", color: "#a4262c" }}>
          {message}
        </span>
      </div>
      <div ref={scroller} style={styles.scroller}>
        <div style={{ display: "flex", alignItems: "flex-start", gap: 16 }}>
          <table style={styles.table} aria-label={sheet.name}>
            <tbody>{rows}</tbody>
          </table>
          {sheet.charts.length ? (
            <div style={{ display: "flex", flexDirection: "column", gap: 16, padding: 8 }}>
              {sheet.charts.map((c) => (
                <ColumnChart key={c.id} chart={c} data={wb.chartData(c)} />
              ))}
            </div>
          ) : null}
        </div>
      </div>
      <div role="tablist" style={styles.tabs}>
        {visible.map((s) => (
          <button key={s.id} role="tab" aria-selected={s === sheet} style={{ ...styles.tab, fontWeight: s === sheet ? 600 : 400 }} onClick={() => {
            setSheetName(s.name);
            wb.select(s.name, "A1");
          }}>
            {s.name}
          </button>
        ))}
      </div>
    </>
  );
}

/** A chart of the host drawn as Excel would show a clustered column chart: title, bars, values, categories. */
function ColumnChart({ chart, data }: { chart: ChartModel; data: ChartData }) {
  const W = 420, H = 260, top = 44, bottom = 34, left = 36;
  const values = data.series.flatMap((s) => s.values.map((v) => v ?? 0));
  const max = Math.max(1, ...values);
  const step = Math.pow(10, Math.floor(Math.log10(max)));
  // Counts get whole-number gridlines (four steps); other values a round top.
  const axisMax = values.every(Number.isInteger) ? Math.ceil(max / 4) * 4 : Math.ceil(max / step) * step;
  const slot = (W - left - 12) / Math.max(1, data.categories.length);
  const barW = (slot * 0.6) / Math.max(1, data.series.length);
  const y = (v: number) => top + (H - top - bottom) * (1 - v / axisMax);
  const colors = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000"];
  return (
    <figure role="img" aria-label={`图表 ${chart.name}：${chart.title.text}`} data-chart={chart.name} style={{ margin: 0, border: "1px solid #d2d0ce", background: "#fff", boxShadow: "0 1px 3px rgba(0,0,0,.12)" }}>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} style={{ display: "block", fontFamily: "inherit" }}>
        {chart.title.visible ? (
          <text x={W / 2} y={24} textAnchor="middle" fontSize={13} fill="#404040">
            {chart.title.text}
          </text>
        ) : null}
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f}>
            <line x1={left} x2={W - 12} y1={y(axisMax * f)} y2={y(axisMax * f)} stroke="#e1dfdd" />
            <text x={left - 6} y={y(axisMax * f) + 4} textAnchor="end" fontSize={10} fill="#605e5c">
              {Math.round(axisMax * f * 100) / 100}
            </text>
          </g>
        ))}
        {data.categories.map((cat, i) => (
          <g key={cat + i}>
            {data.series.map((s, j) => {
              const v = s.values[i] ?? 0;
              const x = left + slot * i + slot * 0.2 + barW * j;
              return (
                <g key={s.name + j}>
                  <rect x={x} y={y(v)} width={barW} height={Math.max(0, y(0) - y(v))} fill={colors[j % colors.length]} />
                  <text x={x + barW / 2} y={y(v) - 4} textAnchor="middle" fontSize={11} fill="#404040">
                    {v}
                  </text>
                </g>
              );
            })}
            <text x={left + slot * i + slot / 2} y={H - bottom + 16} textAnchor="middle" fontSize={12} fill="#404040">
              {cat}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

const styles: Record<string, CSSProperties> = {
  toolbar: { display: "flex", flexWrap: "wrap", gap: 12, alignItems: "center", padding: "6px 10px", borderBottom: "1px solid #c8c6c4", fontSize: 13 },
  nowrap: { whiteSpace: "nowrap" },
  scroller: { flex: 1, overflow: "auto" },
  table: { borderCollapse: "collapse", tableLayout: "fixed", fontSize: 12 },
  rowHead: { background: "#f3f2f1", color: "#605e5c", fontWeight: 400, padding: "0 4px", border: "1px solid #e1dfdd", position: "sticky", left: 0 },
  cell: { border: "1px solid #d2d0ce", padding: "2px 4px", verticalAlign: "top", overflow: "hidden" },
  input: { width: "100%", boxSizing: "border-box", font: "inherit" },
  tabs: { display: "flex", gap: 2, borderTop: "1px solid #c8c6c4", padding: "2px 8px", background: "#f3f2f1" },
  tab: { border: "none", background: "transparent", padding: "4px 10px", cursor: "pointer" },
};
