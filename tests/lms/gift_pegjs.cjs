// Reads GIFT on standard input and prints what gift-pegjs (an independent GIFT parser
// from npm) makes of it, as JSON; a syntax error prints {error, location} and exits 3.
const { parse } = require("gift-pegjs");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  try {
    process.stdout.write(JSON.stringify(parse(input)));
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: String(error.message), location: error.location }));
    process.exitCode = 3;
  }
});
