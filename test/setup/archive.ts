/** Tests read old returns synchronously: register the archived rubric versions the pane loads on demand. */
import { registerArchivedRubrics } from "../../src/rubric/library";
import { ARCHIVE } from "../../src/rubric/archive";

registerArchivedRubrics(ARCHIVE);
