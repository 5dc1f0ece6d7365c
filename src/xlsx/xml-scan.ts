/**
 * A strict XML scanner for the OOXML parts a return is read from: a pull tokenizer over one whole part.
 *
 * Why not a library: saxes (conformant, character by character) and htmlparser2 read a table sheet — 100 KB,
 * three quarters of it formula text dense with &quot; — in 2–3.5 ms here, and the office reads thousands of
 * returns. This scanner jumps from markup to markup with indexOf and hands out positions, not strings: a
 * reader asks for the few names, attributes and texts it needs, and nothing else is ever cut out of the part
 * or decoded. It is checked against saxes on every golden return and on generated documents
 * (test/xml-scan.test.ts).
 *
 * It accepts what OOXML parts contain — one root element, attributes in single or double quotes, text,
 * the five predefined entities and character references, CDATA, comments, processing instructions — and
 * refuses the rest with a reason: a DOCTYPE (so no entity declarations, no external entities), an unknown
 * entity or malformed reference anywhere (also in text and attributes nobody reads), a repeated attribute
 * (two parsers could each believe a different one), unbalanced or misnamed end tags, text or a second
 * element outside the root, '<' in an attribute value, a truncated document, nesting beyond a depth.
 *
 * The part is given whole (its size is bounded by the reader's limits before it gets here). The scanner's
 * text may be the part's bytes one character each (XmlSource: Node's latin1 view, ten times faster to make
 * than UTF-8 decoding), so positions are byte offsets and only the texts asked for are decoded as UTF-8.
 */

/**
 * An element's attributes in document order as name, value, name, value… (what `attributes()` and the
 * event adapter give; the pull readers use positions instead). Read one with `attr`.
 */
export type Attrs = readonly string[];

/** The value of attribute `name` (its full name, prefix included), if the element has it. */
export function attr(attrs: Attrs, name: string): string | undefined {
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === name) return attrs[i + 1];
  return undefined;
}

/** Events of a whole document, for readers that want strings (scanXml). */
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

/**
 * The text the scanner reads and how a range of it becomes real text. `text` has one character per unit of
 * input and `decode(from, to)` gives the characters of [from, to) (a UTF-8 decoding when `text` is the bytes'
 * latin1 view); scanning starts at `start` (after a byte-order mark).
 */
export interface XmlSource {
  text: string;
  start: number;
  decode(from: number, to: number): string;
}

/** A document that is already a string. */
export function stringSource(text: string): XmlSource {
  return { text, start: text.charCodeAt(0) === 0xfeff ? 1 : 0, decode: (from, to) => text.slice(from, to) };
}

/** What `next()` returns. */
export const DONE = 0;
export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const NAMED_FIRST: [string, string][] = [["&quot;", '"'], ["&lt;", "<"], ["&gt;", ">"], ["&apos;", "'"]];
/** Longest reference between "&" and ";" ("#x10FFFF", "quot"…, with room for leading zeros). */
const MAX_REFERENCE = 12;

/**
 * Names SafeScore accepts: ASCII letters, "_" or ":" first, then letters, digits, "-", "_", ":" and "." (the
 * parts of an .xlsx use no other). Checked by a table, char by char.
 */
const NAME_CHAR = new Uint8Array(128); // 1: may start a name, 2: may follow
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) NAME_CHAR[c] = 3;
  else if (/[-0-9.]/.test(ch)) NAME_CHAR[c] = 2;
}

/** Whitespace as XML defines it (space, tab, CR, LF), by char code. */
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** XML's end-of-line handling: CR LF and a lone CR are read as LF (a &#13; reference stays CR). */
const newlines = (s: string) => (s.indexOf("\r") < 0 ? s : s.replace(/\r\n?/g, "\n"));

/** Text with its references resolved (they were checked when scanned). */
function unescape(s: string): string {
  if (s.indexOf("&") < 0) return s;
  // Formula text holds thousands of &quot;: the named references but &amp; go by native replaceAll. &amp;
  // goes last, in the loop below, so that the "&" it yields is never read as the start of another reference.
  for (const [ref, ch] of NAMED_FIRST) if (s.indexOf(ref) >= 0) s = s.replaceAll(ref, ch);
  let amp = s.indexOf("&");
  if (amp < 0) return s;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    const semi = s.indexOf(";", amp + 1);
    out += s.slice(from, amp) + referenceText(s.slice(amp + 1, semi));
    from = semi + 1;
    amp = s.indexOf("&", from);
  }
  return out + s.slice(from);
}

