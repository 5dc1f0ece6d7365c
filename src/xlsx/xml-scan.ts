/**
 * A strict, streaming scanner for the XML of the OOXML parts a return is read from.
 *
 * Why not a library: saxes (conformant, character by character) and htmlparser2 read a format-2 table sheet
 * — 234 KB, nine tenths of it formula text dense with &quot; — in 2–3.5 ms here, most of what reading and
 * scoring one return costs, and the office reads thousands. This scanner jumps from markup to markup with
 * indexOf and reads the same sheet in a few tenths of a millisecond. It is checked against saxes on every
 * golden return and on generated documents (test/xml-scan.test.ts).
 *
 * It accepts what OOXML parts contain — one root element, attributes in single or double quotes, text,
 * the five predefined entities and character references, CDATA, comments, processing instructions — and
 * refuses the rest with a reason: a DOCTYPE (so no entity declarations, no external entities), an unknown
 * entity, a repeated attribute (two parsers could each believe a different one), unbalanced or misnamed
 * end tags, text or a second element outside the root, '<' in an attribute value, a truncated document.
 * Memory is bounded whatever the input: text is passed on as it arrives, and an unfinished piece of
 * markup carried from one chunk to the next may not exceed MAX_MARKUP.
 */

/**
 * An element's attributes in document order as name, value, name, value… — not an object: adding properties
 * named by strings just cut from the text made V8 look each name up in its string table, a tenth of the
 * scanning time. Read one with `attr`.
 */
export type Attrs = readonly string[];

/** The value of attribute `name` (its full name, prefix included), if the element has it. */
export function attr(attrs: Attrs, name: string): string | undefined {
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === name) return attrs[i + 1];
  return undefined;
}

/** The attributes of an element that has none (most have none: <v>, <f>, <si>, <t>…). */
const NO_ATTRS: Attrs = Object.freeze([]);

/** Attributes an element may have before a repeat is looked for in a Set instead of pair by pair. */
const FEW_ATTRIBUTES = 16;

export interface XmlEvents {
  open(name: string, attrs: Attrs): void;
  close(name: string): void;
  text(t: string): void;
}

/** Thrown for malformed XML; `line` is 1-based. */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Longest tag, comment or processing instruction carried between chunks (a real one is well under 1 KB). */
export const MAX_MARKUP = 64 * 1024;

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const NAMED_FIRST: [string, string][] = [["&quot;", '"'], ["&lt;", "<"], ["&gt;", ">"], ["&apos;", "'"]];
/**
 * Names SafeScore accepts: ASCII letters, "_" or ":" first, then letters, digits, "-", "_", ":" and "." (the
 * parts of an .xlsx use no other). Checked by a table, char by char: it runs for every tag and attribute.
 */
const NAME_CHAR = new Uint8Array(128); // 1: may start a name, 2: may follow
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) NAME_CHAR[c] = 3;
  else if (/[-0-9.]/.test(ch)) NAME_CHAR[c] = 2;
}
function isName(name: string): boolean {
  if (name.length === 0) return false;
  const first = name.charCodeAt(0);
  if (first >= 128 || (NAME_CHAR[first] & 1) === 0) return false;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 128 || NAME_CHAR[c] === 0) return false;
  }
  return true;
}

/** XML's end-of-line handling: CR LF and a lone CR are read as LF (a &#13; reference stays CR). */
const newlines = (s: string) => (s.indexOf("\r") < 0 ? s : s.replace(/\r\n?/g, "\n"));

/**
 * Long texts already resolved, by their raw form: every return of a rubric carries the same formulas, so
 * their text is resolved once per thread and then shared — no new string for the reader to hold and the
 * collector to sweep, and the reader's comparison with the plan's formula finds the very same string.
 */
const resolved = new Map<string, string>();
const RESOLVED_MIN_LENGTH = 64;
/** Characters the cache may hold (keys and values): a few MB, whatever the files. */
const RESOLVED_MAX_CHARS = 4_000_000;
let resolvedChars = 0;

/**
 * A copy of `s` that shares no memory with it. A slice of the decoded chunk would keep the whole chunk
 * alive for as long as the cache holds it; concatenating then slicing makes V8 copy the characters.
 */
const detached = (s: string) => (s + " ").slice(0, -1);

