import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { shippedRubrics } from "../rubric/library";
import { pickLocale } from "../i18n";
import { RubricBrowser } from "./RubricBrowser";

const locale = pickLocale(navigator.language);
createRoot(document.getElementById("root")!).render(
  <FluentProvider theme={webLightTheme}>
    <RubricBrowser
      rubrics={shippedRubrics()}
      locale={locale}
      onDownloadTemplate={async (rubric, variant, unit) => (await import(/* webpackChunkName: "xlsx" */ "../xlsx/download")).downloadTemplate(rubric, variant, unit)}
    />
  </FluentProvider>,
);