/** The character of one reference, "quot" or "#x41" (between & and ;), or null when it is not one. */
function referenceText(ref: string): string | null {
  if (ref.charCodeAt(0) !== 35 /* # */) return PREDEFINED[ref] ?? null;
  const hex = ref.charCodeAt(1) === 120; /* x */
  const digits = ref.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) return null;
  const code = parseInt(digits, hex ? 16 : 10);
  const legal = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  return legal ? String.fromCodePoint(code) : null;
}

/** Attributes an element may have before a repeat is looked for in a Set instead of pair by pair. */
const FEW_ATTRIBUTES = 16;
/** Attribute values up to this long are measured by a loop, longer ones by indexOf. */
const SHORT_VALUE = 16;

export class XmlPull {
  private readonly s: string;
  private readonly decodeRange: (from: number, to: number) => string;
  /** Where scanning goes on. */
  private i: number;
  /** The next "&" at or after the scanning position (s.length when none): every reference is checked once, in passing. */
  private ampAt: number;
  /** The next "<" after a start tag, found when checking its attribute values: where the text after it ends. */
  private ltAt = -1;
  private rootSeen = false;
  /** The current OPEN was an empty element: its CLOSE comes next. */
  private pendingClose = false;
  /** Open elements' names, as ranges (from, to). */
  private readonly stack: Int32Array;
  /** Elements open, the current one included. */
  depth = 0;

  // The current token: OPEN and CLOSE set the name, OPEN the attributes, TEXT the text range.
  private nameFrom = 0;
  private nameTo = 0;
  private localFrom = 0;
  /** Attributes of the current OPEN: key from, key to, value from, value to. */
  private attrs = new Int32Array(4 * FEW_ATTRIBUTES);
  attrCount = 0;
  private textFrom = 0;
  private textTo = 0;
  /** The current TEXT is a CDATA section (taken as it is). */
  private cdata = false;
  /**
   * The end of the current TEXT while its references are not yet checked: they are checked when it is read, or
   * when the next token is asked for — unless a reader found it equal to a text it read before (textIsRaw).
   */
  private textUnchecked = 0;
  private textKnown = false;

  constructor(
    source: XmlSource,
    private readonly maxDepth: number,
  ) {
    this.s = source.text;
    this.decodeRange = source.decode;
    this.i = source.start;
    this.ampAt = this.indexOrEnd("&", source.start);
    this.stack = new Int32Array(2 * (maxDepth + 1));
  }

  private indexOrEnd(what: string, from: number): number {
    const at = this.s.indexOf(what, from);
    return at < 0 ? this.s.length : at;
  }

  /** The line of offset `at` (computed only when an error is reported). */
  lineAt(at: number): number {
    let line = 1;
    for (let i = this.s.indexOf("\n"); i >= 0 && i < at; i = this.s.indexOf("\n", i + 1)) line++;
    return line;
  }

  private fail(at: number, why: string): never {
    throw new XmlSyntaxError(why, this.lineAt(at));
  }

  /** Skips to `to` (after a comment, a processing instruction, CDATA: no references there). */
  private skipTo(to: number): void {
    this.i = to;
    if (this.ampAt < to) this.ampAt = this.indexOrEnd("&", to);
  }

  /** Checks every reference that starts before `to` (all of them after the last check). */
  private checkReferences(to: number): void {
    const s = this.s;
    while (this.ampAt < to) {
      const amp = this.ampAt;
      // The references OOXML is full of (&quot; in every formula), by their characters; the rest by the table.
      let semi: number;
      const c = s.charCodeAt(amp + 1);
      if (c === 113 /* q */ && s.startsWith("quot;", amp + 1)) semi = amp + 5;
      else if (c === 97 /* a */ && s.startsWith("amp;", amp + 1)) semi = amp + 4;
      else if ((c === 108 /* l */ || c === 103) /* g */ && s.startsWith("t;", amp + 2)) semi = amp + 3;
      else semi = this.otherReference(amp);
      this.ampAt = this.indexOrEnd("&", semi + 1);
    }
  }

