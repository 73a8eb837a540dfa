"""The HTTP service: `/health` for the orchestrator, `/predict` to generate an image."""

from __future__ import annotations

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

from . import __version__
from .data import SIZE
from .predict import Refused, generate, load_or_train, to_png_base64


class PredictRequest(BaseModel):
    prompt: str = Field(..., min_length=1, max_length=200, description="The shape to draw, e.g. circle")
    seed: int = Field(0, ge=0, le=2**31 - 1, description="Same seed, same image")


class PredictResponse(BaseModel):
    prompt: str
    width: int
    height: int
    png_base64: str
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
        try:
            image = generate(current_model(), request.prompt, request.seed)
        except Refused as refused:
            raise HTTPException(status_code=422, detail=f"refused by the safety filter: {refused}") from None
        return PredictResponse(
            prompt=request.prompt,
            width=SIZE,
            height=SIZE,
            png_base64=to_png_base64(image),
            model_version=__version__,
        )

    return app


app = create_app()
