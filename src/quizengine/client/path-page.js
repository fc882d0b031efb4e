// The learner's path (built into assets/path.min.js): loaded by every module page and by
// My progress, on its own or beside quizengine.min.js (render/path.py).
import start from "./path.js";

start(self, document);
