// star.test.mjs again, on the built star.min.js that the pages load (see client.mjs).
import "./star.test.mjs?built";
