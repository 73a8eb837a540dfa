"""The HTTP service: `/health` for the orchestrator, `/predict` for clients."""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel, Field

from . import __version__
from .predict import load_or_train, predict


class PredictRequest(BaseModel):
    text: str = Field(..., min_length=1, max_length=5000, description="The ticket text")


class PredictResponse(BaseModel):
    label: str
    confidence: float
    model_version: str


def create_app(model=None) -> FastAPI:
    """Builds the app; tests pass a model, the server loads one lazily on the first request."""
    app = FastAPI(title="{{projectName}}", version=__version__)
    state = {"model": model}

    def current_model():
        if state["model"] is None:
            state["model"] = load_or_train()
        return state["model"]

    @app.get("/health")
    def health() -> dict[str, object]:
        return {"status": "ok", "model_loaded": state["model"] is not None}

    @app.post("/predict", response_model=PredictResponse)
    def predict_endpoint(request: PredictRequest) -> PredictResponse:
        prediction = predict(current_model(), [request.text])[0]
        return PredictResponse(
            label=prediction.label, confidence=prediction.confidence, model_version=__version__
        )

    return app


app = create_app()
