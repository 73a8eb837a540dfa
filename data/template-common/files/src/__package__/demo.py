"""The demo page at `/`: a form that posts the example request to /predict.

No framework and no external assets, so it works offline and under a strict Content-Security-Policy.
"""

from __future__ import annotations

import html
import json

from .tracking import PROJECT_ROOT

EXAMPLE_PATH = PROJECT_ROOT / "examples" / "predict_request.json"

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__ demo</title>
<style>
  body {
    font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
  }
  textarea, pre { width: 100%; box-sizing: border-box; font: 14px/1.4 ui-monospace, monospace; }
  textarea { min-height: 9rem; }
  pre { background: #f4f4f4; padding: 1rem; overflow: auto; min-height: 3rem; }
  button { font: inherit; padding: .4rem 1rem; }
</style>
</head>
<body>
<h1>__TITLE__</h1>
<p>Edit the request and send it to <code>POST /predict</code>.
The API's schema is at <a href="docs">/docs</a>.</p>
<form id="form">
  <label for="body">Request (JSON)</label>
  <textarea id="body" name="body" spellcheck="false">__EXAMPLE__</textarea>
  <p><button type="submit">Predict</button> <span id="status" role="status"></span></p>
</form>
<pre id="answer" aria-live="polite"></pre>
<script>
  const form = document.getElementById("form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const status = document.getElementById("status");
    const answer = document.getElementById("answer");
    status.textContent = "…";
    try {
      const started = performance.now();
      const response = await fetch("predict", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: document.getElementById("body").value,
      });
      const text = await response.text();
      status.textContent = `${response.status} in ${Math.round(performance.now() - started)} ms`;
      try {
        answer.textContent = JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        answer.textContent = text;
      }
    } catch (error) {
      status.textContent = "request failed";
      answer.textContent = String(error);
    }
  });
</script>
</body>
</html>
"""


def demo_html(title: str) -> str:
    """The page, with the example request from examples/predict_request.json (escaped for HTML)."""
    example = json.dumps(json.loads(EXAMPLE_PATH.read_text(encoding="utf-8")), indent=2)
    page = _PAGE.replace("__TITLE__", html.escape(title))
    return page.replace("__EXAMPLE__", html.escape(example))