/** Text or an attribute value with its references resolved; throws on an unknown or malformed one. */
function unescape(text: string): string {
  if (text.indexOf("&") < 0) return text;
  if (text.length < RESOLVED_MIN_LENGTH) return unescapeNow(text);
  let out = resolved.get(text);
  if (out === undefined) {
    out = unescapeNow(text);
    if (resolvedChars + text.length + out.length > RESOLVED_MAX_CHARS) {
      resolved.clear();
      resolvedChars = 0;
    }
    resolved.set(detached(text), out);
    resolvedChars += text.length + out.length;
  }
  return out;
}

function unescapeNow(text: string): string {
  // Formula text holds thousands of &quot;: the named references but &amp; go by native replaceAll (a
  // callback or a loop per reference costs more than all the rest of the scanning). &amp; goes last, in
  // the loop below, so that the "&" it yields is never read as the start of another reference.
  let s = text;
  for (const [ref, ch] of NAMED_FIRST) if (s.indexOf(ref) >= 0) s = s.replaceAll(ref, ch);
  let amp = s.indexOf("&");
  if (amp < 0) return s;
  // Only &amp; left (the formulas' "&" operator)? Then it too goes by replaceAll.
  let onlyAmp = true;
  for (let i = amp; i >= 0 && onlyAmp; i = s.indexOf("&", i + 5)) onlyAmp = s.startsWith("&amp;", i);
  if (onlyAmp) return s.replaceAll("&amp;", "&");
  let out = "";
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(";", amp + 1);
    if (semi < 0 || semi - amp > 12) throw new Error("“&” 未转义 / unescaped '&'");
    out += s.slice(from, amp) + reference(s.slice(amp + 1, semi));
    from = semi + 1;
    amp = s.indexOf("&", from);
  }
  return out + s.slice(from);
}

/** The character of one reference, "quot" or "#x41" (between & and ;). */
function reference(ref: string): string {
  if (ref.charCodeAt(0) !== 35 /* # */) {
    const ch = PREDEFINED[ref];
    if (ch === undefined) throw new Error(`未定义的实体 &${ref}; / undefined entity &${ref};`);
    return ch;
  }
  const hex = ref[1] === "x";
  const digits = ref.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) throw new Error(`无效的字符引用 &${ref}; / invalid character reference &${ref};`);
  const code = parseInt(digits, hex ? 16 : 10);
  const legal = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  if (!legal) throw new Error(`无效的字符引用 &${ref}; / invalid character reference &${ref};`);
  return String.fromCodePoint(code);
}

/**
 * An attribute value as it reads: most are short and plain (r="E12", s="3"), so one pass looks for what
 * would need work — a control character (CR LF → LF, then tab and LF → space) or a reference ("&").
 */
function attributeValue(raw: string): string {
  let amp = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 32) return unescape(newlines(raw).replace(/[\t\n]/g, " "));
    if (c === 38) amp = true;
  }
  return amp ? unescape(raw) : raw;
}

/** Whitespace as XML defines it (space, tab, CR, LF), by char code. */
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

export class XmlScanner {
  /** Unconsumed input: an unfinished piece of markup or a reference split by a chunk boundary. */
  private buf = "";
  private readonly stack: string[] = [];
  private rootSeen = false;
  private linesBefore = 1;
  private started = false;
  /**
   * Where a start tag's attributes are collected, reused from tag to tag (never shortened, so it keeps its
   * room); each element then gets an exact copy, or NO_ATTRS. A new growing array per tag was a fifth of
   * what reading a return allocates.
   */
  private readonly scratch: string[] = [];

  constructor(
    private readonly events: XmlEvents,
    private readonly maxDepth: number,
  ) {}

  /** The line of offset `at` in the current buffer (computed only when an error is reported). */
  private lineAt(at: number): number {
    let line = this.linesBefore;
    for (let i = this.buf.indexOf("\n"); i >= 0 && i < at; i = this.buf.indexOf("\n", i + 1)) line++;
    return line;
  }

  private fail(at: number, why: string): never {
    throw new XmlSyntaxError(why, this.lineAt(at));
  }