  /** Checks a reference other than &quot; &amp; &lt; &gt; at `amp`; returns where its ";" is. */
  private otherReference(amp: number): number {
    const s = this.s;
    let semi = -1;
    for (let k = amp + 1; k < s.length && k <= amp + MAX_REFERENCE + 1; k++) {
      if (s.charCodeAt(k) === 59 /* ; */) {
        semi = k;
        break;
      }
    }
    if (semi < 0) this.fail(amp, "“&” 未转义 / unescaped '&'");
    const ref = s.slice(amp + 1, semi);
    if (referenceText(ref) === null) {
      if (ref.charCodeAt(0) === 35) this.fail(amp, `无效的字符引用 &${ref}; / invalid character reference &${ref};`);
      this.fail(amp, `未定义的实体 &${ref}; / undefined entity &${ref};`);
    }
    return semi;
  }

  /** The next token: OPEN, CLOSE, TEXT, or DONE at the end of a well-formed document. */
  next(): number {
    if (this.textUnchecked > 0) {
      if (!this.textKnown) this.checkReferences(this.textUnchecked);
      else if (this.ampAt < this.textUnchecked) this.ampAt = this.indexOrEnd("&", this.textUnchecked);
      this.textUnchecked = 0;
      this.textKnown = false;
    }
    if (this.pendingClose) {
      this.pendingClose = false;
      this.depth--;
      return CLOSE;
    }
    const s = this.s;
    for (;;) {
      const i = this.i;
      if (i >= s.length) {
        if (this.depth > 0) {
          const open = this.nameAt(this.depth - 1);
          this.fail(i, `文档不完整：<${open.slice(0, 40)}> 未结束 / unexpected end: <${open.slice(0, 40)}> is not closed`);
        }
        if (!this.rootSeen) this.fail(0, "没有根元素 / no root element");
        return DONE;
      }
      if (s.charCodeAt(i) !== 60 /* < */) {
        let j = this.ltAt > i ? this.ltAt : s.indexOf("<", i);
        if (j < 0) j = s.length;
        this.i = j;
        if (this.depth === 0) {
          for (let k = i; k < j; k++) if (!isSpace(s.charCodeAt(k))) this.fail(k, "根元素之外有文本 / text outside the root element");
          continue;
        }
        this.textFrom = i;
        this.textTo = j;
        this.cdata = false;
        this.textUnchecked = j;
        return TEXT;
      }
      const c = s.charCodeAt(i + 1);
      if (c === 33 /* ! */) {
        if (s.startsWith("<!--", i)) {
          const end = s.indexOf("-->", i + 4);
          if (end < 0) this.fail(i, "文档不完整 / unexpected end of document");
          this.skipTo(end + 3);
          continue;
        }
        if (s.startsWith("<![CDATA[", i)) {
          const end = s.indexOf("]]>", i + 9);
          if (end < 0) this.fail(i, "文档不完整 / unexpected end of document");
          if (this.depth === 0) this.fail(i, "根元素之外有 CDATA / CDATA outside the root element");
          this.skipTo(end + 3);
          if (end === i + 9) continue;
          this.textFrom = i + 9;
          this.textTo = end;
          this.cdata = true;
          return TEXT;
        }
        if (s.startsWith("<!DOCTYPE", i)) this.fail(i, "含有 DOCTYPE / has a DOCTYPE");
        if (i + 9 > s.length && ["<![CDATA[", "<!--", "<!DOCTYPE"].some((m) => m.startsWith(s.slice(i)))) this.fail(i, "文档不完整 / unexpected end of document");
        this.fail(i, "不支持的声明 / unsupported declaration");
      }
      if (c === 63 /* ? */) {
        const end = s.indexOf("?>", i + 2);
        if (end < 0) this.fail(i, "文档不完整 / unexpected end of document");
        this.skipTo(end + 2);
        continue;
      }
      if (c === 47 /* / */) return this.endTag(i);
      if (i + 1 >= s.length) this.fail(i, "文档不完整 / unexpected end of document");
      return this.startTag(i);
    }
  }

  /** The name of open element `k` (0: the root). */
  private nameAt(k: number): string {
    return this.s.slice(this.stack[2 * k], this.stack[2 * k + 1]);
  }

  /** The end of the name starting at `p` (p itself when there is none). */
  private nameEnd(p: number): number {
    const s = this.s;
    const first = s.charCodeAt(p);
    if (!(first < 128 && (NAME_CHAR[first] & 1) !== 0)) return p;
    for (p++; p < s.length; p++) {
      const c = s.charCodeAt(p);
      if (c >= 128 || NAME_CHAR[c] === 0) break;
    }
    return p;
  }

