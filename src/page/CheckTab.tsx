/**
 * 检查回执: returns dropped or picked → each one's report, as `safescore score` gives it (read and scored in the
 * page's Worker: check.ts). Printable: the drop zone and buttons are left out of print.
 */
import { useRef, useState } from "react";
import {
  Badge, Body1, Button, Caption1, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Subtitle1, Subtitle2, makeStyles, mergeClasses, tokens,
} from "@fluentui/react-components";
import { t, type Locale } from "../i18n";
import type { CheckedReturn, CheckOutcome } from "./check";
import { DropZone } from "./DropZone";
import { returnsToRead, type Picked } from "./files";
import { rubricFileSizeProblem } from "../taskpane/rubric-file";
import { p } from "./strings";
import type { PageWorker } from "./worker-url";
import type { FromPageWorker, ToPageWorker } from "./worker";

const useStyles = makeStyles({
  card: {
    display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground1,
    breakInside: "avoid-page",
  },
  next: { "@media print": { breakBefore: "page" } },
  row: { display: "flex", alignItems: "baseline", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  total: { fontSize: tokens.fontSizeHero800, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero800 },
  list: { margin: 0, paddingLeft: 0, listStyleType: "none", display: "flex", flexDirection: "column", gap: "2px" },
  cell: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorBrandForeground1, marginRight: tokens.spacingHorizontalS, whiteSpace: "nowrap" },
  losses: { margin: 0, fontFamily: "inherit", fontSize: tokens.fontSizeBase300, whiteSpace: "pre-wrap", lineHeight: tokens.lineHeightBase400 },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS },
});

/**
 * Reads the files one by one in one Worker, reporting each outcome as it comes; the office's rubric files
 * go first (their problems are reported, the valid ones read returns made from them).
 */
async function checkAll(
  files: Picked<File>[],
  rubrics: { name: string; text: string }[],
  makeWorker: () => PageWorker,
  locale: Locale,
  onRubricProblems: (problems: string[]) => void,
  onOutcome: (o: CheckOutcome, k: number) => void,
): Promise<void> {
  const worker = makeWorker();
  // One question at a time: the next message is posted once the answer to this one has come.
  const ask = (m: ToPageWorker, transfer: Transferable[] = []) =>
    new Promise<FromPageWorker>((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message || "worker failed"));
      worker.postMessage(m, transfer);
    });
  try {
    if (rubrics.length) {
      const answer = await ask({ type: "rubrics", files: rubrics });
      if (answer.type === "rubrics") onRubricProblems(answer.problems);
    }
    for (const [k, f] of files.entries()) {
      const bytes = await f.file.arrayBuffer();
      const answer = await ask({ type: "check", name: f.path, bytes, locale }, [bytes]);
      if (answer.type === "checked") onOutcome(answer.outcome, k);
    }
  } finally {
    worker.terminate();
  }
}

