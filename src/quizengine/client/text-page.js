// The `text` question's grader and page behaviour, for pages with a text question (built into
// assets/text.min.js): grader.js and quizengine.js find them as QE.text and QE.textUnrated.
import * as text from "./text.js";

const QE = (self.QE = self.QE || {});
QE.text = text;
QE.textUnrated = text.unrated;
// After an instant navigation this file may run after quizengine.js, which then left the quiz
// for it to mount.
if (QE.init) QE.init();
