/**
 * The first face of the task pane: browse the shipped rubrics, pick a variant, see the table's shape
 * and maximum as the engine computes it. Pure view over data passed in as props.
 */
import { useMemo, useState } from "react";
import { Body1, Button, Caption1, Dropdown, Field, Input, Option, Subtitle2, Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { Rubric } from "../rubric/schema";
import { score } from "../scoring";
import { t, type Locale } from "../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, maxWidth: "480px" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export interface RubricBrowserProps {
  rubrics: Rubric[];
  locale: Locale;
  /** Writes a blank official workbook for download; resolves to the file name. */
  onDownloadTemplate: (rubric: Rubric, variant: string | undefined, unit: string | undefined) => Promise<string>;
}

export function RubricBrowser({ rubrics, locale, onDownloadTemplate }: RubricBrowserProps) {
  const styles = useStyles();
  const [rubricId, setRubricId] = useState<string | undefined>(rubrics[0]?.id);
  const rubric = rubrics.find((r) => r.id === rubricId) ?? rubrics[0];
  const [variantId, setVariantId] = useState<string | undefined>(rubric?.variants?.[0]?.id);
  const variant = rubric?.variants?.find((v) => v.id === variantId) ?? rubric?.variants?.[0];
  const [unit, setUnit] = useState("");
  const [status, setStatus] = useState("");
  const report = useMemo(() => (rubric ? score(rubric, { variant: variant?.id }) : undefined), [rubric, variant]);
  if (!rubric || !report) return null;

  return (
    <main className={styles.root}>
      <Title3 as="h1">{t("appName", locale)}</Title3>
      <Field label={t("rubric", locale)}>
        <Dropdown
          value={rubric.shortTitle ?? rubric.title}
          selectedOptions={[rubric.id]}
          onOptionSelect={(_e, d) => {
            const next = rubrics.find((r) => r.id === d.optionValue);
            setRubricId(d.optionValue);
            setVariantId(next?.variants?.[0]?.id);
          }}
        >
          {rubrics.map((r) => (
            <Option key={r.id} value={r.id}>
              {r.shortTitle ?? r.title}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {rubric.variants?.length ? (
        <Field label={t("variant", locale)}>
          <Dropdown value={variant?.title} selectedOptions={variant ? [variant.id] : []} onOptionSelect={(_e, d) => setVariantId(d.optionValue)}>
            {rubric.variants.map((v) => (
              <Option key={v.id} value={v.id} text={v.title}>
                {v.title}
              </Option>
            ))}
          </Dropdown>
        </Field>
      ) : null}
      <Subtitle2 as="h2">{rubric.title}</Subtitle2>
      <Caption1>
        {t("source", locale)}: {rubric.source.docNumber ?? rubric.source.file} · v{rubric.version}
      </Caption1>
      {report.max > 0 ? (
        <Body1>
          {t("maxPoints", locale)} {report.max} {t("points", locale)}
        </Body1>
      ) : null}
      <ul className={styles.list} aria-label={t("sections", locale)}>
        {report.sections.map((s) => (
          <li key={s.id}>
            <Body1>
              {s.label ? `${s.label} ` : ""}
              {s.title.length > 40 ? s.title.slice(0, 40) + "…" : s.title} — {s.max} {t("points", locale)}
            </Body1>
          </li>
        ))}
        {report.checks.length ? (
          <li>
            <Body1>
              {t("checks", locale)}: {report.checks.length}
            </Body1>
          </li>
        ) : null}
      </ul>
      {rubric.vetoes?.length ? (
        <Body1>
          {t("vetoes", locale)}: {rubric.vetoes.length}
        </Body1>
      ) : null}
      <Field label={t("unitName", locale)}>
        <Input value={unit} onChange={(_e, d) => setUnit(d.value)} />
      </Field>
      <Button
        appearance="primary"
        onClick={async () => {
          setStatus(t("working", locale));
          try {
            const name = await onDownloadTemplate(rubric, variant?.id, unit.trim() || undefined);
            setStatus(`${t("downloaded", locale)} ${name}`);
          } catch (e) {
            setStatus(`${t("failed", locale)} ${(e as Error).message}`);
          }
        }}
      >
        {t("downloadTemplate", locale)}
      </Button>
      <Caption1 role="status">{status}</Caption1>
      <Caption1>{t("comingNext", locale)}</Caption1>
    </main>
  );
}
