/** The offline page's UI: three tabs (检查回执, 汇总, 空白表), each kept mounted so a run survives a switch. */
import { useState } from "react";
import { createRoot } from "react-dom/client";
import { Caption1, FluentProvider, Tab, TabList, Title2, Body1, makeStyles, tokens } from "@fluentui/react-components";
import { shippedRubrics } from "../rubric/library";
import type { Rubric } from "../rubric/schema";
import { pickLocale, type Locale } from "../i18n";
import { themeFor } from "../taskpane/theme";
import { CheckTab } from "./CheckTab";
import { ConsolidateTab } from "./ConsolidateTab";
import { BlankTab } from "./BlankTab";
import { p } from "./strings";
import { workerFactory } from "./worker-url";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`, maxWidth: "1200px", margin: "0 auto" },
  page: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, "&[hidden]": { display: "none" } },
  head: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

type TabId = "check" | "consolidate" | "blank";

function Page({ locale, rubrics, workers, readDelayMs }: { locale: Locale; rubrics: Rubric[]; workers: ReturnType<typeof workerFactory>; readDelayMs?: number }) {
  const styles = useStyles();
  const [tab, setTab] = useState<TabId>("check");
  return (
    <main className={styles.root}>
      <header className={styles.head}>
        <Title2 as="h1">{p("title", locale)}</Title2>
        <Body1 className="no-print">{p("subtitle", locale)}</Body1>
        <Caption1 className="no-print" data-testid="browsers">
          {p("browsers", locale)}
        </Caption1>
      </header>
      <TabList className="no-print" selectedValue={tab} onTabSelect={(_e, d) => setTab(d.value as TabId)}>
        <Tab value="check">{p("tabCheck", locale)}</Tab>
        <Tab value="consolidate">{p("tabConsolidate", locale)}</Tab>
        <Tab value="blank">{p("tabBlank", locale)}</Tab>
      </TabList>
      <div className={styles.page} hidden={tab !== "check"} role="tabpanel">
        <CheckTab locale={locale} makeWorker={workers.page} />
      </div>
      <div className={styles.page} hidden={tab !== "consolidate"} role="tabpanel">
        <ConsolidateTab locale={locale} makeWorker={workers.consolidate} readDelayMs={readDelayMs} />
      </div>
      <div className={styles.page} hidden={tab !== "blank"} role="tabpanel">
        <BlankTab locale={locale} rubrics={rubrics} />
      </div>
    </main>
  );
}

export function startPage(root: HTMLElement, source: string): void {
  const locale = pickLocale(navigator.language);
  document.documentElement.lang = locale;
  // A test hook only, as the workbench's: ?readDelay=150 makes each file wait, so a run is cancellable half way.
  const readDelayMs = Number(new URLSearchParams(location.search).get("readDelay")) || undefined;
  createRoot(root).render(
    <FluentProvider theme={themeFor(undefined)}>
      <Page locale={locale} rubrics={shippedRubrics()} workers={workerFactory(source)} readDelayMs={readDelayMs} />
    </FluentProvider>,
  );
}
