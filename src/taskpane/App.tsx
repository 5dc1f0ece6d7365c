/**
 * The task pane. It never touches Office.js: everything Excel does arrives as `actions` (src/excel/session.ts
 * in Excel, the in-memory host in the workbench and tests).
 */
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Badge, Body1, Button, Caption1, Dropdown, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Option,
  ProgressBar, Spinner, Subtitle2, Title3, makeStyles, tokens,
} from "@fluentui/react-components";
import type { Rubric } from "../rubric/schema";
import type { ScoredWorkbook } from "../layout/scored";
import type { LostEntry } from "../layout/carry";
import { t, type Locale } from "../i18n";
import { canStartReview, offersUpdate, readsTable, reviewSummary, summarize, type ReviewModel, type SummaryModel } from "./model";
import { ProjectionView, ReviewSummary, StartReview } from "./Review";
import { matchUnit } from "../rubric/variants";
import { errorText } from "./errors";
import { RubricFileButton } from "./RubricFileButton";
import { rememberRubric } from "../rubric/given";
import type { Consolidation } from "../consolidate/types";
import type { WorkerLike } from "./consolidate-client";
// The 汇总 page loads when it is first opened: most units never consolidate, and the pane's first load stays small.
const ConsolidatePage = lazy(() => import("./Consolidate").then((m) => ({ default: m.ConsolidatePage })));

export interface WorkbookInfo {
  kind: "empty" | "table";
  rubricVersion?: string;
  rubric?: Rubric;
  current?: boolean;
  /** The sheet format; 4 is a reviewed table (核定). */
  format?: number;
}

export interface PaneActions {
  inspect(): Promise<WorkbookInfo>;
  insert(rubric: Rubric, variant: string | undefined, unit: string | undefined): Promise<unknown>;
  update(): Promise<{ oldSheetName: string; lost: LostEntry[] }>;
  /** 开始核定: the open return becomes a review table; its own sheet is kept as `oldSheetName`. */
  startReview?(): Promise<{ oldSheetName: string }>;
  read(): Promise<ScoredWorkbook>;
  select(cell: string): Promise<void>;
  watch(onResult: (r: ScoredWorkbook) => void, onError: (e: Error) => void): Promise<() => Promise<void>>;
  downloadTemplate?(rubric: Rubric, variant: string | undefined, unit: string | undefined): Promise<string>;
  /** Writes a consolidation's roster as new sheets of the open workbook (the 汇总 page). */
  writeConsolidation?(c: Consolidation): Promise<{ sheets: string[] }>;
}

/** How the 汇总 page gets its Web Worker (and, in the workbench's tests only, a delay per file). */
export interface ConsolidateSetup {
  makeWorker: () => WorkerLike;
  readDelayMs?: number;
}

