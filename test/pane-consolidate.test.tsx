/**
 * The pane's 汇总 preview (src/taskpane/Consolidate.tsx), rendered to static markup: 自评 and 核定 beside each
 * ranked score and the moved-units sentence once a return was reviewed; the plain preview otherwise.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { GroupResult } from "../src/taskpane/Consolidate";
import { consolidate } from "../src/consolidate/roster";
import { REVIEW_POLICY, REVIEW_UNITS, reviewedOutcomes } from "./helpers/reviewed";

/** The text of every element carrying data-testid `id`, in order. */
function texts(html: string, id: string): string[] {
  return [...html.matchAll(new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</span>`, "g"))].map((m) => m[1].replace(/<!-- -->/g, "").replace(/<[^>]+>/g, ""));
}

describe("GroupResult", () => {
  const reviewed = consolidate(reviewedOutcomes(), REVIEW_UNITS, REVIEW_POLICY).groups[0];

  test("zh-CN: both scores per ranked unit (核定 order: 区丁局, 区乙局, 区戊局, 甲镇) and the sentence", () => {
    const html = renderToStaticMarkup(<GroupResult group={reviewed} threshold={80} locale="zh-CN" />);
    expect(texts(html, "both-scores")).toEqual(["自评 95 · 核定 —", "自评 91 · 核定 88", "自评 86 · 核定 86", "自评 81 · 核定 78"]);
    expect(html).toContain("4个单位经核定，核定改变了2个单位的80分线归属、3个单位的等次");
  });

  test("en-US: the sentence in English", () => {
    const html = renderToStaticMarkup(<GroupResult group={reviewed} threshold={80} locale="en-US" />);
    expect(html.replace(/<!-- -->/g, "")).toContain("4 units reviewed: the review moved 2 across the 80-point line and 3 into another tier");
    expect(texts(html, "both-scores")[1]).toBe("self 91 · reviewed 88");
  });

  test("no return reviewed: the plain preview", () => {
    const plain = consolidate(reviewedOutcomes().map((o) => (o.ok ? { ok: true as const, ret: { ...o.ret, review: null } } : o)), REVIEW_UNITS, REVIEW_POLICY).groups[0];
    const html = renderToStaticMarkup(<GroupResult group={plain} threshold={80} locale="zh-CN" />);
    expect(html).not.toContain("both-scores");
    expect(html).not.toContain("moved-sentence");
  });
});
