/**
 * The hand-written XML scanner (src/xlsx/xml-scan.ts) against saxes, a conformant parser, as the oracle:
 * the same events for every part of every golden return and for generated documents, however the input
 * is cut into chunks; both refuse the same malformed documents; memory stays bounded on huge input.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { MAX_MARKUP, XmlDepthError, XmlScanner, XmlSyntaxError, local } from "../src/xlsx/xml-scan";

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

function withScanner(chunks: string[], maxDepth = 64): Event[] {
  const events: Event[] = [];
  const s = new XmlScanner(
    {
      open: (name, attrs) => push(events, ["open", name, Object.fromEntries(attrs.flatMap((a, k) => (k % 2 === 0 ? [[a, attrs[k + 1]]] : [])))]),
      close: (name) => push(events, ["close", name]),
      text: (t) => push(events, ["text", t]),
    },
    maxDepth,
  );
  for (const c of chunks) s.write(c);
  s.end();
  return events;
}

/** `xml` cut at the given offsets (sorted, deduplicated). */
const cut = (xml: string, at: number[]) => {
  const points = [...new Set(at.map((k) => k % (xml.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of points) {
    out.push(xml.slice(from, p));
    from = p;
  }
  out.push(xml.slice(from));
  return out;
};

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
  test("every part of every golden return (made by SafeScore, re-saved by LibreOffice and openpyxl), whole and in random chunks", () => {
    expect(goldenParts.length).toBeGreaterThan(100);
    for (const [name, xml] of goldenParts) {
      const expected = withSaxes(xml);
      expect({ name, events: withScanner([xml]) }).toEqual({ name, events: expected });
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 12 }), (at) => {
          expect(withScanner(cut(xml, at))).toEqual(expected);
        }),
        { numRuns: 5, seed: name.length },
      );
    }
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

  test("generated documents, in random chunks", () => {
    fc.assert(
      fc.property(docArb, fc.array(fc.nat(), { maxLength: 8 }), (xml, at) => {
        let expected: Event[];
        try {
          expected = withSaxes(xml);
        } catch {
          return; // the generator made something saxes refuses (e.g. "--" in a comment): not this property's case
        }
        expect(withScanner(cut(xml, at))).toEqual(expected);
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
  ])("%s", (_what, xml) => {
    expect(() => withSaxes(xml)).toThrow();
    expect(() => withScanner([xml])).toThrow(XmlSyntaxError);
    // …however it is cut.
    for (let k = 1; k < xml.length; k++) expect(() => withScanner([xml.slice(0, k), xml.slice(k)])).toThrow(XmlSyntaxError);
  });

  test("many distinct attributes are read, in order", () => {
    const xml = `<a ${Array.from({ length: 40 }, (_, k) => `x${k}="${k}"`).join(" ")}/>`;
    expect(withScanner([xml])).toEqual(withSaxes(xml));
  });

  test("errors say the line", () => {
    const e = (() => {
      try {
        withScanner(["<a>\n<b>\n\n</c></a>"]);
      } catch (err) {
        return err as XmlSyntaxError;
      }
    })();
    expect(e?.line).toBe(4);
  });

  test("nesting beyond the allowed depth", () => {
    expect(() => withScanner(["<a>".repeat(65) + "</a>".repeat(65)])).toThrow(XmlDepthError);
    expect(withScanner(["<a>".repeat(64) + "</a>".repeat(64)])).toHaveLength(128);
  });
});

describe("bounded memory", () => {
  test("megabytes of text pass through without being held", () => {
    let longest = 0;
    const s = new XmlScanner({ open() {}, close() {}, text: (t) => (longest = Math.max(longest, t.length)) }, 64);
    s.write("<a>");
    for (let k = 0; k < 200; k++) s.write(" ".repeat(64 * 1024));
    s.write("</a>");
    s.end();
    expect(longest).toBeLessThanOrEqual(64 * 1024);
  });

  test("a tag that never ends is refused at MAX_MARKUP", () => {
    const s = new XmlScanner({ open() {}, close() {}, text() {} }, 64);
    s.write('<a b="');
    expect(() => {
      for (let k = 0; k < 10; k++) s.write("x".repeat(MAX_MARKUP / 4));
    }).toThrow(/markup longer than/);
  });
});