  private setName(from: number, to: number): void {
    this.nameFrom = from;
    this.nameTo = to;
    let local = from;
    for (let k = from; k < to; k++) if (this.s.charCodeAt(k) === 58 /* : */) local = k + 1;
    this.localFrom = local;
  }

  private endTag(i: number): number {
    const s = this.s;
    const top = this.depth - 1;
    const from = top < 0 ? 0 : this.stack[2 * top];
    const to = top < 0 ? 0 : this.stack[2 * top + 1];
    // The usual end tag is the open element's name and ">": its end is known without a search.
    const end = top >= 0 && s.charCodeAt(i + 2 + to - from) === 62 ? i + 2 + to - from : s.indexOf(">", i + 2);
    if (end < 0) this.fail(i, "文档不完整 / unexpected end of document");
    if (this.depth === 0) this.fail(i, `多余的结束标记 </${s.slice(i + 2, end).trimEnd().slice(0, 40)}> / unexpected end tag`);
    let matches = i + 2 + (to - from) <= end;
    for (let k = 0; matches && k < to - from; k++) matches = s.charCodeAt(from + k) === s.charCodeAt(i + 2 + k);
    for (let k = i + 2 + (to - from); matches && k < end; k++) matches = isSpace(s.charCodeAt(k));
    if (!matches) {
      const name = s.slice(i + 2, end).trimEnd().slice(0, 40);
      const open = this.nameAt(top).slice(0, 40);
      this.fail(i, `结束标记 </${name}> 与 <${open}> 不匹配 / end tag does not match <${open}>`);
    }
    this.depth--;
    this.setName(from, to);
    this.i = end + 1;
    return CLOSE;
  }

