/**
 * 开始核定 in the pane: the button that turns a returned table into a review table, the 自评 | 核定 comparison with
 * the list of differences, and the 投屏视图 (a compact, large-type view for a meeting's projector). Every jump to a
 * row goes through `onSelect` (the pane never touches Office.js).
 */
import { useState } from "react";
import { Body1, Button, Caption1, MessageBar, MessageBarActions, MessageBarBody, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { t, type Locale } from "../i18n";
import { comparisonRows, type DifferenceRow, type ReviewModel } from "./model";

const useStyles = makeStyles({
  row: { display: "flex", alignItems: "baseline", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  compare: { borderCollapse: "collapse", width: "100%", "& th, & td": { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, textAlign: "left", borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` } },
  figure: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  changed: { color: tokens.colorPaletteRedForeground1 },
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, margin: 0, padding: 0, listStyleType: "none" },
  difference: {
    display: "flex", flexDirection: "column", alignItems: "stretch", textAlign: "left", height: "auto", width: "100%",
    paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightRegular,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorPaletteRedBorder2}`, borderRadius: 0,
  },
  diffHead: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS, width: "100%" },
  diffTitle: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  diffScores: { whiteSpace: "nowrap", fontWeight: tokens.fontWeightSemibold },
  note: { color: tokens.colorNeutralForeground2 },
  // 投屏视图: read from the back of a room — black on white, totals ≥ 28px (here 44px), the list ≥ 18px (here 20px).
  projection: { display: "flex", flexDirection: "column", gap: "16px", color: "#000000", backgroundColor: "#FFFFFF", padding: "8px 4px" },
  pUnit: { fontSize: "26px", lineHeight: "34px", fontWeight: 700 },
  pTotals: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: "8px" },
  pBox: { border: "2px solid #000000", padding: "8px 10px" },
  pLabel: { fontSize: "20px", lineHeight: "26px", fontWeight: 600 },
  pTotal: { fontSize: "44px", lineHeight: "52px", fontWeight: 700 },
  pLine: { fontSize: "20px", lineHeight: "28px" },
  pVeto: { fontSize: "20px", lineHeight: "28px", fontWeight: 700, color: "#B00020" },
  pList: { display: "flex", flexDirection: "column", gap: "6px", margin: 0, padding: 0, listStyleType: "none" },
  pItem: {
    display: "flex", flexDirection: "column", alignItems: "stretch", textAlign: "left", width: "100%", height: "auto",
    fontSize: "20px", lineHeight: "28px", fontWeight: 400, color: "#000000", backgroundColor: "#FFFFFF",
    border: "2px solid #000000", borderLeft: "8px solid #B00020", borderRadius: 0, padding: "6px 10px",
    // Fluent's transparent button clears its border on hover and press: keep the frame.
    ":hover": { backgroundColor: "#F2F2F2", color: "#000000", borderTopColor: "#000000", borderRightColor: "#000000", borderBottomColor: "#000000", borderLeftColor: "#B00020" },
    ":hover:active": { backgroundColor: "#E6E6E6", color: "#000000", borderTopColor: "#000000", borderRightColor: "#000000", borderBottomColor: "#000000", borderLeftColor: "#B00020" },
  },
  pScores: { fontSize: "24px", lineHeight: "32px", fontWeight: 700 },
});

/** The 开始核定 button, its one-line explanation and a confirmation before anything is written. */
export function StartReview({ locale, onStart }: { locale: Locale; onStart: () => Promise<void> }) {
  const styles = useStyles();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      await onStart();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <section aria-label={t("startReview", locale)} data-testid="start-review">
      <Caption1 as="p">{t("startReviewHint", locale)}</Caption1>
      {asking ? (
        // An inline confirmation, not a Dialog: Fluent's Dialog would cost the pane's first-load budget for one question.
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{t("startReviewConfirm", locale)}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="primary" disabled={busy} onClick={() => void go()}>
              {busy ? t("reviewing", locale) : t("confirm", locale)}
            </Button>
            <Button size="small" disabled={busy} onClick={() => setAsking(false)}>
              {t("cancel", locale)}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : (
        <div className={styles.row}>
          <Button appearance="primary" onClick={() => setAsking(true)}>
            {t("startReview", locale)}
          </Button>
        </div>
      )}
    </section>
  );
}

/** 序号 and title; a table that prints no 序号 (001's items) shows the title alone. */
const named = (d: DifferenceRow) => (d.label ? `${d.label} ${d.title}` : d.title);

const arrow = (d: DifferenceRow, locale: Locale) => `${t("selfScore", locale)} ${d.self} → ${t("reviewScore", locale)} ${d.review}`;

/** 自评 and 核定 side by side, then every item where they differ; a click selects the item's row. */
export function ReviewSummary({ model, locale, onSelect }: { model: ReviewModel; locale: Locale; onSelect: (cell: string) => void }) {
  const styles = useStyles();
  const rows = comparisonRows(model, locale);
  return (
    <>
      <table className={styles.compare} data-testid="review-comparison" aria-live="polite">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t("selfScore", locale)}</th>
            <th scope="col">{t("reviewScore", locale)}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid={`compare-${r.key}`}>
              <th scope="row">
                <Caption1>{r.label}</Caption1>
              </th>
              <td className={r.key === "total" ? styles.figure : undefined} data-testid={`self-${r.key}`}>
                {r.self}
              </td>
              <td className={`${r.key === "total" ? styles.figure : ""} ${r.differs ? styles.changed : ""}`} data-testid={`review-${r.key}`}>
                {r.review}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {model.review.veto.reasons.length ? <Caption1>{model.review.veto.reasons.join("；")}</Caption1> : null}
      <Differences model={model} locale={locale} onSelect={onSelect} />
    </>
  );
}

