// The STAR analysis and how its results are shown, for pages with a STAR question (built into
// assets/star.min.js): the grader and the UI find them as QE.star and QE.starShow/starUnrated,
// whichever of the two files runs first.
import star from "./star.js";
import { show, unrated } from "./star-ui.js";

const QE = (self.QE = self.QE || {});
QE.star = star;
QE.starShow = show;
QE.starUnrated = unrated;