  private startTag(i: number): number {
    const s = this.s;
    const nameFrom = i + 1;
    let p = this.nameEnd(nameFrom);
    const nameTo = p;
    let c = s.charCodeAt(p);
    if (p === nameFrom || (p < s.length && !isSpace(c) && c !== 62 && c !== 47)) {
      let to = p;
      while (to < s.length && !isSpace(s.charCodeAt(to)) && s.charCodeAt(to) !== 62 && s.charCodeAt(to) !== 47) to++;
      this.fail(i, `无效的元素名“${s.slice(nameFrom, to).slice(0, 40)}” / invalid element name`);
    }
    let n = 0; // ints of `attrs` in use
    let keys: Set<string> | null = null;
    let empty = false;
    for (;;) {
      while (p < s.length && isSpace(s.charCodeAt(p))) p++;
      if (p >= s.length) this.fail(i, "文档不完整 / unexpected end of document");
      c = s.charCodeAt(p);
      if (c === 62 /* > */) {
        p++;
        break;
      }
      if (c === 47 /* / */) {
        if (p + 1 >= s.length) this.fail(i, "文档不完整 / unexpected end of document");
        if (s.charCodeAt(p + 1) !== 62) this.fail(p, "标记中有多余的“/” / stray '/' in a tag");
        p += 2;
        empty = true;
        break;
      }
      const keyFrom = p;
      p = this.nameEnd(p);
      const keyTo = p;
      while (p < s.length && isSpace(s.charCodeAt(p))) p++;
      if (keyTo === keyFrom || (p < s.length && s.charCodeAt(p) !== 61 /* = */)) {
        const key = s.slice(keyFrom, Math.max(keyTo, keyFrom + 1));
        this.fail(keyFrom, `无效的属性名“${key.slice(0, 40)}” / invalid attribute name`);
      }
      p++;
      while (p < s.length && isSpace(s.charCodeAt(p))) p++;
      if (p >= s.length) this.fail(i, "文档不完整 / unexpected end of document");
      const quote = s.charCodeAt(p);
      if (quote !== 34 && quote !== 39) this.fail(p, `属性 ${s.slice(keyFrom, keyTo).slice(0, 40)} 的值缺少引号 / attribute value not quoted`);
      // Most values are a few characters (r="B12", s="3"): a loop finds their end before a call to indexOf would.
      let close = p + 1;
      while (close < s.length && close - p <= SHORT_VALUE && s.charCodeAt(close) !== quote) close++;
      if (close >= s.length || s.charCodeAt(close) !== quote) close = s.indexOf(quote === 34 ? '"' : "'", close);
      if (close < 0) this.fail(i, "文档不完整 / unexpected end of document");
      // A repeated attribute: pair by pair among a few, by a Set beyond.
      let repeated = false;
      if (n < 4 * FEW_ATTRIBUTES) {
        for (let k = 0; k < n && !repeated; k += 4) repeated = this.sameRange(this.attrs[k], this.attrs[k + 1], keyFrom, keyTo);
      } else {
        if (!keys) {
          keys = new Set();
          for (let k = 0; k < n; k += 4) keys.add(s.slice(this.attrs[k], this.attrs[k + 1]));
        }
        repeated = keys.has(s.slice(keyFrom, keyTo));
        keys.add(s.slice(keyFrom, keyTo));
      }
      if (repeated) {
        const key = s.slice(keyFrom, keyTo).slice(0, 40);
        this.fail(keyFrom, `属性 ${key} 重复 / repeated attribute ${key}`);
      }
      if (n + 4 > this.attrs.length) {
        const grown = new Int32Array(this.attrs.length * 2);
        grown.set(this.attrs);
        this.attrs = grown;
      }
      this.attrs[n] = keyFrom;
      this.attrs[n + 1] = keyTo;
      this.attrs[n + 2] = p + 1;
      this.attrs[n + 3] = close;
      n += 4;
      p = close + 1;
      if (p < s.length) {
        c = s.charCodeAt(p);
        if (!isSpace(c) && c !== 62 && c !== 47) this.fail(p, "属性之间缺少空格 / no space between attributes");
      }
    }
    // A "<" before the tag's end can only be inside an attribute value. The "<" after it ends the text that follows.
    const lt = s.indexOf("<", i + 1);
    if (lt >= 0 && lt < p) {
      let k = 0;
      while (k < n && !(this.attrs[k + 2] <= lt && lt < this.attrs[k + 3])) k += 4;
      this.fail(lt, `属性 ${s.slice(this.attrs[k], this.attrs[k + 1]).slice(0, 40)} 的值含有“<” / '<' in an attribute value`);
    }
    this.ltAt = lt;
    this.checkReferences(p);
    if (this.depth === 0) {
      if (this.rootSeen) this.fail(i, "有多个根元素 / more than one root element");
      this.rootSeen = true;
    }
    if (this.depth + 1 > this.maxDepth) throw new XmlDepthError(this.lineAt(i));
    this.setName(nameFrom, nameTo);
    this.attrCount = n / 4;
    if (empty) this.pendingClose = true;
    else {
      this.stack[2 * this.depth] = nameFrom;
      this.stack[2 * this.depth + 1] = nameTo;
    }
    this.depth++;
    this.i = p;
    return OPEN;
  }

  private sameRange(aFrom: number, aTo: number, bFrom: number, bTo: number): boolean {
    if (aTo - aFrom !== bTo - bFrom) return false;
    for (let k = 0; k < aTo - aFrom; k++) if (this.s.charCodeAt(aFrom + k) !== this.s.charCodeAt(bFrom + k)) return false;
    return true;
  }

  // ------------------------------------------------------------------------------------------ the current token

  /** Is the current element's local name `name` ("c" for <c> and <x:c>)? */
  is(name: string): boolean {
    return this.sameAs(this.localFrom, this.nameTo, name);
  }

  /** Is [from, to) of the text `expected`? (Names are a few characters: a loop beats startsWith's call.) */
  private sameAs(from: number, to: number, expected: string): boolean {
    if (to - from !== expected.length) return false;
    for (let k = 0; k < expected.length; k++) if (this.s.charCodeAt(from + k) !== expected.charCodeAt(k)) return false;
    return true;
  }

  /** The length of the current element's local name, and its first character: to dispatch on without comparing strings. */
  get localLength(): number {
    return this.nameTo - this.localFrom;
  }

  get localFirst(): number {
    return this.s.charCodeAt(this.localFrom);
  }

  /** The current element's name, as written ("x:c"). */
  name(): string {
    return this.s.slice(this.nameFrom, this.nameTo);
  }

  /** The current element's local name ("c"). */
  localName(): string {
    return this.s.slice(this.localFrom, this.nameTo);
  }

