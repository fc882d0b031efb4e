// What a page with the offer calculator loads besides the quiz client (built into
// assets/calculator.min.js): the method (offers.js) and the form's behaviour, in a file of its
// own so that quiz pages do not pay for it.
import start from "./calculator.js";

start(self);
