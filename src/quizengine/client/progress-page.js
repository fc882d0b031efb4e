// The "My progress" page's code (built into assets/progress.min.js): loaded only by the page
// with the progress widget, before or after quizengine.min.js; it registers its widget in
// QE.kinds and uses that file's storage helpers (QE.u).
import start from "./progress.js";

start(self);