  write(chunk: string): void {
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.buf = this.buf.length ? this.buf + chunk : chunk;
    const done = this.scan(false);
    // Keep only the unconsumed tail, counting the lines of what is dropped.
    for (let i = this.buf.indexOf("\n"); i >= 0 && i < done; i = this.buf.indexOf("\n", i + 1)) this.linesBefore++;
    this.buf = this.buf.slice(done);
    if (this.buf.length > MAX_MARKUP) this.fail(0, `标记过长（超过 ${MAX_MARKUP} 个字符）/ markup longer than ${MAX_MARKUP} characters`);
  }

  end(): void {
    const done = this.scan(true);
    if (done < this.buf.length) this.fail(done, "文档不完整 / unexpected end of document");
    if (this.stack.length) this.fail(this.buf.length, `文档不完整：<${this.stack[this.stack.length - 1]}> 未结束 / unexpected end: <${this.stack[this.stack.length - 1]}> is not closed`);
    if (!this.rootSeen) this.fail(0, "没有根元素 / no root element");
  }

  private text(from: number, to: number, at: number): void {
    if (from >= to) return;
    const raw = this.buf.slice(from, to);
    if (this.stack.length === 0) {
      if (!/^[ \t\r\n]*$/.test(raw)) this.fail(at, "根元素之外有文本 / text outside the root element");
      return;
    }
    let t: string;
    try {
      t = unescape(newlines(raw));
    } catch (e) {
      this.fail(at, (e as Error).message);
    }
    this.events.text(t);
  }

  /** Consumes complete tokens of `buf`; returns how far it got. At the end (`last`), text runs to the end. */
  private scan(last: boolean): number {
    const s = this.buf;
    let i = 0;
    while (i < s.length) {
      if (s.charCodeAt(i) !== 60 /* < */) {
        let j = s.indexOf("<", i);
        if (j < 0) {
          if (!last) {
            // Hold back a reference that may be cut by the chunk boundary.
            const amp = s.lastIndexOf("&");
            j = amp >= i && s.indexOf(";", amp) < 0 ? amp : s.length;
            // …and a CR that may be the first half of a CR LF.
            if (j === s.length && j > i && s.charCodeAt(j - 1) === 13) j--;
            if (j === i) return i;
          } else j = s.length;
        }
        this.text(i, j, i);
        i = j;
        continue;
      }
      const next = this.markup(s, i);
      if (next < 0) return i; // unfinished: wait for more
      i = next;
    }
    return i;
  }

  /** One piece of markup at `i` ("<"); the offset after it, or -1 when the buffer ends inside it. */
  private markup(s: string, i: number): number {
    const c = s.charCodeAt(i + 1);
    if (Number.isNaN(c)) return -1;
    if (c === 33 /* ! */) {
      if (s.startsWith("<!--", i)) {
        const end = s.indexOf("-->", i + 4);
        return end < 0 ? -1 : end + 3;
      }
      if (s.startsWith("<![CDATA[", i)) {
        const end = s.indexOf("]]>", i + 9);
        if (end < 0) return -1;
        if (this.stack.length === 0) this.fail(i, "根元素之外有 CDATA / CDATA outside the root element");
        this.events.text(newlines(s.slice(i + 9, end)));
        return end + 3;
      }
      if (s.length - i < 9 && ["<![CDATA[", "<!--", "<!DOCTYPE"].some((m) => m.startsWith(s.slice(i)))) return -1;
      if (s.startsWith("<!DOCTYPE", i)) this.fail(i, "含有 DOCTYPE / has a DOCTYPE");
      this.fail(i, "不支持的声明 / unsupported declaration");
    }
    if (c === 63 /* ? */) {
      const end = s.indexOf("?>", i + 2);
      return end < 0 ? -1 : end + 2;
    }
    if (c === 47 /* / */) {
      const end = s.indexOf(">", i + 2);
      if (end < 0) return -1;
      const open = this.stack.pop();
      // The usual case without a new string: the open element's name, then nothing but spaces.
      let matches = open !== undefined && s.startsWith(open, i + 2);
      for (let k = i + 2 + (open?.length ?? 0); matches && k < end; k++) matches = isSpace(s.charCodeAt(k));
      if (!matches) {
        const name = s.slice(i + 2, end).trimEnd();
        if (open === undefined) this.fail(i, `多余的结束标记 </${name.slice(0, 40)}> / unexpected end tag`);
        this.fail(i, `结束标记 </${name.slice(0, 40)}> 与 <${open.slice(0, 40)}> 不匹配 / end tag does not match <${open.slice(0, 40)}>`);
      }
      this.events.close(local(open!));
      return end + 1;
    }
    return this.startTag(s, i);
  }

