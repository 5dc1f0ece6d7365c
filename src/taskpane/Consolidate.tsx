/**
 * The 汇总 page: pick the returns (and optionally the unit list and policy), read them in a Web Worker with
 * progress and a cancel button, then write the roster's sheets into the open workbook through the pane's
 * action (never Office.js here) and show, per rubric group, the summary, the top of the ranking and the
 * problems.
 */
import { useRef, useState } from "react";
import {
  Badge, Body1, Button, Caption1, Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Subtitle2, makeStyles, tokens,
} from "@fluentui/react-components";
import type { Consolidation } from "../consolidate/types";
import { rosterTitle, PROBLEM_LABELS, plainNumber } from "../consolidate/labels";
import { TIER_LABELS } from "../scoring/tiers";
import { t, type Locale } from "../i18n";
import { errorText } from "./errors";
import { startConsolidation, type Run, type WorkerLike } from "./consolidate-client";
import type { PaneActions } from "./App";

const useStyles = makeStyles({
  picker: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  hidden: { display: "none" },
  progress: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  group: {
    display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground1,
  },
  list: { margin: 0, paddingLeft: "1.6em", display: "flex", flexDirection: "column", gap: "2px" },
  score: { fontVariantNumeric: "tabular-nums", color: tokens.colorNeutralForeground2, marginLeft: tokens.spacingHorizontalS },
  both: { fontVariantNumeric: "tabular-nums", color: tokens.colorNeutralForeground3, marginLeft: tokens.spacingHorizontalS },
  problem: { color: tokens.colorNeutralForeground2 },
});

type Phase =
  | { kind: "idle" }
  | { kind: "reading"; read: number; total: number }
  | { kind: "writing" }
  | { kind: "done"; consolidation: Consolidation; sheets: string[]; unitProblems: string[] }
  | { kind: "cancelled"; read: number; total: number }
  | { kind: "error"; title: string; text: string };

const TIER_COLOR = { excellent: "success", good: "brand", pass: "warning", fail: "danger" } as const;

function FilePicker(props: { label: string; hint: string; accept: string; multiple?: boolean; testId: string; disabled: boolean; locale: Locale; onPick: (files: File[]) => void }) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <Field label={props.label}>
      <div className={styles.picker}>
        <Button size="small" disabled={props.disabled} onClick={() => input.current?.click()}>
          {t(props.multiple ? "chooseFiles" : "chooseFile", props.locale)}
        </Button>
        <Caption1 data-testid={`${props.testId}-chosen`}>{props.hint}</Caption1>
        <input
          ref={input}
          className={styles.hidden}
          type="file"
          accept={props.accept}
          multiple={props.multiple}
          data-testid={props.testId}
          onChange={(e) => props.onPick([...(e.target.files ?? [])])}
        />
      </div>
    </Field>
  );
}

/** A score as the preview shows it; "—" for none (vetoed, or not reviewed). */
const scoreText = (n: number | null) => (n === null ? "—" : plainNumber(n));

