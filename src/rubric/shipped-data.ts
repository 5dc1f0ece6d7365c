/** The current version of every shipped rubric, by file name in rubrics/ (see library.ts). */
import county2023 from "../../rubrics/county2023.json";
import lw2015Dept from "../../rubrics/lw2015-dept.json";
import qhd2016Dept from "../../rubrics/qhd2016-dept.json";
import qhd2016Gov from "../../rubrics/qhd2016-gov.json";
import qhd2016Party from "../../rubrics/qhd2016-party.json";
import xc2018Checklist from "../../rubrics/xc2018-checklist.json";

export const SHIPPED_SOURCES: Record<string, unknown> = {
  "county2023.json": county2023,
  "lw2015-dept.json": lw2015Dept,
  "qhd2016-dept.json": qhd2016Dept,
  "qhd2016-gov.json": qhd2016Gov,
  "qhd2016-party.json": qhd2016Party,
  "xc2018-checklist.json": xc2018Checklist,
};
