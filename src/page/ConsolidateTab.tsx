/**
 * 汇总 on the page: returns (files or a folder), the optional unit list and policy → read in the page's Worker
 * with the task pane's client and protocol (progress, cancel), then on the page the roster, summary, chart,
 * 扣分明细 and problems of each rubric group, and the downloads the command line writes: roster.xlsx
 * (rosterToXlsx) and the 通报附件 (noticeToDocx), one per group.
 */
import { useRef, useState } from "react";
import {
  Badge, Body1, Button, Caption1, Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Subtitle1, Subtitle2,
  Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens,
} from "@fluentui/react-components";
import type { Consolidation, Policy, RosterGroup } from "../consolidate/types";
import { PROBLEM_LABELS, plainNumber, rosterTitle } from "../consolidate/labels";
import { rosterToXlsx } from "../consolidate/xlsx";
import { BASIS_LABELS } from "../consolidate/basis";
import { noticeToDocx } from "../consolidate/docx";
import { TIER_LABELS } from "../scoring/tiers";
import { t, type Locale } from "../i18n";
import { startConsolidation, type Run, type WorkerLike } from "../taskpane/consolidate-client";
import { DropZone } from "./DropZone";
import { ScoreCharts } from "./Chart";
import { DOCX_TYPE, XLSX_TYPE, returnsToRead, saveBytes, type Picked } from "./files";
import { p } from "./strings";

const useStyles = makeStyles({
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  group: {
    display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground1,
  },
  scroll: { overflowX: "auto", maxWidth: "100%" },
  num: { fontVariantNumeric: "tabular-nums", textAlign: "right" },
});

type Phase =
  | { kind: "idle" }
  | { kind: "reading"; read: number; total: number }
  | { kind: "done"; c: Consolidation; unitProblems: string[] }
  | { kind: "cancelled"; read: number; total: number }
  | { kind: "error"; title: string; text: string };

function OneFile(props: { label: string; hint: string; accept: string; testId: string; disabled: boolean; locale: Locale; onPick: (f: File | null) => void }) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <Field label={props.label} className="no-print">
      <div className={styles.row}>
        <Button size="small" disabled={props.disabled} onClick={() => input.current?.click()}>
          {t("chooseFile", props.locale)}
        </Button>
        <Caption1 data-testid={`${props.testId}-chosen`}>{props.hint}</Caption1>
        <input ref={input} type="file" accept={props.accept} hidden data-testid={props.testId} onChange={(e) => props.onPick(e.currentTarget.files?.[0] ?? null)} />
      </div>
    </Field>
  );
}

/** The 通报附件 file names: one group's as given, several groups' by rubric id (as the command line names them). */
const noticeName = (c: Consolidation, g: RosterGroup) => (c.groups.length === 1 ? "通报附件.docx" : `通报附件-${g.rubric.id}.docx`);

