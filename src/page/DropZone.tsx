/** A drop zone for files and folders, with 选择文件… and (optionally) 选择文件夹… buttons. Hidden in print. */
import { useRef, useState } from "react";
import { Body1, Button, Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { t, type Locale } from "../i18n";
import { p } from "./strings";
import { droppedFiles, inputFiles, type Picked } from "./files";

const useStyles = makeStyles({
  zone: {
    display: "flex", flexDirection: "column", alignItems: "center", gap: tokens.spacingVerticalS, padding: tokens.spacingVerticalXL,
    border: `2px dashed ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusLarge, backgroundColor: tokens.colorNeutralBackground2,
  },
  over: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", justifyContent: "center" },
});

export function DropZone(props: { locale: Locale; folders: boolean; disabled?: boolean; hint?: string; testId: string; onFiles: (files: Picked<File>[]) => void }) {
  const styles = useStyles();
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const { locale } = props;
  return (
    <div
      className={mergeClasses("no-print", styles.zone, over && styles.over)}
      data-testid={props.testId}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!props.disabled) void droppedFiles(e.dataTransfer).then(props.onFiles);
      }}
    >
      <Body1>{p("dropHere", locale)}</Body1>
      <div className={styles.row}>
        <Button disabled={props.disabled} onClick={() => files.current?.click()}>
          {t("chooseFiles", locale)}
        </Button>
        {props.folders ? (
          <Button disabled={props.disabled} onClick={() => folder.current?.click()}>
            {p("chooseFolder", locale)}
          </Button>
        ) : null}
      </div>
      {props.hint ? <Caption1 data-testid={`${props.testId}-chosen`}>{props.hint}</Caption1> : null}
      <input
        ref={files}
        type="file"
        accept=".xlsx"
        multiple
        hidden
        data-testid={`${props.testId}-files`}
        onChange={(e) => {
          props.onFiles(inputFiles(e.currentTarget.files));
          e.currentTarget.value = ""; // the same files may be chosen again
        }}
      />
      {props.folders ? (
        <input
          ref={folder}
          type="file"
          hidden
          data-testid={`${props.testId}-folder`}
          // Not in React's typings: the attribute that makes Chromium's picker choose a folder.
          {...{ webkitdirectory: "" }}
          onChange={(e) => {
            props.onFiles(inputFiles(e.currentTarget.files));
            e.currentTarget.value = "";
          }}
        />
      ) : null}
    </div>
  );
}
