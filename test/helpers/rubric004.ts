/**
 * A small test rubric with every construct 004 needs (issue 10), its clauses worded after 004 (the 2023 county
 * table; shared/seeds/004_…): parts scored above with and without printed points (9.1 检查要求4 "日常工作占15分"),
 * clauses aimed at another level (省级, 省份), exemptions beside a clause (不扣分, 不计入次数), alternatives for one
 * fact (a 检查要求 restating a 评分要点 with another amount; 39 减分项 against a 14–18 clause), a closed list ("各扣2分"
 * over 安全生产、消防工作: `listed` / `sameText`), and selectable items
 * (19.2–19.9 "结合检查重点选查") in a "sum" and a "deduct" section. The formula-truth, engine and round-trip tests
 * use it beside the shipped rubrics (which do not use these constructs yet).
 */
import type { Rubric } from "../../src/rubric/schema";
import { parseRubric } from "../../src/rubric/load";

export const RUBRIC_004_RAW = {
  format: 1,
  id: "test004",
  version: "1",
  title: "004 构造测试表",
  source: { file: "004_97df8b5eb248e478.txt" },
  fields: { header: [{ id: "unitName", label: "单位名称", required: true }], footer: [] },
  evidence: { required: true },
  sections: [
    {
      id: "s9", label: "9", title: "专项排查整治", points: 28, implicit: true,
      items: [
        {
          id: "s9.i1", label: "9.1", text: "研究制定专项行动方案，健全工作机制。", points: 19,
          clauses: [
            { id: "s9.i1.c1", kind: "fixed", amount: 1, text: "未迅速研究制定本地区专项行动工作方案的，扣1分" },
            { id: "s9.i1.c2", kind: "fixed", amount: 1, text: "未结合本地区实际进一步补充完善相关整治内容的，扣1分" },
            { id: "s9.i1.c3", kind: "counted", amount: 1, unit: "项", cap: 2, text: "未建立健全专项行动组织领导和常态化督导检查机制的，每项扣1分" },
            {
              id: "s9.i1.c4", kind: "scoredAbove", by: "国务院安委会办公室", points: 15,
              text: "全国重大事故隐患专项整治2023行动中，日常工作占15分，由国务院安委会办公室直接评分。",
            },
          ],
        },
        {
          id: "s9.i2", label: "10.1", text: "发挥宣传组织优势加强全社会共同监督。", points: 3,
          clauses: [
            { id: "s9.i2.c1", kind: "fixed", amount: 1, text: "未开展安全生产重大事故隐患和重大火灾隐患公开曝光的，扣1分" },
            {
              id: "s9.i2.c2", kind: "fixed", amount: 1, text: "未推动在省级主流电视媒体开设安全生产专题栏目的，扣1分",
              notApplicable: { level: "省级", note: "推动省级主流电视媒体开设专题栏目是省级的工作，县级不填" },
            },
            {
              id: "s9.i2.c3", kind: "discretionary", cap: 1, text: "未落实举报奖励制度的，酌情扣分",
              exemptions: ["因不能联系到举报人或举报人拒绝领取奖励的，不扣分"],
            },
            // A closed list (004 2.2 "……各扣2分"): one clause per listed thing, the sentence carried once; the
            // second thing repeats the sentence's exemption, which the sheet prints once.
            {
              id: "s9.i2.c4", kind: "fixed", amount: 2, listed: "安全生产",
              text: "未将安全生产、消防工作作为党政正职应急管理培训的重要内容的，各扣2分",
              exemptions: ["在县级党政负责人有关培训中，包含安全生产、消防内容的，不扣分。"],
            },
            {
              id: "s9.i2.c5", kind: "fixed", amount: 2, listed: "消防工作", sameText: "s9.i2.c4",
              exemptions: ["在县级党政负责人有关培训中，包含安全生产、消防内容的，不扣分。"],
            },
          ],
        },
        {
          id: "s9.i3", label: "10.2", text: "强化信息报送。", points: 2,
          clauses: [
            { id: "s9.i3.c1", kind: "award", amount: 1, text: "建立本区域重大事故隐患数据库的，得1分", exemptions: ["使用国家数据报送系统的不扣分。"] },
            { id: "s9.i3.c2", kind: "award", amount: 1, text: "按时报送信息的，得1分" },
            { id: "s9.i3.c3", kind: "scoredAbove", by: "国务院安委会办公室", text: "准确、规范报送信息有关情况由国务院安委会办公室直接评分。" },
          ],
        },
        {
          id: "s9.i4", label: "11.1", text: "粉尘涉爆安全生产风险监测预警系统建设应用。", points: 4,
          clauses: [
            { id: "s9.i4.c1", kind: "award", amount: 1, text: "建设风险监测预警系统的，得1分" },
            { id: "s9.i4.c2", kind: "award", amount: 1, text: "系统投入应用的，得1分" },
            { id: "s9.i4.c3", kind: "scoredAbove", by: "应急管理部", points: 2, text: "粉尘涉爆安全生产风险监测预警系统建设应用由应急管理部直接评分。" },
          ],
        },
      ],
    },
    {
      id: "s14", label: "14", title: "企业主要负责人带队检查", points: 4, implicit: true,
      items: [
        {
          id: "s14.i1", label: "14", text: "推动企业主要负责人带队检查。", points: 4,
          clauses: [
            { id: "s14.i1.c1", kind: "fixed", amount: 1, text: "企业主要负责人未带队检查的，扣1分" },
            {
              id: "s14.i1.c2", kind: "fixed", amount: 2, text: "检查要求：主要负责人未带队检查的，扣2分",
              exemptions: ["存在走过场、仅听汇报或仅简单笼统提出要求等情况的，不计入次数。"],
            },
            { id: "s14.i1.c3", kind: "counted", amount: 1, unit: "处", text: "抽查企业存在重大事故隐患的，每处扣1分" },
            { id: "s14.i1.c4", kind: "discretionary", text: "检查要求：带队检查流于形式的，酌情扣分" },
          ],
        },
      ],
    },
    {
      id: "s19", label: "19", title: "扎实推动相关行业领域专项整治", points: 8,
      items: [
        {
          id: "s19.i2", label: "19.2", text: "扎实推动相关行业领域专项整治：矿山（结合检查重点选查）。", points: 3,
          selectable: { text: "结合检查重点选查" },
          clauses: [
            { id: "s19.i2.c1", kind: "counted", amount: 1, unit: "项", cap: 3, text: "未深化瓦斯、冲击地压、水害、火灾、尾矿库溃坝、尾矿泄漏等重大灾害超前治理的，每项扣1分" },
            { id: "s19.i2.c2", kind: "fixed", amount: 1, text: "未开展露天矿山安全生产专项整治的，扣1分" },
          ],
        },
        {
          id: "s19.i5", label: "19.5", text: "扎实推动相关行业领域专项整治：危险化学品（结合检查重点选查）", points: 3,
          selectable: { text: "结合检查重点选查" },
          clauses: [
            { id: "s19.i5.c1", kind: "fixed", amount: 1, text: "未开展化工园区认定管理“回头看”的，扣1分" },
            {
              id: "s19.i5.c2", kind: "fixed", amount: 1, text: "获批化工产业集聚区重大风险防控项目省份未按要求成立专班并定期调度推进项目建设，扣1分",
              notApplicable: { level: "省份", note: "针对获批项目的省份，县级不填" },
            },
            { id: "s19.i5.c3", kind: "discretionary", text: "其他危险化学品专项整治工作不到位的，酌情扣分" },
          ],
        },
        {
          id: "s19.i7", label: "19.7", text: "扎实推动相关行业领域专项整治：渔业船舶（结合检查重点选查）", points: 2,
          selectable: { text: "结合检查重点选查" },
          clauses: [
            { id: "s19.i7.c1", kind: "award", amount: 1, text: "开展渔业船舶安全专项整治的，得1分" },
            { id: "s19.i7.c2", kind: "bonus", amount: 0.5, unit: "项", cap: 1, text: "每开展1项渔船安全专项活动加0.5分，最高可加1分" },
          ],
        },
      ],
    },
    {
      id: "s20", label: "20", title: "道路交通（选查，扣分制）", points: 5, scoring: "deduct",
      items: [
        {
          id: "s20.i1", label: "19.3", text: "扎实推动相关行业领域专项整治：道路交通（结合检查重点选查）。",
          selectable: { text: "结合检查重点选查" },
          clauses: [
            { id: "s20.i1.c1", kind: "fixed", amount: 2, text: "未持续开展道路交通事故预防“减量控大”工作的，扣1分" },
            { id: "s20.i1.c2", kind: "counted", amount: 1, unit: "个", cap: 3, text: "未聚焦“两客一危一货一面”等重点车辆……的，每个扣1分" },
          ],
        },
      ],
    },
  ],
  penalties: [
    {
      id: "p39", label: "39", text: "减分项",
      guidance: "实地抽查重点企业，重点核查企业存在隐患问题等情况，在检查14至18项中，发现属于重大隐患的，在此项扣分（每项扣0.5分），其他按照有关评分项有关要求扣分。",
      clauses: [
        { id: "p39.c1", kind: "counted", amount: 0.5, unit: "项", text: "明查暗访发现企业单位存在重大事故隐患的，每项扣0.5分" },
        {
          id: "p39.c2", kind: "fixed", amount: 0.5, text: "省级通报的重大事故隐患未整改的，扣0.5分",
          notApplicable: { level: "省级", note: "测试：减分项中不适用于本级的条款" },
        },
      ],
    },
  ],
  exclusive: [
    { id: "x14", clauses: ["s14.i1.c1", "s14.i1.c2", "s14.i1.c4"], note: "检查要求重述评分要点“主要负责人未带队检查”而分值不同，同一事实只在其中一条扣分" },
    { id: "x39", clauses: ["s14.i1.c3", "p39.c1"], note: "39检查要求：在检查14至18项中发现属于重大隐患的，在减分项扣分" },
    // Each finding in one of them, several findings in both (004 39 against 14.2's hazard kinds): shown, not checked.
    { id: "x9", scope: "finding", clauses: ["s9.i2.c1", "s9.i1.c3"], note: "测试：按发现的问题分处扣分，同一问题只在一处填写" },
  ],
} as const;

export function rubric004(): Rubric {
  return parseRubric(JSON.parse(JSON.stringify(RUBRIC_004_RAW)), "test004.json");
}
