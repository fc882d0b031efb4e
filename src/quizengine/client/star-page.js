// The STAR analysis and how its results are shown, for pages with a STAR question (built into
// assets/star.min.js): the grader and the UI find them as QE.star and QE.starShow/starUnrated,
// whichever of the two files runs first. On a page with a free-mode question,
// star-model.min.js brings the part finder's weights; either file may run first, so whichever
// runs second hands them over.
import star from "./star.js";
import { show, unrated } from "./star-ui.js";

const QE = (self.QE = self.QE || {});
QE.star = star;
QE.starShow = show;
QE.starUnrated = unrated;
if (QE.starModel) star.useModel(QE.starModel);
