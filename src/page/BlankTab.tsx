/**
 * 空白表: a rubric (shipped, or loaded from a rubric file as the pane loads one: rubric-file.ts), the unit and
 * its version → the official blank workbook as a download (xlsx/download.ts, ExcelJS, as the pane's button).
 * The version follows the unit's name (matchUnit), or is chosen by hand.
 */
import { useMemo, useState } from "react";
import { Button, Caption1, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, makeStyles, tokens } from "@fluentui/react-components";
import type { Rubric } from "../rubric/schema";
import { matchUnit } from "../rubric/variants";
import { RubricFileButton } from "../taskpane/RubricFileButton";
import { downloadTemplate } from "../xlsx/download";
import { t, type Locale } from "../i18n";
import { p } from "./strings";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "560px" },
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export function BlankTab({ rubrics: shipped, locale }: { rubrics: Rubric[]; locale: Locale }) {
  const styles = useStyles();
  const [loaded, setLoaded] = useState<Rubric[]>([]);
  const rubrics = useMemo(() => [...shipped, ...loaded], [shipped, loaded]);
  const [rubricId, setRubricId] = useState<string | undefined>(shipped[0]?.id);
  const rubric = rubrics.find((r) => r.id === rubricId) ?? rubrics[0];
  const [unit, setUnit] = useState("");
  const [hand, setHand] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const match = useMemo(() => (rubric?.variants?.length && unit.trim() ? matchUnit(rubric, unit) : null), [rubric, unit]);
  if (!rubric) return null;
  const matched = match && match.kind !== "none" ? match.variant.id : null;
  const variant = rubric.variants?.find((v) => v.id === (hand ?? matched));
  const ready = !rubric.variants?.length || Boolean(variant);

  const onLoaded = (r: Rubric) => {
    if (!shipped.includes(r)) setLoaded((all) => [...all.filter((l) => l.id !== r.id), r]);
    setRubricId(r.id);
    setHand(null);
  };

  const download = async () => {
    setBusy(true);
    setStatus(null);
    try {
      const name = await downloadTemplate(rubric, variant?.id, unit.trim() || undefined);
      setStatus({ ok: true, text: `${t("downloaded", locale)}${locale === "zh-CN" ? "：" : ": "}${name}` });
    } catch (e) {
      setStatus({ ok: false, text: `${t("failed", locale)}${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.form}>
      <Caption1>{p("blankIntro", locale)}</Caption1>
      <Field label={t("rubric", locale)}>
        <Dropdown
          data-testid="blank-rubric"
          value={rubric.shortTitle ?? rubric.title}
          selectedOptions={[rubric.id]}
          onOptionSelect={(_e, d) => {
            setRubricId(d.optionValue);
            setHand(null);
          }}
        >
          {rubrics.map((r) => (
            <Option key={r.id} value={r.id}>
              {r.shortTitle ?? r.title}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <RubricFileButton locale={locale} onLoaded={onLoaded} />
      <Caption1>
        {rubric.id} {rubric.version}
      </Caption1>
      <Field label={t("unitName", locale)}>
        <Input data-testid="blank-unit" value={unit} onChange={(_e, d) => setUnit(d.value)} />
      </Field>
      {rubric.variants?.length ? (
        <Field label={t("variant", locale)}>
          <Dropdown
            data-testid="blank-variant"
            placeholder={t("choosePlaceholder", locale)}
            value={variant?.title ?? ""}
            selectedOptions={variant ? [variant.id] : []}
            onOptionSelect={(_e, d) => setHand(d.optionValue ?? null)}
          >
            {rubric.variants.map((v) => (
              <Option key={v.id} value={v.id} text={v.title}>
                {v.title}
              </Option>
            ))}
          </Dropdown>
        </Field>
      ) : null}
      {match?.kind === "fuzzy" && !hand ? <Caption1>{t("matchedBy", locale)}{match.matchedUnit}</Caption1> : null}
      {!ready ? <Caption1>{t("chooseVariantHint", locale)}</Caption1> : null}
      <div className={styles.row}>
        <Button appearance="primary" disabled={!ready || busy} onClick={() => void download()} data-testid="blank-download">
          {busy ? t("working", locale) : t("downloadTemplate", locale)}
        </Button>
      </div>
      {status ? (
        <MessageBar intent={status.ok ? "success" : "error"} data-testid="blank-status">
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
