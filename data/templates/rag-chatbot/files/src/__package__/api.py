"""The HTTP service: `/health` for the orchestrator, `/predict` to answer a question."""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel, Field

from . import __version__
from .predict import answer, load_or_build


class PredictRequest(BaseModel):
    question: str = Field(..., min_length=3, max_length=500, description="A question about the product")


class PredictResponse(BaseModel):
    answer: str
    sources: list[str]
    refused: bool
    model_version: str


def create_app(index=None) -> FastAPI:
    """Builds the app; tests pass an index, the server loads one lazily on the first request."""
    app = FastAPI(title="{{projectName}}", version=__version__)
    state = {"index": index}

    def current_index():
        if state["index"] is None:
            state["index"] = load_or_build()
        return state["index"]

    @app.get("/health")
    def health() -> dict[str, object]:
        return {"status": "ok", "index_loaded": state["index"] is not None}

    @app.post("/predict", response_model=PredictResponse)
    def predict_endpoint(request: PredictRequest) -> PredictResponse:
        result = answer(current_index(), request.question)
        return PredictResponse(
            answer=result.text, sources=result.sources, refused=result.refused, model_version=__version__
        )

    return app


app = create_app()