  private startTag(s: string, i: number): number {
    let p = i + 1;
    for (let c = s.charCodeAt(p); p < s.length && !isSpace(c) && c !== 62 /* > */ && c !== 47 /* / */; c = s.charCodeAt(++p));
    if (p >= s.length) return -1;
    const name = s.slice(i + 1, p);
    if (!isName(name)) this.fail(i, `无效的元素名“${name.slice(0, 40)}” / invalid element name`);
    const scratch = this.scratch;
    let n = 0; // entries of scratch in use: name, value, name, value…
    let names: Set<string> | null = null;
    for (;;) {
      while (p < s.length && isSpace(s.charCodeAt(p))) p++;
      if (p >= s.length) return -1;
      const ch = s.charCodeAt(p);
      if (ch === 62 /* > */ || ch === 47 /* / */) {
        if (ch === 47) {
          if (p + 1 >= s.length) return -1;
          if (s.charCodeAt(p + 1) !== 62) this.fail(p, "标记中有多余的“/” / stray '/' in a tag");
        }
        this.element(name, n === 0 ? NO_ATTRS : scratch.slice(0, n), ch === 47, i);
        return p + (ch === 47 ? 2 : 1);
      }
      const eq = s.indexOf("=", p);
      if (eq < 0) return -1;
      const key = s.slice(p, eq).trimEnd();
      if (!isName(key)) this.fail(p, `无效的属性名“${key.slice(0, 40)}” / invalid attribute name`);
      let q = eq + 1;
      while (q < s.length && isSpace(s.charCodeAt(q))) q++;
      if (q >= s.length) return -1;
      const quote = s.charCodeAt(q) === 34 ? '"' : s.charCodeAt(q) === 39 ? "'" : "";
      if (quote === "") this.fail(q, `属性 ${key.slice(0, 40)} 的值缺少引号 / attribute value not quoted`);
      const close = s.indexOf(quote, q + 1);
      if (close < 0) return -1;
      const raw = s.slice(q + 1, close);
      if (raw.indexOf("<") >= 0) this.fail(q, `属性 ${key.slice(0, 40)} 的值含有“<” / '<' in an attribute value`);
      if (n < 2 * FEW_ATTRIBUTES) {
        for (let k = 0; k < n; k += 2) if (scratch[k] === key) this.fail(p, `属性 ${key.slice(0, 40)} 重复 / repeated attribute ${key.slice(0, 40)}`);
      } else {
        names ??= new Set(scratch.slice(0, n).filter((_, k) => k % 2 === 0));
        if (names.has(key)) this.fail(p, `属性 ${key.slice(0, 40)} 重复 / repeated attribute ${key.slice(0, 40)}`);
        names.add(key);
      }
      try {
        const value = attributeValue(raw);
        scratch[n++] = key;
        scratch[n++] = value;
      } catch (e) {
        this.fail(q, (e as Error).message);
      }
      p = close + 1;
      const after = s.charCodeAt(p);
      if (p < s.length && !isSpace(after) && after !== 62 && after !== 47) this.fail(p, "属性之间缺少空格 / no space between attributes");
    }
  }

  private element(name: string, attrs: Attrs, empty: boolean, at: number): void {
    if (this.stack.length === 0) {
      if (this.rootSeen) this.fail(at, "有多个根元素 / more than one root element");
      this.rootSeen = true;
    }
    if (this.stack.length + 1 > this.maxDepth) throw new XmlDepthError(this.lineAt(at));
    this.events.open(local(name), attrs);
    if (empty) this.events.close(local(name));
    else this.stack.push(name);
  }
}

/** Nesting beyond the allowed depth (reported apart: it is a limit, not a syntax error). */
export class XmlDepthError extends XmlSyntaxError {
  constructor(line: number) {
    super("XML nested too deep", line);
  }
}

/** Local name: "x:c" → "c" (some producers prefix the spreadsheetml namespace). */
export const local = (name: string) => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};