const useStyles = makeStyles({
  tabs: { display: "flex", gap: tokens.spacingHorizontalXS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  tab: { borderRadius: 0, borderBottom: `${tokens.strokeWidthThicker} solid transparent`, fontWeight: tokens.fontWeightRegular },
  tabSelected: { borderRadius: 0, borderBottom: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke1}`, fontWeight: tokens.fontWeightSemibold },
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, minWidth: "260px", maxWidth: "520px" },
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, "&[hidden]": { display: "none" } },
  row: { display: "flex", alignItems: "baseline", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  total: { fontSize: tokens.fontSizeHero800, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero800 },
  sections: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: "none" },
  sectionHead: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  sectionName: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  flags: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, margin: 0, padding: 0, listStyleType: "none" },
  flag: { justifyContent: "flex-start", textAlign: "left", height: "auto", minHeight: "28px", paddingTop: "4px", paddingBottom: "4px", fontWeight: tokens.fontWeightRegular },
  cell: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorBrandForeground1, marginRight: tokens.spacingHorizontalXS },
});

/** How the variant was chosen: by the typed unit name, or by hand in the dropdown. */
type VariantChoice = { id: string; by: "unit" | "hand" } | null;

function InsertForm({ rubrics: shipped, locale, actions, onInserted }: { rubrics: Rubric[]; locale: Locale; actions: PaneActions; onInserted: () => void }) {
  const styles = useStyles();
  // Rubrics loaded from files, after the shipped ones (a loaded id is never a shipped one: rubric-file.ts).
  const [loaded, setLoaded] = useState<{ rubric: Rubric; fileName: string }[]>([]);
  const rubrics = useMemo(() => [...shipped, ...loaded.map((l) => l.rubric)], [shipped, loaded]);
  const [rubricId, setRubricId] = useState<string | undefined>(shipped[0]?.id);
  const rubric = rubrics.find((r) => r.id === rubricId) ?? rubrics[0];
  // No default: a variant rubric waits until the unit's version is chosen or matched.
  const [choice, setChoice] = useState<VariantChoice>(null);
  const [unit, setUnit] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const match = useMemo(() => (rubric?.variants?.length && unit.trim() ? matchUnit(rubric, unit) : null), [rubric, unit]);
  if (!rubric) return null;
  const hasVariants = Boolean(rubric.variants?.length);
  const variant = rubric.variants?.find((v) => v.id === choice?.id);
  const ready = !hasVariants || Boolean(variant);

  const loadedFile = loaded.find((l) => l.rubric === rubric)?.fileName;
  const choose = (next: Rubric | undefined) => {
    setRubricId(next?.id);
    const m = next?.variants?.length && unit.trim() ? matchUnit(next, unit) : null;
    setChoice(m && m.kind !== "none" ? { id: m.variant.id, by: "unit" } : null);
  };
  const onLoaded = (r: Rubric, fileName: string) => {
    // Kept for reading the table once it is inserted (the session finds it like a shipped rubric).
    if (!shipped.includes(r)) {
      rememberRubric(r);
      setLoaded((all) => [...all.filter((l) => l.rubric.id !== r.id), { rubric: r, fileName }]);
    }
    choose(r);
  };

  const onUnit = (value: string) => {
    setUnit(value);
    if (!rubric.variants?.length) return;
    const m = value.trim() ? matchUnit(rubric, value) : null;
    if (m && m.kind !== "none") setChoice({ id: m.variant.id, by: "unit" });
    else if (choice?.by === "unit") setChoice(null);
  };

  const fail = (e: unknown) => setError(errorText(e, locale).text);
  const submit = async () => {
    setBusy(true);
    setError("");
    try {
      await actions.insert(rubric, variant?.id, unit.trim() || undefined);
      onInserted();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Field label={t("rubric", locale)}>
        <Dropdown
          value={rubric.shortTitle ?? rubric.title}
          selectedOptions={[rubric.id]}
          onOptionSelect={(_e, d) => choose(rubrics.find((r) => r.id === d.optionValue))}
        >
          {rubrics.map((r) => (
            <Option key={r.id} value={r.id}>
              {r.shortTitle ?? r.title}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {loadedFile ? (
        <Caption1 data-testid="rubric-file-loaded">
          {t("rubricFileLoaded", locale)}
          {loadedFile}（{rubric.id} {rubric.version}）
        </Caption1>
      ) : null}
      <RubricFileButton locale={locale} onLoaded={onLoaded} />
      <Field label={t("unitName", locale)}>
        <Input value={unit} onChange={(_e, d) => onUnit(d.value)} />
      </Field>
      {hasVariants ? (
        <Field label={t("variant", locale)}>
          <Dropdown
            placeholder={t("choosePlaceholder", locale)}
            value={variant?.title ?? ""}
            selectedOptions={variant ? [variant.id] : []}
            onOptionSelect={(_e, d) => d.optionValue && setChoice({ id: d.optionValue, by: "hand" })}
          >
            {rubric.variants!.map((v) => (
              <Option key={v.id} value={v.id} text={v.title}>
                {v.title}
              </Option>
            ))}
          </Dropdown>
        </Field>
      ) : null}
      {match?.kind === "fuzzy" && choice?.by === "unit" ? <Caption1 data-testid="unit-match">{t("matchedBy", locale)}{match.matchedUnit}</Caption1> : null}
      {match && match.kind !== "none" && choice?.by === "hand" && choice.id !== match.variant.id ? (
        <MessageBar intent="warning" data-testid="variant-conflict">
          <MessageBarBody>
            {t("variantConflict", locale)}
            {match.variant.title}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {match?.kind === "none" && !variant && match.suggestions.length ? (
        <div data-testid="unit-suggestions">
          <Caption1>{t("noUnitMatch", locale)}</Caption1>
          <div className={styles.row}>
            {match.suggestions.map((s) => (
              <Button key={`${s.variant.id}:${s.unit}`} size="small" appearance="outline" onClick={() => setChoice({ id: s.variant.id, by: "hand" })}>
                {s.unit}
              </Button>
            ))}
          </div>
        </div>
      ) : null}
      <Caption1>{ready ? t("insertHint", locale) : t("chooseVariantHint", locale)}</Caption1>
      <Button appearance="primary" onClick={submit} disabled={busy || !ready}>
        {busy ? t("inserting", locale) : t("insertTable", locale)}
      </Button>
      {actions.downloadTemplate ? (
        <Button appearance="secondary" disabled={!ready} onClick={() => actions.downloadTemplate!(rubric, variant?.id, unit.trim() || undefined).catch(fail)}>
          {t("downloadTemplate", locale)}
        </Button>
      ) : null}
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}

function Summary({ model, review, locale, onSelect }: { model: SummaryModel; review: ReviewModel | null; locale: Locale; onSelect: (cell: string) => void }) {
  const styles = useStyles();
  const tier = model.tierHeadline;
  const tierColor = tier?.state === "provisional" ? "warning" : model.tierId === "excellent" ? "success" : model.tierId === "fail" ? "danger" : model.tierId === "good" ? "brand" : "warning";
  return (
    <>
      <Subtitle2 as="h2">
        {model.title}
        {model.unit ? ` · ${model.unit}` : ""}
      </Subtitle2>
      {review ? null : <Caption1 data-testid="fill-hint">{model.fillHint}</Caption1>}
      {review ? (
        // A reviewed table: 自评 and 核定 side by side, then where they differ.
        <ReviewSummary model={review} locale={locale} onSelect={onSelect} />
      ) : model.max > 0 && model.state === "unfilled" ? (
        // A blank table is not 200/200 优秀: the headline says so.
        <div aria-live="polite">
          <div className={styles.row}>
            <span className={styles.total} data-testid="total">
              {t("unfilled", locale)}
            </span>
            <Body1>
              {t("maxPoints", locale)} {model.max} {t("points", locale)}
            </Body1>
          </div>
          <Caption1 data-testid="unfilled-note">{t("unfilledNote", locale)}</Caption1>
        </div>
      ) : model.max > 0 ? (
        <div aria-live="polite">
          <div className={styles.row}>
            <span className={styles.total} data-testid="total">
              {model.total}
            </span>
            <Body1>
              / {model.max} {t("points", locale)}
            </Body1>
            {model.percent !== null ? (
              <Body1 data-testid="percent">
                {t("percent", locale)} {model.percent}%
              </Body1>
            ) : null}
            {tier ? (
              <>
                <Body1>{tier.label}</Body1>
                <Badge appearance="filled" color={tierColor} size="large" data-testid="tier">
                  {tier.value}
                </Badge>
              </>
            ) : null}
          </div>
          {tier ? <Caption1 data-testid="tier-note">{locale === "zh-CN" ? `（${tier.note}）` : `(${tier.note})`}</Caption1> : null}
        </div>
      ) : null}
      {model.selfMax !== model.max ? (
        <Caption1>
          {t("selfMaxNote", locale)} {model.selfMax}
        </Caption1>
      ) : null}
      {review ? null : model.veto.level !== "none" ? (
        <MessageBar intent={model.veto.level === "fail" ? "error" : "warning"} data-testid="veto">
          <MessageBarBody>
            <MessageBarTitle>{t(model.veto.level === "fail" ? "vetoFail" : "vetoNoExcellent", locale)}</MessageBarTitle>
            {model.veto.reasons.join("；")}
          </MessageBarBody>
        </MessageBar>
      ) : model.max > 0 && model.state !== "unfilled" ? (
        <Caption1 data-testid="veto">{t("vetoNone", locale)}</Caption1>
      ) : null}
      {!model.complete ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t("incomplete", locale)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {model.checks ? (
        <Body1>
          {t("checksSummary", locale)}：{t("yes", locale)} {model.checks.yes} · {t("no", locale)} {model.checks.no} · {t("na", locale)} {model.checks.na} · {t("unanswered", locale)} {model.checks.unanswered}
        </Body1>
      ) : null}
      {/* The open problems come right under the total: they are what stands between the unit and a final score. */}
      <Subtitle2 as="h3" data-testid="flag-count">
        {t("problems", locale)} {model.flagCount}
      </Subtitle2>
      {model.flagCount === 0 ? <Body1>{t("noProblems", locale)}</Body1> : null}
      {model.groups.map((g) => (
        <section key={g.kind} aria-label={g.title}>
          <Caption1>
            <strong>{g.title}</strong>
            {locale === "zh-CN" ? `（${g.flags.length}）` : ` (${g.flags.length})`}
          </Caption1>
          <ul className={styles.flags}>
            {g.flags.map((f, k) => (
              <li key={k}>
                {f.cell ? (
                  <Button appearance="subtle" size="small" className={styles.flag} onClick={() => onSelect(f.cell!)} title={`${t("goToCell", locale)} ${f.cell}`} data-flag-cell={f.cell}>
                    <span className={styles.cell}>{f.cell.slice(f.cell.lastIndexOf("!") + 1)}</span>
                    {f.message}
                  </Button>
                ) : (
                  <Caption1>{f.message}</Caption1>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {!review && model.state !== "unfilled" && (model.sections.length > 1 || (model.sections.length === 1 && model.sections[0].max !== model.max)) ? (
        <ul className={styles.sections} aria-label={t("sections", locale)}>
          {model.sections.map((s) => (
            <li key={s.id}>
              <div className={styles.sectionHead}>
                <Caption1 className={styles.sectionName} title={s.label}>
                  {s.label}
                </Caption1>
                <Caption1>
                  {s.score} / {s.max}
                </Caption1>
              </div>
              <ProgressBar value={s.ratio} thickness="large" color={s.ratio >= 0.9 ? "success" : s.ratio >= 0.6 ? "brand" : "warning"} aria-label={`${s.label} ${s.score}/${s.max}`} />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/**
 * Two pages, as tabs (role tablist/tab, arrow keys move between them). Not Fluent's TabList: it weighs
 * ~15 KB gzipped, which the pane's first-load budget (250 KB) cannot spare for two labels.
 */
function PageTabs<T extends string>({ selected, onSelect, tabs }: { selected: T; onSelect: (v: T) => void; tabs: { value: T; label: string }[] }) {
  const styles = useStyles();
  const refs = useRef<(HTMLElement | null)[]>([]);
  const move = (from: number, by: number) => {
    const k = (from + by + tabs.length) % tabs.length;
    onSelect(tabs[k].value);
    refs.current[k]?.focus();
  };
  return (
    <div role="tablist" className={styles.tabs}>
      {tabs.map((tab, k) => (
        <Button
          key={tab.value}
          ref={(el) => {
            refs.current[k] = el;
          }}
          role="tab"
          aria-selected={tab.value === selected}
          tabIndex={tab.value === selected ? 0 : -1}
          appearance="subtle"
          size="small"
          className={tab.value === selected ? styles.tabSelected : styles.tab}
          onClick={() => onSelect(tab.value)}
          onKeyDown={(e) => {
            if (e.key === "ArrowRight") move(k, 1);
            else if (e.key === "ArrowLeft") move(k, -1);
          }}
        >
          {tab.label}
        </Button>
      ))}
    </div>
  );
}

type Phase = { kind: "loading" } | { kind: "empty" } | { kind: "table"; info: WorkbookInfo } | { kind: "error"; message: string };

export function App({ rubrics, locale, actions, consolidate }: { rubrics: Rubric[]; locale: Locale; actions: PaneActions; consolidate?: ConsolidateSetup }) {
  const [tab, setTab] = useState<"assess" | "consolidate">("assess");
  // Mounted on first opening, then kept (a run in progress survives a switch to 自评 and back).
  const [opened, setOpened] = useState(false);
  const choose = (v: "assess" | "consolidate") => {
    setTab(v);
    if (v === "consolidate") setOpened(true);
  };
  const styles = useStyles();
  const tabs = consolidate ? (
    <PageTabs
      selected={tab}
      onSelect={choose}
      tabs={[
        { value: "assess", label: t("tabAssess", locale) },
        { value: "consolidate", label: t("tabConsolidate", locale) },
      ]}
    />
  ) : null;
  return (
    <main className={styles.root}>
      <Title3 as="h1">{t("appName", locale)}</Title3>
      {tabs}
      {/* The 自评 page stays mounted (it keeps watching the table) while the 汇总 page is shown. */}
      <div hidden={tab !== "assess"} className={styles.page}>
        <AssessPage rubrics={rubrics} locale={locale} actions={actions} />
      </div>
      {consolidate && opened ? (
        <div hidden={tab !== "consolidate"} className={styles.page}>
          <Suspense fallback={<Spinner size="small" />}>
            <ConsolidatePage locale={locale} actions={actions} makeWorker={consolidate.makeWorker} readDelayMs={consolidate.readDelayMs} />
          </Suspense>
        </div>
      ) : null}
    </main>
  );
}

function AssessPage({ rubrics, locale, actions }: { rubrics: Rubric[]; locale: Locale; actions: PaneActions }) {
  const styles = useStyles();
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [scored, setScored] = useState<ScoredWorkbook | null>(null);
  const [status, setStatus] = useState<{ intent: "info" | "warning" | "error" | "success"; text: string } | null>(null);
  const [updatedAt, setUpdatedAt] = useState<string>("");
  const [lost, setLost] = useState<LostEntry[] | null>(null);
  const [projection, setProjection] = useState(false);
  const unwatch = useRef<(() => Promise<void>) | null>(null);

  const onResult = useCallback((r: ScoredWorkbook) => {
    setScored(r);
    setStatus(null);
    setUpdatedAt(new Date().toLocaleTimeString(locale));
  }, [locale]);
  const onError = useCallback((e: Error) => setStatus(errorText(e, locale)), [locale]);

  const start = useCallback(async () => {
    setPhase({ kind: "loading" });
    try {
      const info = await actions.inspect();
      if (info.kind === "empty") {
        setPhase({ kind: "empty" });
        return;
      }
      setPhase({ kind: "table", info });
      if (readsTable(info)) {
        onResult(await actions.read());
        await unwatch.current?.();
        unwatch.current = await actions.watch(onResult, onError);
      }
    } catch (e) {
      setPhase({ kind: "error", message: errorText(e, locale).text });
    }
  }, [actions, onResult, onError, locale]);

  useEffect(() => {
    void start();
    return () => void unwatch.current?.();
  }, [start]);

  const model = useMemo(() => (scored ? summarize(scored, locale) : null), [scored, locale]);
  const review = useMemo(() => (scored ? reviewSummary(scored, locale) : null), [scored, locale]);
  const startReview = actions.startReview
    ? async () => {
        try {
          const r = await actions.startReview!();
          await start();
          // After start(): its first read clears the status.
          setStatus({ intent: "success", text: `${t("reviewStarted", locale)}“${r.oldSheetName}”` });
        } catch (e) {
          onError(e as Error);
        }
      }
    : null;
  const select = (cell: string) => actions.select(cell).catch((e) => onError(e as Error));

  return (
    <>
      {phase.kind === "loading" ? <Spinner size="small" label={t("loading", locale)} /> : null}
      {phase.kind === "error" ? (
        <MessageBar intent="error">
          <MessageBarBody>{phase.message}</MessageBarBody>
          <Button size="small" onClick={() => void start()}>
            {t("retry", locale)}
          </Button>
        </MessageBar>
      ) : null}
      {phase.kind === "empty" ? <InsertForm rubrics={rubrics} locale={locale} actions={actions} onInserted={() => void start()} /> : null}
      {phase.kind === "table" && !phase.info.rubric ? (
        <>
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>{t("unknownRubric", locale)}</MessageBarTitle>
              {t("unknownRubricLoad", locale)}
            </MessageBarBody>
          </MessageBar>
          <RubricFileButton
            locale={locale}
            onLoaded={(r) => {
              rememberRubric(r);
              void start();
            }}
          />
        </>
      ) : null}
      {phase.kind === "table" && phase.info.rubric && offersUpdate(phase.info) ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>{t("oldVersion", locale)}（{phase.info.rubricVersion} → {phase.info.rubric.version}）</MessageBarTitle>
            <Button
              size="small"
              appearance="primary"
              onClick={async () => {
                try {
                  const r = await actions.update();
                  setLost(r.lost);
                  await start();
                  // After start(): its first read clears the status.
                  setStatus({ intent: "success", text: `${t("updatedTable", locale)}“${r.oldSheetName}”` });
                } catch (e) {
                  onError(e as Error);
                }
              }}
            >
              {t("updateTable", locale)}
            </Button>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {lost?.length ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>{t("notCarried", locale)}</MessageBarTitle>
            {lost.map((l) => l.message).join("；")}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {status ? (
        <MessageBar intent={status.intent} role="status">
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      ) : null}
      {phase.kind === "table" && review ? (
        <div className={styles.row}>
          <Button size="small" appearance={projection ? "primary" : "outline"} aria-pressed={projection} onClick={() => setProjection((p) => !p)} data-testid="projection-toggle">
            {projection ? t("projectionExit", locale) : t("projection", locale)}
          </Button>
        </div>
      ) : null}
      {phase.kind === "table" && review && projection ? (
        <ProjectionView model={review} locale={locale} onSelect={select} />
      ) : phase.kind === "table" && model ? (
        <Summary model={model} review={review} locale={locale} onSelect={select} />
      ) : null}
      {phase.kind === "table" && startReview && canStartReview(phase.info) && !projection ? <StartReview locale={locale} onStart={startReview} /> : null}
      {updatedAt && phase.kind === "table" ? (
        <Caption1 data-testid="updated-at">
          {t("updated", locale)} {updatedAt}
        </Caption1>
      ) : null}
    </>
  );
}
