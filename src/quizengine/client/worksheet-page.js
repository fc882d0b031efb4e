// What a page with a worksheet loads besides the quiz client (built into
// assets/worksheet.min.js), in a file of its own so that other quiz pages do not pay for it.
import start from "./worksheet.js";

start(self);
