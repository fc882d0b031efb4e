// What a quiz page loads (built into assets/quizengine.min.js): the grader, then the UI, which
// finds it as QE.grade. star.js is a file of its own, loaded only where a STAR question is.
import grade from "./grader.js";
import start from "./quizengine.js";

(self.QE = self.QE || {}).grade = grade;
start(self, document);
