/** The superseded rubric versions, by file name in rubrics/archive/; a separate chunk in the task pane. */
import county2023V2023_0 from "../../rubrics/archive/county2023@2023.0-partial.json";
import county2023V2023_1 from "../../rubrics/archive/county2023@2023.1-partial.json";
import lw2015DeptV2015_1 from "../../rubrics/archive/lw2015-dept@2015.1.json";
import qhd2016DeptV2016_1 from "../../rubrics/archive/qhd2016-dept@2016.1.json";
import qhd2016GovV2016_1 from "../../rubrics/archive/qhd2016-gov@2016.1.json";

export const ARCHIVE: Record<string, unknown> = {
  "county2023@2023.0-partial.json": county2023V2023_0,
  "county2023@2023.1-partial.json": county2023V2023_1,
  "lw2015-dept@2015.1.json": lw2015DeptV2015_1,
  "qhd2016-dept@2016.1.json": qhd2016DeptV2016_1,
  "qhd2016-gov@2016.1.json": qhd2016GovV2016_1,
};
