// The free-mode part finder's weights (built into assets/star-model.min.js), loaded only by
// pages with a free-mode STAR question: quizengine/star/part_model.json, the file the Python
// engine reads, written by scripts/train_star.py. star.min.js may run before or after this.
import model from "../star/part_model.json";

const qe = (self.QE = self.QE || {});
qe.starModel = model;
if (qe.star) qe.star.useModel(model);
