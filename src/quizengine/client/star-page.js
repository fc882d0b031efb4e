// The STAR analysis for pages with a STAR question (built into assets/star.min.js): the grader
// and the UI find it as QE.star, whichever of the two files runs first. On a page with a
// free-mode question, star-model.min.js brings the part finder's weights; either file may
// run first, so whichever runs second hands them over.
import star from "./star.js";

const qe = (self.QE = self.QE || {});
qe.star = star;
if (qe.starModel) star.useModel(qe.starModel);
