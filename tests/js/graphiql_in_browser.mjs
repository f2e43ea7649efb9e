// Opens GraphiQL at URL in headless Chromium with every request outside the service blocked,
// runs a query with its Run button, and prints {result, offsite} as JSON: the text GraphiQL shows
// in its result pane and the outside URLs the page tried to load (there must be none).
// Usage: node graphiql_in_browser.mjs CHROMIUM URL USER_DATA_DIR
import { chromium } from "playwright-core";

const [executablePath, url, userDataDir] = process.argv.slice(2);
const origin = new URL(url).origin;
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"],
});
const offsite = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.route("**/*", (route) => {
    const target = route.request().url();
    if (target.startsWith(origin) || target.startsWith("data:")) return route.continue();
    offsite.push(target);
    return route.abort();
  });
  await page.goto(url, { waitUntil: "load", timeout: 60000 });
  await page.locator(".graphiql-execute-button").waitFor({ timeout: 60000 });
  // Replace the editor's text with our query through CodeMirror, then press Run.
  await page.evaluate(() => {
    const editor = document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror;
    editor.setValue("query FromTheBrowser { __typename person(id: \"nobody\") { id } }");
  });
  await page.locator(".graphiql-execute-button").click();
  const pane = page.locator(".result-window .CodeMirror");
  await page.waitForFunction(() => {
    const text = document.querySelector(".result-window .CodeMirror")?.CodeMirror?.getValue() ?? "";
    return text.includes("__typename");
  }, null, { timeout: 60000 });
  const result = await pane.evaluate((node) => node.CodeMirror.getValue());
  process.stdout.write(JSON.stringify({ result: JSON.parse(result), offsite }));
} finally {
  await context.close();
}