function Differences({ model, locale, onSelect }: { model: ReviewModel; locale: Locale; onSelect: (cell: string) => void }) {
  const styles = useStyles();
  return (
    <section aria-label={t("differences", locale, { n: model.differences.length })}>
      <Subtitle2 as="h3" data-testid="difference-count">
        {t("differences", locale, { n: model.differences.length })}
      </Subtitle2>
      {model.differences.length === 0 ? <Body1>{t("noDifferences", locale)}</Body1> : null}
      <ul className={styles.list}>
        {model.differences.map((d) => (
          <li key={d.id}>
            <Button
              appearance="subtle"
              className={styles.difference}
              disabled={!d.cell}
              onClick={() => d.cell && onSelect(d.cell)}
              title={d.cell ? `${t("goToCell", locale)} ${d.cell}` : undefined}
              data-testid="difference"
              data-cell={d.cell ?? undefined}
            >
              <span className={styles.diffHead}>
                <span className={styles.diffTitle}>{named(d)}</span>
                <span className={styles.diffScores}>{arrow(d, locale)}</span>
              </span>
              <Caption1 className={styles.note}>
                {t("reviewNote", locale)}
                {locale === "zh-CN" ? "：" : ": "}
                {d.note || t("noReviewNote", locale)}
              </Caption1>
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 投屏视图: the unit, both totals, tier, vetoes and the differences, large and high-contrast; still clickable. */
export function ProjectionView({ model, locale, onSelect }: { model: ReviewModel; locale: Locale; onSelect: (cell: string) => void }) {
  const styles = useStyles();
  const rows = comparisonRows(model, locale);
  const get = (key: string) => rows.find((r) => r.key === key)!;
  const side = (which: "self" | "review") => (
    <div className={styles.pBox} data-testid={`projection-${which}`}>
      <div className={styles.pLabel}>{t(which === "self" ? "selfScore" : "reviewScore", locale)}</div>
      <div className={styles.pTotal}>{get("total")[which]}</div>
      <div className={styles.pLine}>
        {get("percent")[which]} · {get("tier")[which]}
      </div>
      {/* Said either way: in a meeting "no veto" is news too. */}
      <div className={model[which].veto.level !== "none" ? styles.pVeto : styles.pLine} data-testid={`projection-${which}-veto`}>
        {t("vetoes", locale)}
        {locale === "zh-CN" ? "：" : ": "}
        {get("veto")[which]}
      </div>
    </div>
  );
  return (
    <section className={styles.projection} data-testid="projection" aria-label={t("projection", locale)}>
      <div className={styles.pUnit}>{model.unit ?? model.title}</div>
      <div className={styles.pTotals}>
        {side("self")}
        {side("review")}
      </div>
      {model.review.veto.reasons.length ? <div className={styles.pVeto}>{model.review.veto.reasons.join("；")}</div> : null}
      <div className={styles.pLabel}>{t("differences", locale, { n: model.differences.length })}</div>
      <ul className={styles.pList}>
        {model.differences.map((d) => (
          <li key={d.id}>
            <Button appearance="transparent" className={styles.pItem} disabled={!d.cell} onClick={() => d.cell && onSelect(d.cell)} data-testid="difference" data-cell={d.cell ?? undefined}>
              <span>{named(d)}</span>
              <span className={styles.pScores}>{arrow(d, locale)}</span>
              {d.note ? <span>{d.note}</span> : null}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
