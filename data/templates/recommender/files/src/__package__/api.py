"""The HTTP service: `/health` for the orchestrator, `/predict` for clients, `/` for a demo page.

The model is loaded when the app is built (server start) and never trained here. Until a model
loads, `/health` and `/predict` answer 503 with the reason; each call retries the load, so running
`make train` while the server runs brings it up without a restart.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

from . import __version__
from .demo import demo_html
from .model import MODEL_PATH, PopularityRecommender, load_model
from .predict import recommend


class PredictRequest(BaseModel):
    user_id: int = Field(..., ge=0, description="The user; unknown users get popular items")
    k: int = Field(10, ge=1, le=50, description="How many items to return")


class PredictResponse(BaseModel):
    items: list[int]
    titles: list[str]
    cold_start: bool
    model_version: str


class ModelSlot:
    """The served model, or why there is none yet."""

    def __init__(self, model: PopularityRecommender | None, path: Path):
        self.model, self.path, self.reason = model, path, ""
        self.ensure_loaded()

    def ensure_loaded(self) -> bool:
        if self.model is None:
            try:
                self.model = load_model(self.path)
            except (FileNotFoundError, ValueError) as error:
                self.reason = str(error)
        return self.model is not None

    def not_ready(self) -> JSONResponse:
        return JSONResponse({"status": "not ready", "reason": self.reason}, status_code=503)


def create_app(
    model: PopularityRecommender | None = None, model_path: Path = MODEL_PATH
) -> FastAPI:
    """The app serving `model`, or the model saved at `model_path` (tests pass either)."""
    app = FastAPI(title="{{projectName}}", version=__version__)
    slot = ModelSlot(model, model_path)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def demo() -> str:
        return demo_html("{{projectName}}")

    @app.get("/health")
    def health():
        if not slot.ensure_loaded():
            return slot.not_ready()
        return {"status": "ok", "model_version": __version__}

    @app.post("/predict", response_model=PredictResponse)
    def predict_endpoint(request: PredictRequest):
        if not slot.ensure_loaded():
            return slot.not_ready()
        items, cold = recommend(slot.model, request.user_id, request.k)
        return PredictResponse(
            items=items,
            titles=[slot.model.title(i) for i in items],
            cold_start=cold,
            model_version=__version__,
        )

    return app


app = create_app()
