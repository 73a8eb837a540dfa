"""The HTTP service: `/health` for the orchestrator, `/predict` for clients."""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel, Field

from . import __version__
from .predict import load_or_train, recommend


class PredictRequest(BaseModel):
    user_id: int = Field(..., ge=0, description="The user to recommend for; unknown users get popular items")
    k: int = Field(10, ge=1, le=50, description="How many items to return")


class PredictResponse(BaseModel):
    items: list[int]
    cold_start: bool
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
        items, cold = recommend(current_model(), request.user_id, request.k)
        return PredictResponse(items=items, cold_start=cold, model_version=__version__)

    return app


app = create_app()