export function GroupResult({ group, threshold, locale }: { group: Consolidation["groups"][number]; threshold: number; locale: Locale }) {
  const styles = useStyles();
  const s = group.summary;
  // 自评 and 核定 beside the ranked score once any counted unit was reviewed.
  const both = s.moved.reviewed > 0;
  const ranked = group.rows.filter((r) => r.rank !== null && !r.vetoed && r.score !== null).slice(0, 5);
  const vetoed = group.rows.filter((r) => r.vetoed).length;
  return (
    <section className={styles.group} aria-label={rosterTitle(group)} data-testid="group-result">
      <Subtitle2 as="h3">{rosterTitle(group)}</Subtitle2>
      <Body1 data-testid="group-sentence">{locale === "zh-CN" ? s.sentence : t("unitsCounted", locale, { units: s.units, atOrAbove: s.atOrAbove, share: s.share, mean: s.mean ?? "—" })}</Body1>
      {locale === "zh-CN" ? <Caption1>{t("unitsCounted", locale, { units: s.units, atOrAbove: s.atOrAbove, share: s.share, mean: s.mean ?? "—" })}</Caption1> : null}
      <div className={styles.row}>
        {(["excellent", "good", "pass", "fail"] as const).map((tier) => (
          <Badge key={tier} appearance="tint" color={TIER_COLOR[tier]} data-testid={`tier-${tier}`}>
            {TIER_LABELS[tier][locale === "zh-CN" ? "zh" : "en"]} {s.tiers[tier] ?? 0}
          </Badge>
        ))}
        {vetoed ? <Caption1>{t("vetoedUnits", locale, { n: vetoed })}</Caption1> : null}
      </div>
      {both ? (
        <Caption1 data-testid="moved-sentence">
          {locale === "zh-CN" && s.moved.sentence
            ? s.moved.sentence
            : t("movedByReview", locale, { reviewed: s.moved.reviewed, threshold: s.moved.threshold, tier: s.moved.tier, line: plainNumber(threshold) })}
        </Caption1>
      ) : null}
      {ranked.length ? (
        <>
          <Caption1>
            <strong>{t("topRanked", locale)}</strong>
          </Caption1>
          <ol className={styles.list} data-testid="top-ranked">
            {ranked.map((r) => (
              <li key={`${r.rank}-${r.unit}`} value={r.rank ?? undefined}>
                <Body1>{r.unit}</Body1>
                <span className={styles.score}>{plainNumber(r.score!)}</span>
                {both ? (
                  <span className={styles.both} data-testid="both-scores">
                    {t("selfScoreShort", locale)} {scoreText(r.selfScore)} · {t("reviewScoreShort", locale)} {scoreText(r.reviewScore)}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

export function ConsolidatePage({ locale, actions, makeWorker, readDelayMs }: { locale: Locale; actions: PaneActions; makeWorker: () => WorkerLike; readDelayMs?: number }) {
  const styles = useStyles();
  const [returns, setReturns] = useState<File[]>([]);
  const [units, setUnits] = useState<File | null>(null);
  const [policy, setPolicy] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const run = useRef<Run | null>(null);
  const busy = phase.kind === "reading" || phase.kind === "writing";

  const start = async () => {
    setPhase({ kind: "reading", read: 0, total: returns.length });
    const r = startConsolidation(makeWorker, {
      returns,
      units,
      policy,
      readDelayMs,
      onProgress: (read, total) => setPhase((p) => (p.kind === "reading" ? { kind: "reading", read, total } : p)),
    });
    run.current = r;
    try {
      const result = await r.result;
      if (result.kind === "cancelled") {
        setPhase({ kind: "cancelled", read: result.read, total: result.total });
        return;
      }
      if (result.kind === "setup-error") {
        const which = result.file === policy?.name ? "policyError" : "unitListError";
        setPhase({ kind: "error", title: `${t(which, locale)}（${result.file}）`, text: result.message });
        return;
      }
      setPhase({ kind: "writing" });
      const written = await actions.writeConsolidation!(result.consolidation);
      setPhase({ kind: "done", consolidation: result.consolidation, sheets: written.sheets, unitProblems: result.unitProblems });
    } catch (e) {
      setPhase({ kind: "error", title: t("readFailed", locale), text: errorText(e, locale).text });
    } finally {
      run.current = null;
    }
  };

  const done = phase.kind === "done" ? phase : null;
  return (
    <>
      <Caption1>{t("consolidateIntro", locale)}</Caption1>
      <FilePicker
        label={t("pickReturns", locale)}
        hint={returns.length ? t("filesChosen", locale, { n: returns.length }) : t("noneChosen", locale)}
        accept=".xlsx"
        multiple
        testId="returns-input"
        disabled={busy}
        locale={locale}
        onPick={setReturns}
      />
      <FilePicker label={t("pickUnits", locale)} hint={units?.name ?? t("noneChosen", locale)} accept=".csv,.xlsx" testId="units-input" disabled={busy} locale={locale} onPick={(f) => setUnits(f[0] ?? null)} />
      <FilePicker label={t("pickPolicy", locale)} hint={policy?.name ?? t("defaultPolicy", locale)} accept=".json" testId="policy-input" disabled={busy} locale={locale} onPick={(f) => setPolicy(f[0] ?? null)} />
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy || returns.length === 0 || !actions.writeConsolidation} onClick={() => void start()}>
          {t("startConsolidate", locale)}
        </Button>
        {phase.kind === "reading" ? <Button onClick={() => run.current?.cancel()}>{t("cancel", locale)}</Button> : null}
      </div>
      {phase.kind === "reading" ? (
        <div className={styles.progress}>
          <ProgressBar value={phase.total ? phase.read / phase.total : 0} thickness="large" aria-label={t("progress", locale, { n: phase.read, total: phase.total })} />
          <Caption1 data-testid="progress" aria-live="polite">
            {t("progress", locale, { n: phase.read, total: phase.total })}
          </Caption1>
        </div>
      ) : null}
      {phase.kind === "writing" ? <ProgressBar thickness="large" aria-label={t("writingSheets", locale)} /> : null}
      {phase.kind === "writing" ? <Caption1>{t("writingSheets", locale)}</Caption1> : null}
      {phase.kind === "cancelled" ? (
        <MessageBar intent="warning" data-testid="cancelled">
          <MessageBarBody>{t("cancelled", locale, { n: phase.read, total: phase.total })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {phase.kind === "error" ? (
        <MessageBar intent="error" data-testid="consolidate-error">
          <MessageBarBody>
            <MessageBarTitle>{phase.title}</MessageBarTitle>
            {phase.text}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {done ? (
        <>
          <MessageBar intent="success" data-testid="sheets-written">
            <MessageBarBody>
              <MessageBarTitle>{t("sheetsWritten", locale)}</MessageBarTitle>
              {done.sheets.join("、")}
            </MessageBarBody>
          </MessageBar>
          <div className={styles.row}>
            <Button size="small" onClick={() => void actions.select(`'${done.sheets[0].replace(/'/g, "''")}'!A1`).catch(() => undefined)}>
              {t("openRoster", locale)}
            </Button>
            <Caption1>{t("returnsRead", locale, { n: returns.length })}</Caption1>
          </div>
          {done.unitProblems.length ? (
            <MessageBar intent="warning">
              <MessageBarBody>
                <MessageBarTitle>{t("unitListProblems", locale)}</MessageBarTitle>
                {done.unitProblems.join("；")}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {done.consolidation.groups.map((g) => (
            <GroupResult key={`${g.rubric.id}@${g.rubric.version}`} group={g} threshold={done.consolidation.policy.threshold} locale={locale} />
          ))}
          <Subtitle2 as="h3" data-testid="problem-count">
            {t("problemsFound", locale, { n: done.consolidation.problems.length })}
          </Subtitle2>
          {done.consolidation.problems.length === 0 ? <Body1>{t("noProblemsFound", locale)}</Body1> : null}
          <ul className={styles.list}>
            {done.consolidation.problems.slice(0, 5).map((p, i) => (
              <li key={i}>
                <Caption1 className={styles.problem}>
                  <strong>{PROBLEM_LABELS[p.kind] ?? p.kind}</strong> {p.unit ?? p.file ?? ""}：{p.message}
                </Caption1>
              </li>
            ))}
          </ul>
          {done.consolidation.problems.length > 5 ? <Caption1>{t("moreProblems", locale, { n: done.consolidation.problems.length - 5 })}</Caption1> : null}
        </>
      ) : null}
    </>
  );
}
