// The STAR analysis for pages with a STAR question (built into assets/star.min.js): the grader
// and the UI find it as QE.star, whichever of the two files runs first.
import star from "./star.js";

(self.QE = self.QE || {}).star = star;