export function CheckTab({ locale, makeWorker }: { locale: Locale; makeWorker: () => PageWorker }) {
  const styles = useStyles();
  const [outcomes, setOutcomes] = useState<CheckOutcome[]>([]);
  const [progress, setProgress] = useState<{ n: number; total: number } | null>(null);
  const [skipped, setSkipped] = useState(0);
  const [error, setError] = useState("");
  const [rubrics, setRubrics] = useState<{ name: string; text: string }[]>([]);
  const [rubricProblems, setRubricProblems] = useState<string[]>([]);
  const rubricInput = useRef<HTMLInputElement>(null);

  const onFiles = async (picked: Picked<File>[]) => {
    const { files, skipped } = returnsToRead(picked);
    setSkipped(skipped);
    setOutcomes([]);
    setError("");
    setProgress({ n: 0, total: files.length });
    try {
      await checkAll(files, rubrics, makeWorker, locale, setRubricProblems, (o, k) => {
        setOutcomes((all) => [...all, o]);
        setProgress({ n: k + 1, total: files.length });
      });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
    }
  };

  return (
    <>
      <Caption1 className="no-print">{p("checkIntro", locale)}</Caption1>
      <DropZone locale={locale} folders={false} disabled={progress !== null} testId="check-drop" onFiles={(f) => void onFiles(f)} />
      <div className={mergeClasses("no-print", styles.buttons)}>
        <Button size="small" appearance="subtle" onClick={() => rubricInput.current?.click()}>
          {t("loadRubricFile", locale)}
        </Button>
        <Caption1 data-testid="check-rubrics">{rubrics.length ? `${p("rubricFilesFor", locale)}${rubrics.map((r) => r.name).join("、")}` : p("rubricFilesHint", locale)}</Caption1>
        <input
          ref={rubricInput}
          type="file"
          accept=".json,application/json"
          multiple
          hidden
          data-testid="check-rubric-input"
          onChange={(e) => {
            const picked = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = "";
            // Too large a file is refused before it is read, as the pane refuses it (rubric-file.ts).
            const sized = picked.map((f) => rubricFileSizeProblem(f.name, f.size));
            setRubricProblems(sized.flatMap((o) => (o && !o.ok ? o.problems : [])));
            void Promise.all(picked.filter((_f, k) => !sized[k]).map(async (f) => ({ name: f.name, text: await f.text() }))).then(setRubrics);
          }}
        />
      </div>
      {rubricProblems.length ? (
        <MessageBar intent="error" data-testid="rubric-file-problems" className="no-print">
          <MessageBarBody>
            <MessageBarTitle>{t("rubricFileInvalid", locale)}</MessageBarTitle>
            {rubricProblems.join("；")}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {progress ? (
        <div className="no-print">
          <ProgressBar value={progress.total ? progress.n / progress.total : 0} thickness="large" />
          <Caption1 aria-live="polite">{p("reading", locale, { n: progress.n, total: progress.total })}</Caption1>
        </div>
      ) : null}
      {skipped ? <Caption1 className="no-print">{p("skipped", locale, { n: skipped })}</Caption1> : null}
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {outcomes.length && !progress ? (
        <div className={mergeClasses("no-print", styles.buttons)}>
          <Button appearance="primary" onClick={() => window.print()}>
            {p("print", locale)}
          </Button>
          <Button onClick={() => setOutcomes([])}>{p("clear", locale)}</Button>
        </div>
      ) : null}
      {outcomes.map((o, k) =>
        o.ok ? (
          <ReturnReport key={k} r={o} locale={locale} first={k === 0} />
        ) : (
          <MessageBar key={k} intent="error" data-testid="check-unreadable">
            <MessageBarBody>
              <MessageBarTitle>
                {p("notAReturn", locale)}：{o.file}
              </MessageBarTitle>
              {o.message}
            </MessageBarBody>
          </MessageBar>
        ),
      )}
    </>
  );
}

const TIER_COLOR = { excellent: "success", good: "brand", pass: "warning", fail: "danger" } as const;

function ReturnReport({ r, locale, first }: { r: CheckedReturn; locale: Locale; first: boolean }) {
  const styles = useStyles();
  const m = r.summary;
  const zh = locale === "zh-CN";
  const colon = zh ? "：" : ": ";
  const tier = m.tierHeadline;
  const tierColor = tier?.state === "provisional" ? "warning" : m.tierId ? TIER_COLOR[m.tierId as keyof typeof TIER_COLOR] : "informative";
  return (
    <section className={mergeClasses(styles.card, !first && styles.next)} data-testid="check-report" aria-label={r.file}>
      <Subtitle1 as="h2">{r.rubric.title}</Subtitle1>
      <Caption1>
        {p("file", locale)}
        {colon}
        <span data-testid="check-file">{r.file}</span>
      </Caption1>
      <Caption1>
        {p("rubricVersion", locale)}
        {colon}
        {r.rubric.id} {r.rubric.version}
        {r.rubric.newerVersion ? (zh ? "（" : " (") + p("newerVersion", locale, { v: r.rubric.newerVersion }) + (zh ? "）" : ")") : ""}
      </Caption1>
      <Body1>
        {p("unit", locale)}
        {colon}
        <span data-testid="check-unit">{r.unit ? r.unit : p("noUnit", locale)}</span>
        {r.variantTitle ? ` · ${p("variantLine", locale)}${colon}${r.variantTitle}` : ""}
      </Body1>
      {m.max > 0 && m.state === "unfilled" ? (
        <div className={styles.row}>
          <span className={styles.total} data-testid="total">
            {t("unfilled", locale)}
          </span>
          <Body1>
            {t("maxPoints", locale)} {m.max} {t("points", locale)}
          </Body1>
          <Caption1>{t("unfilledNote", locale)}</Caption1>
        </div>
      ) : m.max > 0 ? (
        <>
          <div className={styles.row}>
            <span className={styles.total} data-testid="total">
              {m.total}
            </span>
            <Body1>
              / {m.max} {t("points", locale)}
            </Body1>
            {m.percent !== null ? (
              <Body1 data-testid="percent">
                {t("percent", locale)} {m.percent}%
              </Body1>
            ) : null}
            {tier ? (
              <>
                <Body1>{tier.label}</Body1>
                <Badge appearance="filled" size="large" color={tierColor} data-testid="tier">
                  {tier.value}
                </Badge>
              </>
            ) : null}
          </div>
          {tier ? <Caption1 data-testid="tier-note">{zh ? `（${tier.note}）` : `(${tier.note})`}</Caption1> : null}
        </>
      ) : null}
      {m.selfMax !== m.max ? (
        <Caption1>
          {t("selfMaxNote", locale)} {m.selfMax}
        </Caption1>
      ) : null}
      {m.veto.level !== "none" ? (
        <MessageBar intent={m.veto.level === "fail" ? "error" : "warning"} data-testid="veto">
          <MessageBarBody>
            <MessageBarTitle>{t(m.veto.level === "fail" ? "vetoFail" : "vetoNoExcellent", locale)}</MessageBarTitle>
            {m.veto.reasons.join("；")}
          </MessageBarBody>
        </MessageBar>
      ) : m.max > 0 && m.state !== "unfilled" ? (
        <Caption1 data-testid="veto">
          {p("vetoLine", locale)}
          {colon}
          {t("vetoNone", locale)}
        </Caption1>
      ) : null}
      {!m.complete ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t("incomplete", locale)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {m.checks ? (
        <Body1>
          {t("checksSummary", locale)}
          {colon}
          {t("yes", locale)} {m.checks.yes} · {t("no", locale)} {m.checks.no} · {t("na", locale)} {m.checks.na} · {t("unanswered", locale)} {m.checks.unanswered}
        </Body1>
      ) : null}
      <Subtitle2 as="h3" data-testid="flag-count">
        {t("problems", locale)} {r.flags.length}
      </Subtitle2>
      {r.flags.length === 0 ? <Body1>{t("noProblems", locale)}</Body1> : null}
      <ul className={styles.list}>
        {r.flags.map((f, k) => (
          <li key={k} data-flag-cell={f.cell ?? ""}>
            <Caption1>
              <span className={styles.cell}>{f.cell ?? "—"}</span>
              {f.message}
            </Caption1>
          </li>
        ))}
      </ul>
      {r.losses.length ? (
        <>
          <Subtitle2 as="h3">{p("lossesTitle", locale)}</Subtitle2>
          <pre className={styles.losses} data-testid="losses">
            {r.losses.join("\n")}
          </pre>
        </>
      ) : null}
      {r.review ? (
        <>
          <Subtitle2 as="h3">{r.review[0].replace(/：$/, "")}</Subtitle2>
          <pre className={styles.losses} data-testid="review">
            {r.review.slice(1).join("\n")}
          </pre>
        </>
      ) : null}
    </section>
  );
}
