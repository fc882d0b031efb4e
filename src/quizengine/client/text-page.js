// The `text` question's grader and page behaviour, for pages with a text question (built into
// assets/text.min.js): grader.js and quizengine.js find them as QE.text and QE.textUnrated.
import * as text from "./text.js";

const QE = (self.QE = self.QE || {});
QE.text = text;
QE.textUnrated = text.unrated;