export function ConsolidateTab({ locale, makeWorker, readDelayMs }: { locale: Locale; makeWorker: () => WorkerLike; readDelayMs?: number }) {
  const styles = useStyles();
  const [returns, setReturns] = useState<Picked<File>[]>([]);
  const [skipped, setSkipped] = useState(0);
  const [units, setUnits] = useState<File | null>(null);
  const [policy, setPolicy] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [saving, setSaving] = useState("");
  const run = useRef<Run | null>(null);
  const busy = phase.kind === "reading";

  const start = async () => {
    setPhase({ kind: "reading", read: 0, total: returns.length });
    const r = startConsolidation(makeWorker, {
      // The path inside the dropped folder is the 来源文件 the roster shows.
      returns: returns.map((x) => ({ name: x.path, arrayBuffer: () => x.file.arrayBuffer() })),
      units,
      policy,
      readDelayMs,
      onProgress: (read, total) => setPhase((ph) => (ph.kind === "reading" ? { kind: "reading", read, total } : ph)),
    });
    run.current = r;
    try {
      const result = await r.result;
      if (result.kind === "cancelled") setPhase({ kind: "cancelled", read: result.read, total: result.total });
      else if (result.kind === "setup-error") {
        const which = result.file === policy?.name ? "policyError" : "unitListError";
        setPhase({ kind: "error", title: `${t(which, locale)}（${result.file}）`, text: result.message });
      } else setPhase({ kind: "done", c: result.consolidation, unitProblems: result.unitProblems });
    } catch (e) {
      setPhase({ kind: "error", title: t("readFailed", locale), text: (e as Error).message });
    } finally {
      run.current = null;
    }
  };

  const save = async (what: string, make: () => Promise<Uint8Array>, name: string, type: string) => {
    setSaving(what);
    try {
      saveBytes(await make(), name, type);
    } catch (e) {
      setPhase({ kind: "error", title: t("failed", locale), text: (e as Error).message });
    } finally {
      setSaving("");
    }
  };

  const done = phase.kind === "done" ? phase : null;
  return (
    <>
      <Caption1 className="no-print">{p("consolidateIntro", locale)}</Caption1>
      <DropZone
        locale={locale}
        folders
        disabled={busy}
        testId="returns-drop"
        hint={returns.length ? t("filesChosen", locale, { n: returns.length }) + (skipped ? `；${p("skipped", locale, { n: skipped })}` : "") : t("noneChosen", locale)}
        onFiles={(picked) => {
          const r = returnsToRead(picked);
          setReturns(r.files);
          setSkipped(r.skipped);
        }}
      />
      <OneFile label={t("pickUnits", locale)} hint={units?.name ?? t("noneChosen", locale)} accept=".csv,.xlsx" testId="units-input" disabled={busy} locale={locale} onPick={setUnits} />
      <OneFile label={t("pickPolicy", locale)} hint={policy?.name ?? t("defaultPolicy", locale)} accept=".json" testId="policy-input" disabled={busy} locale={locale} onPick={setPolicy} />
      <div className={`no-print ${styles.row}`}>
        <Button appearance="primary" disabled={busy || returns.length === 0} onClick={() => void start()}>
          {t("startConsolidate", locale)}
        </Button>
        {busy ? <Button onClick={() => run.current?.cancel()}>{t("cancel", locale)}</Button> : null}
      </div>
      {phase.kind === "reading" ? (
        <div className="no-print">
          <ProgressBar value={phase.total ? phase.read / phase.total : 0} thickness="large" />
          <Caption1 data-testid="progress" aria-live="polite">
            {t("progress", locale, { n: phase.read, total: phase.total })}
          </Caption1>
        </div>
      ) : null}
      {phase.kind === "cancelled" ? (
        <MessageBar intent="warning" data-testid="cancelled">
          <MessageBarBody>{p("cancelledPage", locale, { n: phase.read, total: phase.total })}</MessageBarBody>
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
          <div className={`no-print ${styles.row}`}>
            <Button appearance="primary" disabled={saving !== ""} data-testid="download-roster" onClick={() => void save("roster", () => rosterToXlsx(done.c), "roster.xlsx", XLSX_TYPE)}>
              {saving === "roster" ? t("working", locale) : p("downloadRoster", locale)}
            </Button>
            {done.c.groups.map((g) => (
              <Button key={`${g.rubric.id}@${g.rubric.version}`} disabled={saving !== ""} data-testid="download-notice" onClick={() => void save(g.rubric.id, () => noticeToDocx(g, {}), noticeName(done.c, g), DOCX_TYPE)}>
                {saving === g.rubric.id ? t("working", locale) : `${p("downloadNotice", locale)}${done.c.groups.length > 1 ? `（${g.rubric.id}）` : ""}`}
              </Button>
            ))}
            <Button onClick={() => window.print()}>{p("print", locale)}</Button>
          </div>
          {done.unitProblems.length ? (
            <MessageBar intent="warning">
              <MessageBarBody>
                <MessageBarTitle>{t("unitListProblems", locale)}</MessageBarTitle>
                {done.unitProblems.join("；")}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {done.c.groups.map((g) => (
            <GroupView key={`${g.rubric.id}@${g.rubric.version}`} group={g} policy={done.c.policy} locale={locale} />
          ))}
          <ProblemsView c={done.c} locale={locale} />
        </>
      ) : null}
    </>
  );
}

const TIER_COLOR = { excellent: "success", good: "brand", pass: "warning", fail: "danger" } as const;
const num = (n: number | null) => (n === null ? "" : plainNumber(n));

function GroupView({ group, policy, locale }: { group: RosterGroup; policy: Policy; locale: Locale }) {
  const styles = useStyles();
  const s = group.summary;
  const zh = locale === "zh-CN";
  const d = group.deductions;
  const lostBy = d.items.map((_, k) => d.rows.filter((r) => r.deductions[k] > 0).length);
  // 自评分, 核定分 and 依据 beside the ranked score once any counted unit was reviewed (as the roster's sheet).
  const both = s.moved.reviewed > 0;
  const columns = both
    ? (["rank", "unit", "category", "score", "selfScore", "reviewScore", "basis", "tierCol", "reward", "note", "problemCount", "sourceFile"] as const)
    : (["rank", "unit", "category", "score", "tierCol", "reward", "note", "problemCount", "sourceFile"] as const);
  const items = d.items.map((item, k) => ({ item, k })).filter(({ item }) => item.total > 0).sort((a, b) => b.item.total - a.item.total);
  return (
    <section className={styles.group} data-testid="group-result" aria-label={rosterTitle(group)}>
      <Subtitle1 as="h2">{rosterTitle(group)}</Subtitle1>
      <Body1 data-testid="group-sentence">{s.sentence}</Body1>
      <Caption1>{t("unitsCounted", locale, { units: s.units, atOrAbove: s.atOrAbove, share: s.share, mean: s.mean ?? "—" })}</Caption1>
      <div className={styles.row}>
        {(["excellent", "good", "pass", "fail"] as const).map((tier) => (
          <Badge key={tier} appearance="tint" color={TIER_COLOR[tier]} data-testid={`tier-${tier}`}>
            {TIER_LABELS[tier][zh ? "zh" : "en"]} {s.tiers[tier] ?? 0}
          </Badge>
        ))}
      </div>
      {both ? (
        <Caption1 data-testid="moved-sentence">
          {zh && s.moved.sentence ? s.moved.sentence : t("movedByReview", locale, { reviewed: s.moved.reviewed, threshold: s.moved.threshold, tier: s.moved.tier, line: plainNumber(policy.threshold) })}
        </Caption1>
      ) : null}
      <ScoreCharts group={group} policy={policy} locale={locale} />
      <Subtitle2 as="h3">{p("roster", locale)}</Subtitle2>
      <div className={styles.scroll}>
        <Table size="small" data-testid="roster-table" aria-label={p("roster", locale)}>
          <TableHeader>
            <TableRow>
              {columns.map((k) => (
                <TableHeaderCell key={k}>{p(k, locale)}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {group.rows.map((r, k) => (
              <TableRow key={k}>
                <TableCell>{r.rank ?? ""}</TableCell>
                <TableCell>{r.unit}</TableCell>
                <TableCell>{r.category ?? ""}</TableCell>
                <TableCell className={styles.num}>{r.vetoed ? "" : num(r.score)}</TableCell>
                {both ? (
                  <>
                    <TableCell className={styles.num}>{num(r.selfScore)}</TableCell>
                    <TableCell className={styles.num}>{num(r.reviewScore)}</TableCell>
                    <TableCell>{r.file === null ? "" : BASIS_LABELS[r.basis]}</TableCell>
                  </>
                ) : null}
                <TableCell>{r.tier ? TIER_LABELS[r.tier][zh ? "zh" : "en"] : ""}</TableCell>
                <TableCell className={styles.num}>{r.vetoed ? "" : num(r.reward)}</TableCell>
                <TableCell>{r.note}</TableCell>
                <TableCell className={styles.num}>{r.problems || ""}</TableCell>
                <TableCell>{r.file ?? ""}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {group.exempt.length ? (
        <Caption1>
          {p("exemptTitle", locale)}
          {zh ? "：" : ": "}
          {group.exempt.map((e) => `${e.unit}（${e.reason}）`).join("、")}
        </Caption1>
      ) : null}
      <Subtitle2 as="h3">{p("deductionsTitle", locale)}</Subtitle2>
      <div className={styles.scroll}>
        <Table size="small" data-testid="deductions-table" aria-label={p("deductionsTitle", locale)}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("items", locale)}</TableHeaderCell>
              <TableHeaderCell>{t("maxPoints", locale)}</TableHeaderCell>
              <TableHeaderCell>{p("itemTotal", locale)}</TableHeaderCell>
              <TableHeaderCell>{p("unitsLost", locale)}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map(({ item, k }) => (
              <TableRow key={item.id}>
                <TableCell>
                  {item.label ? (zh ? `第${item.label}项 ` : `${item.label} `) : ""}
                  {item.title.length > 40 ? item.title.slice(0, 40) + "…" : item.title}
                </TableCell>
                <TableCell className={styles.num}>{num(item.max)}</TableCell>
                <TableCell className={styles.num}>{num(item.total)}</TableCell>
                <TableCell className={styles.num}>{lostBy[k]}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}

function ProblemsView({ c, locale }: { c: Consolidation; locale: Locale }) {
  const styles = useStyles();
  return (
    <section className={styles.group}>
      <Subtitle1 as="h2" data-testid="problem-count">
        {p("problemsTitle", locale)} · {t("problemsFound", locale, { n: c.problems.length })}
      </Subtitle1>
      {c.problems.length === 0 ? <Body1>{t("noProblemsFound", locale)}</Body1> : null}
      {c.problems.length ? (
        <div className={styles.scroll}>
          <Table size="small" data-testid="problems-table" aria-label={p("problemsTitle", locale)}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{p("kind", locale)}</TableHeaderCell>
                <TableHeaderCell>{p("unit", locale)}</TableHeaderCell>
                <TableHeaderCell>{p("file", locale)}</TableHeaderCell>
                <TableHeaderCell>{p("message", locale)}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {c.problems.map((x, k) => (
                <TableRow key={k}>
                  <TableCell>{PROBLEM_LABELS[x.kind] ?? x.kind}</TableCell>
                  <TableCell>{x.unit ?? ""}</TableCell>
                  <TableCell>{x.file ?? ""}</TableCell>
                  <TableCell>{x.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </section>
  );
}
