/** 载入考核细则文件, shared by the pane (App.tsx) and the offline page's 空白表 (src/page/BlankTab.tsx). */
import { useRef, useState } from "react";
import { Button, Caption1, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import type { Rubric } from "../rubric/schema";
import { t, type Locale } from "../i18n";
import { rubricFileSizeProblem, rubricFromText } from "./rubric-file";

const useStyles = makeStyles({
  row: { display: "flex", alignItems: "baseline", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  problems: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, margin: 0, padding: 0, listStyleType: "none" },
});

/**
 * 载入考核细则文件: a hidden file input behind a button. The file is refused over MAX_RUBRIC_BYTES before it is
 * read, then validated (rubric-file.ts); its problems are listed, file: JSON path: problem.
 */
export function RubricFileButton({ locale, onLoaded }: { locale: Locale; onLoaded: (rubric: Rubric, fileName: string) => void }) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    const outcome = rubricFileSizeProblem(file.name, file.size) ?? rubricFromText(file.name, await file.text());
    if (outcome.ok) {
      setProblems([]);
      onLoaded(outcome.rubric, file.name);
    } else setProblems(outcome.problems);
  };
  return (
    <>
      <div className={styles.row}>
        <Button size="small" appearance="subtle" onClick={() => input.current?.click()}>
          {t("loadRubricFile", locale)}
        </Button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="rubric-file-input"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = ""; // the same file may be chosen again after it is fixed
            void pick(file);
          }}
        />
      </div>
      {problems.length ? (
        <MessageBar intent="error" data-testid="rubric-file-problems">
          <MessageBarBody>
            <MessageBarTitle>{t("rubricFileInvalid", locale)}</MessageBarTitle>
            <ul className={styles.problems}>
              {problems.map((p, k) => (
                <li key={k}>
                  <Caption1>{p}</Caption1>
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}
