// grader.test.mjs again, on the built quizengine.min.js that the pages load (see client.mjs).
import "./grader.test.mjs?built";