  /** The index of the current element's attribute named `name` (prefix included), or -1. */
  attr(name: string): number {
    const a = this.attrs;
    for (let k = 0; k < this.attrCount; k++) {
      if (this.sameAs(a[4 * k], a[4 * k + 1], name)) return k;
    }
    return -1;
  }

  /** The index of the first attribute with a prefix and this local name ("r:id", whatever the prefix), or -1. */
  prefixedAttr(localName: string): number {
    for (let k = 0; k < this.attrCount; k++) {
      const name = this.attrName(k);
      if (name.includes(":") && local(name) === localName) return k;
    }
    return -1;
  }

  attrName(k: number): string {
    return this.s.slice(this.attrs[4 * k], this.attrs[4 * k + 1]);
  }

  /** Attribute `k`'s value as it reads: references resolved, line ends and tabs normalised as XML says. */
  value(k: number): string {
    const raw = this.decodeRange(this.attrs[4 * k + 2], this.attrs[4 * k + 3]);
    for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) < 32) return unescape(newlines(raw).replace(/[\t\n]/g, " "));
    return unescape(raw);
  }

  /** The value of the attribute named `name`, or undefined. */
  valueOf(name: string): string | undefined {
    const k = this.attr(name);
    return k < 0 ? undefined : this.value(k);
  }

  /** Is attribute `k`'s value `expected`? Without making a string when the value is plain ASCII. */
  valueIs(k: number, expected: string): boolean {
    const from = this.attrs[4 * k + 2];
    const to = this.attrs[4 * k + 3];
    for (let i = from; i < to; i++) {
      const c = this.s.charCodeAt(i);
      if (c === 38 || c < 32 || c >= 128) return this.value(k) === expected;
    }
    return this.sameAs(from, to, expected);
  }

  /** Attribute `k`'s value as written, for a value the reader has checked is plain ASCII without references. */
  valueRaw(k: number): string {
    return this.s.slice(this.attrs[4 * k + 2], this.attrs[4 * k + 3]);
  }

  /** Attribute `k`'s value range: [valueFrom(k), valueTo(k)) of the scanner's text (raw: references unresolved). */
  valueFrom(k: number): number {
    return this.attrs[4 * k + 2];
  }

  valueTo(k: number): number {
    return this.attrs[4 * k + 3];
  }

  /** All attributes as name, value, name, value… */
  attributes(): string[] {
    const out: string[] = [];
    for (let k = 0; k < this.attrCount; k++) out.push(this.attrName(k), this.value(k));
    return out;
  }

  /** The current text as it reads (references resolved, line ends normalised; CDATA as it is but for line ends). */
  text(): string {
    if (!this.cdata) this.checkReferences(this.textTo);
    const raw = newlines(this.decodeRange(this.textFrom, this.textTo));
    return this.cdata ? raw : unescape(raw);
  }

  /**
   * Is the current text exactly `raw` as written? For caches of texts read before, keyed by what a part says:
   * `raw` must come from rawText(), which checked its references, so this text's need no checking again.
   */
  textIsRaw(raw: string): boolean {
    // slice + === compares with memcmp, ten times faster than startsWith at a position (V8, long texts).
    const same = !this.cdata && this.textTo - this.textFrom === raw.length && this.s.slice(this.textFrom, this.textTo) === raw;
    if (same) this.textKnown = true;
    return same;
  }

  /** The current text as written, its references checked (a copy that keeps no part alive), for such a cache. */
  rawText(): string {
    if (!this.cdata) this.checkReferences(this.textTo);
    return (this.s.slice(this.textFrom, this.textTo) + " ").slice(0, -1);
  }

  /** Characters of the current text as written: an upper bound of its length as read. */
  get rawTextLength(): number {
    return this.textTo - this.textFrom;
  }

  /** The character code at `at` of the scanner's text: for readers that parse a value in place (cell addresses). */
  charAt(at: number): number {
    return this.s.charCodeAt(at);
  }
}

/** A whole document as string events (for readers that are not hot: the workbook, its relationships, Word files). */
export function scanXml(source: XmlSource, events: XmlEvents, maxDepth: number): void {
  const x = new XmlPull(source, maxDepth);
  for (let k = x.next(); k !== DONE; k = x.next()) {
    if (k === OPEN) events.open(x.localName(), x.attrCount === 0 ? [] : x.attributes());
    else if (k === CLOSE) events.close(x.localName());
    else events.text(x.text());
  }
}
