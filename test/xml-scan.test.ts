/**
 * The hand-written XML scanner (src/xlsx/xml-scan.ts) against saxes, a conformant parser, as the oracle:
 * the same events for every part of every golden return and for generated documents, read from a string, from
 * UTF-8 bytes through Node's codec (latin1 view, positions are bytes) and through the portable one; both
 * refuse the same malformed documents; hostile input costs time linear in its size.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { DONE, OPEN, TEXT, XmlDepthError, XmlPull, XmlSyntaxError, local, scanXml, stringSource, type XmlSource } from "../src/xlsx/xml-scan";
import { nodeCodec } from "../src/xlsx/codec-node";
import { portableCodec } from "../src/xlsx/codec";

type Event = ["open", string, Record<string, string>] | ["close", string] | ["text", string];

/** Adjacent text events merged: how text is cut into events is not part of the contract. */
function push(events: Event[], e: Event) {
  const last = events[events.length - 1];
  if (e[0] === "text" && last?.[0] === "text") last[1] += e[1];
  else if (!(e[0] === "text" && e[1] === "")) events.push(e);
}

function withSaxes(xml: string): Event[] {
  const events: Event[] = [];
  const p = new SaxesParser({ xmlns: false });
  // Whitespace around the root is no text of the document (the scanner does not report it).
  let depth = 0;
  p.on("opentag", (t) => (depth++, push(events, ["open", local(t.name), { ...(t.attributes as Record<string, string>) }])));
  p.on("closetag", (t) => (depth--, push(events, ["close", local(t.name)])));
  p.on("text", (t) => depth > 0 && push(events, ["text", t]));
  p.on("cdata", (t) => push(events, ["text", t]));
  p.on("doctype", () => {
    throw new Error("DOCTYPE");
  });
  p.write(xml);
  p.close();
  return events;
}

/** The document as each source the reader makes: a string, and its UTF-8 bytes through both codecs. */
const SOURCES: [string, (xml: string) => XmlSource][] = [
  ["string", stringSource],
  ["bytes, Node's codec", (xml) => nodeCodec.xml(new TextEncoder().encode(xml))!],
  ["bytes, portable codec", (xml) => portableCodec.xml(new TextEncoder().encode(xml))!],
];

function withScanner(xml: string, source = stringSource, maxDepth = 64): Event[] {
  const events: Event[] = [];
  scanXml(
    source(xml),
    {
      open: (name, attrs) => push(events, ["open", name, Object.fromEntries(attrs.flatMap((a, k) => (k % 2 === 0 ? [[a, attrs[k + 1]]] : [])))]),
      close: (name) => push(events, ["close", name]),
      text: (t) => push(events, ["text", t]),
    },
    maxDepth,
  );
  return events;
}

const GOLDEN = join(__dirname, "golden");
const goldenParts = ["format-1", "format-2"].flatMap((dir) =>
  readdirSync(join(GOLDEN, dir))
    .filter((f) => f.endsWith(".xlsx"))
    .flatMap((f) =>
      Object.entries(unzipSync(new Uint8Array(readFileSync(join(GOLDEN, dir, f)))))
        .filter(([name]) => name.endsWith(".xml") || name.endsWith(".rels"))
        .map(([name, bytes]) => [`${dir}/${f}:${name}`, new TextDecoder().decode(bytes)] as const),
    ),
);

