"""The HTTP service: `/health` for the orchestrator, `/predict` to generate an image, `/` for a
demo page.

The model is loaded when the app is built (server start) and never trained here. Until a model
loads, `/health` and `/predict` answer 503 with the reason; each call retries the load, so running
`make train` while the server runs brings it up without a restart.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field, constr

from . import __version__
from .data import SIZE
from .demo import demo_html
from .model import MODEL_PATH, ConditionalVAE, load_generator
from .predict import Refused, generate, to_png_base64


class PredictRequest(BaseModel):
    prompt: constr(strip_whitespace=True, min_length=1, max_length=200) = Field(
        ..., description="The class to draw, e.g. circle"
    )
    seed: int = Field(0, ge=0, le=2**31 - 1, description="Same seed, same image")


class PredictResponse(BaseModel):
    prompt: str
    width: int
    height: int
    png_base64: str
    model_version: str


class ModelSlot:
    """The served generator and its class names, or why there is none yet."""

    def __init__(self, model: ConditionalVAE | None, class_names: tuple[str, ...], path: Path):
        self.model, self.class_names, self.path, self.reason = model, class_names, path, ""
        self.ensure_loaded()

    def ensure_loaded(self) -> bool:
        if self.model is None:
            try:
                self.model, self.class_names, _ = load_generator(self.path)
            except (FileNotFoundError, ValueError) as error:
                self.reason = str(error)
        return self.model is not None

    def not_ready(self) -> JSONResponse:
        return JSONResponse({"status": "not ready", "reason": self.reason}, status_code=503)


def create_app(
    model: ConditionalVAE | None = None,
    class_names: tuple[str, ...] = (),
    model_path: Path = MODEL_PATH,
) -> FastAPI:
    """The app serving `model` (with its `class_names`), or the model saved at `model_path`."""
    app = FastAPI(title="{{projectName}}", version=__version__)
    slot = ModelSlot(model, class_names, model_path)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def demo() -> str:
        return demo_html("{{projectName}}")

    @app.get("/health")
    def health():
        if not slot.ensure_loaded():
            return slot.not_ready()
        return {"status": "ok", "classes": list(slot.class_names), "model_version": __version__}

    @app.post("/predict", response_model=PredictResponse)
    def predict_endpoint(request: PredictRequest):
        if not slot.ensure_loaded():
            return slot.not_ready()
        try:
            image = generate(slot.model, slot.class_names, request.prompt, request.seed)
        except Refused as refused:
            raise HTTPException(422, detail=f"refused by the safety filter: {refused}") from None
        return PredictResponse(
            prompt=request.prompt,
            width=SIZE,
            height=SIZE,
            png_base64=to_png_base64(image),
            model_version=__version__,
        )

    return app


app = create_app()
