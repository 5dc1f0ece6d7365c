/**
 * A Word file (.docx) → the neutral table shape: the body's paragraphs and its tables' rows, in order.
 *
 * Only `word/document.xml` is inflated, through the same bounded unzip and strict XML scanner that
 * read returned workbooks (src/xlsx/stream-read.ts, xml-scan.ts): inflated bytes are counted (a zip bomb stops
 * at the limit), a DOCTYPE or an entity is refused, no DOM is built. Paragraphs outside tables become rows of
 * one cell (the notice's title, "附件2", veto rules); a table row (w:tr) becomes a row whose cells (w:tc)
 * hold their paragraphs as lines and their grid column (w:gridSpan counted); a vertically merged
 * continuation cell is empty. `line` is the block's position in the body: paragraph or table row, 1-based.
 */
import { WorkbookError } from "../layout/read";
import { DEFAULT_LIMITS, readXmlPart } from "../xlsx/stream-read";
import { attr, local, type Attrs } from "../xlsx/xml-scan";
import { IMPORT_LIMITS, ImportError, checkSize, type Cell, type Row, type Table } from "./table";

const DOCUMENT = "word/document.xml";

export function readDocx(bytes: Uint8Array): Table {
  checkSize(bytes, "文件");
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new ImportError("不是 Word 文件（.docx 应为 zip 压缩包）", "not a Word file (a .docx is a zip archive)");
  }
  const rows: Row[] = [];
  let found = false;
  let chars = 0;
  let block = 0;
  // Where we are: table nesting, the current row and cell, the paragraph's text.
  let tables = 0;
  let row: Row | null = null;
  let cell: Cell | null = null;
  let column = 0;
  let para: string | null = null;
  let inText = false;

  const endParagraph = () => {
    if (para === null) return;
    const text = para.replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
    para = null;
    if (!text) return;
    if (text.length > IMPORT_LIMITS.maxLineChars) throw new ImportError(`第 ${block} 段过长`, `block ${block} is too long`);
    chars += text.length;
    if (chars > IMPORT_LIMITS.maxChars) {
      throw new ImportError(`文档文字过多（超过 ${IMPORT_LIMITS.maxChars} 个字符）`, `the document holds more than ${IMPORT_LIMITS.maxChars} characters`);
    }
    if (cell) cell.lines.push({ text, line: block });
    else if (tables === 0) rows.push({ cells: [{ lines: [{ text, line: block }] }] });
  };
  const nextBlock = () => {
    if (++block > IMPORT_LIMITS.maxLines) {
      throw new ImportError(`文档段落和表格行过多（超过 ${IMPORT_LIMITS.maxLines}）`, `the document has more than ${IMPORT_LIMITS.maxLines} paragraphs and rows`);
    }
  };

  const events = {
    open(name: string, attrs: Attrs) {
      switch (local(name)) {
        case "tbl":
          tables++;
          break;
        case "tr":
          if (tables === 1) {
            nextBlock();
            row = { cells: [] };
            column = 0;
          }
          break;
        case "tc":
          if (tables === 1 && row) {
            cell = { lines: [], column };
            row.cells.push(cell);
          }
          break;
        case "gridSpan":
          if (tables === 1 && cell) column += Math.max(1, Math.min(64, Number(attr(attrs, "w:val") ?? "1") || 1)) - 1;
          break;
        case "p":
          if (tables === 0) nextBlock();
          // A nested table's paragraphs join the outer cell's lines.
          para = "";
          break;
        case "t":
          inText = true;
          break;
        case "tab":
          if (para !== null) para += "\t";
          break;
        case "br":
        case "cr":
          // A line break inside a paragraph: a new line of the cell.
          if (para !== null) {
            endParagraph();
            para = "";
          }
          break;
      }
    },
    close(name: string) {
      switch (local(name)) {
        case "tbl":
          tables--;
          break;
        case "tr":
          if (tables === 1 && row) {
            if (row.cells.some((c) => c.lines.length)) rows.push(row);
            row = null;
          }
          break;
        case "tc":
          if (tables === 1) {
            cell = null;
            column++;
          }
          break;
        case "p":
          endParagraph();
          break;
        case "t":
          inText = false;
          break;
      }
    },
    text(t: string) {
      if (inText && para !== null) {
        para += t;
        if (para.length > IMPORT_LIMITS.maxLineChars) throw new ImportError(`第 ${block} 段过长`, `block ${block} is too long`);
      }
    },
  };

  const limits = { ...DEFAULT_LIMITS, maxEntryBytes: 32 * 1024 * 1024, maxTotalBytes: 32 * 1024 * 1024 };
  try {
    found = readXmlPart(bytes, limits, DOCUMENT, events);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    if (e instanceof WorkbookError) {
      const [zh, en = zh] = e.message.split(" / ");
      throw new ImportError(zh, en);
    }
    const why = e instanceof Error ? e.message : String(e);
    throw new ImportError(`Word 文件已损坏（${why}）`, `the Word file is damaged: ${why}`);
  }
  if (!found) throw new ImportError(`不是 Word 文件（缺少 ${DOCUMENT}）`, `not a Word file (no ${DOCUMENT})`);
  return { kind: "docx", rows };
}