describe("the scanner reads what saxes reads", () => {
  test.each(SOURCES)("every part of every golden return (made by SafeScore, re-saved by LibreOffice and openpyxl), from a %s", (_how, source) => {
    expect(goldenParts.length).toBeGreaterThan(100);
    for (const [name, xml] of goldenParts) expect({ name, events: withScanner(xml, source) }).toEqual({ name, events: withSaxes(xml) });
  });

  // Generated documents: names with prefixes, attributes in either quote, entities and character references
  // in text and attributes, CDATA, comments, processing instructions, CR LF line ends, whitespace.
  const nameArb = fc.constantFrom("c", "x:c", "row", "f", "v", "si", "t", "a_b", "r.1");
  const textArb = fc
    .array(fc.constantFrom("a", "中", " ", "\n", "\r\n", "\r", "\t", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#10;", "&#x4E2D;", "&#13;", "√", ">", "]", "'", '"'), { maxLength: 12 })
    .map((parts) => parts.join(""));
  const attrValueArb = (quote: string) => textArb.map((t) => t.replaceAll(quote, quote === '"' ? "&quot;" : "&apos;"));
  const attrsArb = fc.uniqueArray(fc.tuple(fc.constantFrom("r", "s", "t", "x:id", "ref", "ht"), fc.constantFrom('"', "'")), { selector: ([k]) => k, maxLength: 3 }).chain((keys) =>
    fc.tuple(...keys.map(([k, q]) => attrValueArb(q).map((v) => ` ${k}${fc.sample(fc.constantFrom("=", " = "), 1)[0]}${q}${v}${q}`))).map((parts) => parts.join("")),
  );
  const { tree } = fc.letrec<{ tree: string; node: string }>((tie) => ({
    tree: fc.tuple(nameArb, attrsArb, fc.array(tie("node"), { maxLength: 4 }), fc.boolean()).map(([n, a, kids, empty]) => (empty && !kids.length ? `<${n}${a}/>` : `<${n}${a}>${kids.join("")}</${n}>`)),
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      textArb,
      textArb.map((t) => `<![CDATA[${t.replaceAll("]]>", "")}]]>`),
      fc.constant("<!-- a comment -- with dashes? no: - -->"),
      fc.constant("<?pi data?>"),
      tie("tree"),
    ),
  }));
  const docArb = fc.tuple(fc.boolean(), tree, fc.constantFrom("", "\n", "\r\n  ")).map(([decl, root, tail]) => `${decl ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' : ""}${root}${tail}`);

  test("generated documents, from each source", () => {
    fc.assert(
      fc.property(docArb, (xml) => {
        let expected: Event[];
        try {
          expected = withSaxes(xml);
        } catch {
          return; // the generator made something saxes refuses (e.g. "--" in a comment): not this property's case
        }
        for (const [, source] of SOURCES) expect(withScanner(xml, source)).toEqual(expected);
      }),
      { numRuns: 2000, seed: 42 },
    );
  });
});

describe("the scanner refuses what saxes refuses", () => {
  test.each([
    ["an unclosed element", "<a><b></b>"],
    ["a mismatched end tag", "<a><b></a></b>"],
    ["an end tag with no start", "<a></a></b>"],
    ["a repeated attribute", '<a r="1" r="2"/>'],
    ["a repeated attribute among many", `<a ${Array.from({ length: 40 }, (_, k) => `x${k}="${k}"`).join(" ")} x3="again"/>`],
    ["a repeated attribute, the 17th repeating the 2nd", `<a ${Array.from({ length: 16 }, (_, k) => `x${k}="${k}"`).join(" ")} x1="again"/>`],
    ["an undefined entity", "<a>&xxe;</a>"],
    ["a bare ampersand", "<a>fish & chips</a>"],
    ["a NUL character reference", "<a>&#0;</a>"],
    ["a malformed character reference", "<a>&#x;</a>"],
    ["'<' in an attribute value", '<a b="<"/>'],
    ["an unquoted attribute", "<a b=1/>"],
    ["no space between attributes", '<a b="1"c="2"/>'],
    ["text outside the root", "<a/>text"],
    ["two roots", "<a/><b/>"],
    ["no root", "   "],
    ["a DOCTYPE", '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ["a truncated tag", '<a><b c="1"'],
    ["an invalid element name", "<1a/>"],
    ["an undefined entity in an attribute nobody reads", '<a><b x="&xxe;"/></a>'],
    ["a bad reference after a text that is read", "<a><b>ok</b>&#xD800;</a>"],
    ["a truncated end tag", "<a></a"],
    ["an end tag that only starts like the open one", "<abc></ab>"],
  ])("%s", (_what, xml) => {
    expect(() => withSaxes(xml)).toThrow();
    for (const [, source] of SOURCES) expect(() => withScanner(xml, source)).toThrow(XmlSyntaxError);
  });

  test("many distinct attributes are read, in order", () => {
    const xml = `<a ${Array.from({ length: 40 }, (_, k) => `x${k}="${k}"`).join(" ")}/>`;
    expect(withScanner(xml)).toEqual(withSaxes(xml));
  });

  test("errors say the line", () => {
    const e = (() => {
      try {
        withScanner("<a>\n<b>\n\n</c></a>");
      } catch (err) {
        return err as XmlSyntaxError;
      }
    })();
    expect(e?.line).toBe(4);
  });

  test("nesting beyond the allowed depth", () => {
    expect(() => withScanner("<a>".repeat(65) + "</a>".repeat(65))).toThrow(XmlDepthError);
    expect(withScanner("<a>".repeat(64) + "</a>".repeat(64))).toHaveLength(128);
  });
});

describe("hostile input costs time linear in its size", () => {
  // A part is scanned whole; its size was bounded before (the reader's part limit: test/hostile-files.test.ts).
  const timed = (xml: string) => {
    const t0 = performance.now();
    let error: unknown = null;
    try {
      withScanner(xml);
    } catch (e) {
      error = e;
    }
    return { ms: performance.now() - t0, error };
  };

  test.each([
    ["a tag that never ends", '<a b="' + "x".repeat(8_000_000)],
    ["8 MB of ampersands without a semicolon", "<a>" + "&".repeat(8_000_000) + "</a>"],
    ["a million references", "<a>" + "&quot;&#x4E2D;".repeat(1_000_000) + "</a>"],
    ["10,000 attributes", `<a ${Array.from({ length: 10_000 }, (_, k) => `x${k}="${k}"`).join(" ")}/>`],
    ["a million empty elements", `<a>${"<b/>".repeat(1_000_000)}</a>`],
    ["an end tag searched for across 8 MB", `<a>${"x".repeat(8_000_000)}`],
  ])("%s", (_what, xml) => {
    const { ms } = timed(xml);
    expect(ms).toBeLessThan(5000);
  });
});

describe("the pull interface", () => {
  const pull = (xml: string) => new XmlPull(stringSource(xml), 64);

  test("names, attributes and text by position; values decoded only when asked", () => {
    const x = pull('<x:c r="B2" t="s" x:id="7"><x:v>&quot;1&quot;</x:v></x:c>');
    expect(x.next()).toBe(OPEN);
    expect([x.is("c"), x.is("x:c"), x.name(), x.localName(), x.localLength]).toEqual([true, false, "x:c", "c", 1]);
    expect([x.attr("r"), x.attr("t"), x.attr("q"), x.prefixedAttr("id")]).toEqual([0, 1, -1, 2]);
    expect([x.value(0), x.valueRaw(0), x.valueIs(1, "s"), x.valueIs(1, "str"), x.valueOf("x:id")]).toEqual(["B2", "B2", true, false, "7"]);
    expect([x.next(), x.localName()]).toEqual([OPEN, "v"]);
    expect(x.next()).toBe(TEXT);
    expect([x.text(), x.rawText(), x.rawTextLength]).toEqual(['"1"', "&quot;1&quot;", 13]);
    expect(x.next()).toBe(2);
    expect(x.next()).toBe(2);
    expect(x.next()).toBe(DONE);
  });

  test("a value with a reference or a control character is compared as it reads", () => {
    const x = pull('<c t="&#115;" u="a&#9;b" w="a	b"/>');
    x.next();
    expect([x.valueIs(0, "s"), x.value(1), x.value(2)]).toEqual([true, "a\tb", "a b"]);
  });

  test("a text is only known by its bytes once its references were checked", () => {
    // rawText checks before it hands a text out (for a cache): a bad reference is never cached.
    const bad = pull("<a>x&bogus;</a>");
    bad.next();
    expect(bad.next()).toBe(TEXT);
    expect(() => bad.rawText()).toThrow(/undefined entity/);
    // A text recognised by textIsRaw is not checked again; one that differs is.
    const good = pull("<a>x&amp;</a>");
    good.next();
    good.next();
    const raw = good.rawText();
    const again = pull("<a>x&amp;</a>");
    again.next();
    again.next();
    expect(again.textIsRaw(raw)).toBe(true);
    expect([again.next(), again.next()]).toEqual([2, DONE]);
    const other = pull("<a>x&bogus;</a>");
    other.next();
    other.next();
    expect(other.textIsRaw(raw)).toBe(false);
    expect(() => other.next()).toThrow(/undefined entity/);
  });

  test("UTF-8 bytes: positions are bytes, texts decoded", () => {
    const x = new XmlPull(nodeCodec.xml(new TextEncoder().encode('\ufeff<a n="中文">　x&#x4E2D;</a>'))!, 64);
    expect(x.next()).toBe(OPEN);
    expect(x.value(0)).toBe("中文");
    expect(x.next()).toBe(TEXT);
    expect(x.text()).toBe("　x中");
    expect(nodeCodec.xml(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]))).toBeNull();
    expect(portableCodec.xml(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]))).toBeNull();
  });
});
